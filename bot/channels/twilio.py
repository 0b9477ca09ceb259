"""Twilio (SMS, WhatsApp) without buttons: options go out as a numbered list, and a reply with just a
number is read as the matching option of the last message that offered some. Rasa's Twilio connector does
not check that a request comes from Twilio: this one refuses (403) any request without a valid
X-Twilio-Signature, computed by Twilio from the auth token and the webhook's public URL
(`TWILIO_WEBHOOK_URL` when a proxy sits in front, otherwise the URL the request arrived at).

The last options are looked up in the conversation's tracker, so this works with any tracker store and any
number of Rasa servers.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, Sanic, response
from sanic.request import Request
from twilio.request_validator import RequestValidator

NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


def numbered_list(text: str, buttons: list[dict[str, Any]]) -> str:
    options = "\n".join(f"{index}. {button['title']}" for index, button in enumerate(buttons, start=1))
    return f"{text}\n{options}" if text else options


def payload_for_choice(text: str, events: Iterable[dict[str, Any]]) -> str | None:
    """The payload of option N of the last bot message with buttons, when `text` is just N."""
    match = NUMBER.match(text or "")
    if not match:
        return None
    for event in reversed(list(events)):
        if event.get("event") == "user":
            return None  # options offered before the user's last message no longer apply
        buttons = (event.get("data") or {}).get("buttons") if event.get("event") == "bot" else None
        if buttons:
            index = int(match.group(1)) - 1
            return buttons[index]["payload"] if 0 <= index < len(buttons) else None
    return None


class NumberedTwilioOutput(TwilioOutput):
    @classmethod
    def name(cls) -> str:
        return "twilio"

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_message(recipient_id, numbered_list(text, buttons))


def signed_by_twilio(request: Request, auth_token: str, webhook_url: str | None) -> bool:
    signature = request.headers.get("X-Twilio-Signature", "")
    params = {key: values[0] for key, values in (request.form or {}).items()}
    url = webhook_url or request.url
    return bool(auth_token and signature) and RequestValidator(auth_token).validate(url, params, signature)


class NumberedTwilioInput(TwilioInput):
    @classmethod
    def name(cls) -> str:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> NumberedTwilioInput:
        channel = super().from_credentials(credentials)
        channel.webhook_url = (credentials or {}).get("webhook_url")
        return channel

    def get_output_channel(self) -> NumberedTwilioOutput:
        return NumberedTwilioOutput(self.account_sid, self.auth_token, self.twilio_number)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def with_choices_resolved(message: UserMessage) -> Any:
            if NUMBER.match(message.text or ""):
                agent = Sanic.get_app().ctx.agent  # the Rasa server's agent, loaded at start-up
                tracker = await agent.tracker_store.retrieve(message.sender_id)
                payload = payload_for_choice(
                    message.text, tracker.current_state()["events"] if tracker else []
                )
                if payload:
                    message.text = payload
            return await on_new_message(message)

        blueprint = super().blueprint(with_choices_resolved)

        @blueprint.middleware("request")
        async def require_signature(request: Request) -> Any:
            url = getattr(self, "webhook_url", None)
            if request.method == "POST" and not signed_by_twilio(request, self.auth_token or "", url):
                return response.text("invalid X-Twilio-Signature", status=403)
            return None

        return blueprint
