"""Twilio (SMS, WhatsApp) without buttons: options go out as a numbered list, and a reply with just a
number is read as the matching option of the last message that offered some.

The last options are looked up in the conversation's tracker, so this works with any tracker store and any
number of Rasa servers.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, Sanic

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


class NumberedTwilioInput(TwilioInput):
    @classmethod
    def name(cls) -> str:
        return "twilio"

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

        return super().blueprint(with_choices_resolved)
