"""Messaging connectors for tests: Rasa's own Slack and Facebook connectors and the project's Twilio one,
unchanged on the way in (parsing, signature checks), but their replies are written to the JSON-lines file
$RECORDED_REPLIES instead of being sent to the platform (there is no network here).
The Rasa server loads them by class path from the test's credentials.yml."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels import facebook
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput
from rasa.core.channels.slack import SlackInput
from sanic import Blueprint
from twilio.request_validator import RequestValidator

from bot.channels.twilio import NumberedTwilioInput, numbered_list


class RecordingOutput(CollectingOutputChannel):
    def __init__(self, channel: str) -> None:
        super().__init__()
        self.channel = channel

    async def _persist_message(self, message: dict[str, Any]) -> None:
        with open(os.environ["RECORDED_REPLIES"], "a", encoding="utf-8") as replies:
            replies.write(json.dumps({"channel": self.channel, **message}) + "\n")

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: list, **kwargs: Any):
        if self.channel == "twilio":  # what NumberedTwilioOutput would send
            await self.send_text_message(recipient_id, numbered_list(text, buttons))
        else:
            await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)


def recording(channel: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable:
    async def handle(message: UserMessage) -> Any:
        message.output_channel = RecordingOutput(channel)
        return await on_new_message(message)

    return handle


class RecordingSlackInput(SlackInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(recording("slack", on_new_message))


async def _no_sender_action(self: Any, recipient_id: str, sender_action: str) -> None:
    """Messenger's "seen" and "typing" indicators would call the Graph API."""


class RecordingFacebookInput(FacebookInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        facebook.MessengerBot.send_action = _no_sender_action
        return super().blueprint(recording("facebook", on_new_message))


class RecordingTwilioInput(NumberedTwilioInput):
    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return super().blueprint(recording("twilio", on_new_message))


# ---------------------------------------------------------------- requests as the platforms sign them


def slack_request(secret: str, text: str, user: str) -> tuple[bytes, dict[str, str]]:
    event = {"type": "message", "channel_type": "im", "user": user, "text": text, "channel": f"D{user}",
             "ts": f"{time.time():.6f}"}  # fmt: skip
    body = json.dumps({"type": "event_callback", "event_id": uuid.uuid4().hex, "event": event}).encode()
    timestamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": timestamp,
               "X-Slack-Signature": f"v0={digest}"}  # fmt: skip
    return body, headers


def facebook_request(secret: str, text: str, user: str) -> tuple[bytes, dict[str, str]]:
    messaging = {"sender": {"id": user}, "recipient": {"id": "page"}, "timestamp": int(time.time() * 1000),
                 "message": {"mid": uuid.uuid4().hex, "text": text}}  # fmt: skip
    body = json.dumps({"object": "page", "entry": [{"id": "page", "messaging": [messaging]}]}).encode()
    signature = "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
    return body, {"Content-Type": "application/json", "X-Hub-Signature": signature}


def twilio_request(auth_token: str, url: str, text: str, user: str) -> tuple[dict[str, str], dict[str, str]]:
    form = {"From": user, "To": "+10000000000", "Body": text, "MessageSid": f"SM{uuid.uuid4().hex}"}
    return form, {"X-Twilio-Signature": RequestValidator(auth_token).compute_signature(url, form)}
