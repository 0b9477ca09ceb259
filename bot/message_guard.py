"""Every incoming message, on every channel, is checked here before NLU sees it.

NLU time grows with message length (a 1 MB message held a Rasa server for about two minutes), so a message
longer than $ADVISOR_MAX_MESSAGE_CHARS (default 2,000) is never parsed: it keeps its first part, gets the
intent `message_too_long` directly (Rasa skips NLU for a `UserMessage` that arrives with `parse_data`),
and a rule answers it (bot/data/rules/hardening.yml). The stored user event keeps the first part as its text
and the original length in its metadata and parse data.

The one seam that every channel passes through (REST, socket.io, the shell's cmdline channel, Slack,
Facebook, Telegram, Twilio) is `Agent.handle_message`: channels build their `UserMessage` in their own
connectors, so a check per connector would need one subclass each and could not reach the shell.
Text and sender ids are also made storable: NUL and other control characters, and lone surrogates from
invalid UTF-8, make PostgreSQL (and JSON encoders) fail.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any

from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage

MAX_CHARS_ENV = "ADVISOR_MAX_MESSAGE_CHARS"
DEFAULT_MAX_CHARS = 2000
TOO_LONG_INTENT = "message_too_long"
# An empty message has nothing to parse: it is "not understood" and gets the ask-to-rephrase reply.
EMPTY_INTENT = "nlu_fallback"
MAX_SENDER_CHARS = 255  # Rasa's SQL tracker store: events.sender_id is VARCHAR(255)
# Keeps tab and newline; drops NUL, the other C0 controls and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def max_message_chars() -> int:
    try:
        return max(1, int(os.environ.get(MAX_CHARS_ENV, DEFAULT_MAX_CHARS)))
    except ValueError:
        return DEFAULT_MAX_CHARS


def storable(text: str) -> str:
    """The text without control characters, and with lone surrogates (invalid UTF-8) replaced."""
    text = CONTROL_CHARACTERS.sub("", text)
    return text.encode("utf-8", "replace").decode("utf-8")


def storable_sender(sender_id: Any) -> str:
    sender = storable(str(sender_id))
    if len(sender) <= MAX_SENDER_CHARS:
        return sender
    digest = hashlib.sha256(sender.encode()).hexdigest()[:32]  # still one id per conversation
    return f"{sender[: MAX_SENDER_CHARS - 33]}-{digest}"


def parse_data_for(text: str, intent: str, **extra: Any) -> dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "intent_ranking": [{"name": intent, "confidence": 1.0}],
        "entities": [],
        **extra,
    }


def too_long_parse_data(kept: str, original_length: int) -> dict[str, Any]:
    details = {"original_length": original_length, "kept_length": len(kept)}
    return parse_data_for(kept, TOO_LONG_INTENT, **{TOO_LONG_INTENT: details})


def guard(message: UserMessage, limit: int | None = None) -> UserMessage:
    """Make the message storable and, when it is too long, cut it and mark it `message_too_long`."""
    limit = limit or max_message_chars()
    message.sender_id = storable_sender(message.sender_id)
    if not isinstance(message.metadata, dict):
        message.metadata = None  # Rasa expects a mapping; a client may send anything
    text = message.text if isinstance(message.text, str) else ""
    original_length, text = len(text), storable(text).strip()
    if not text and not message.parse_data:
        message.text = ""
        message.parse_data = parse_data_for("", EMPTY_INTENT)
        return message
    if len(text) <= limit:
        message.text = text
        return message
    message.text = text[:limit].strip()
    message.parse_data = too_long_parse_data(message.text, original_length)
    message.metadata = {**(message.metadata or {}), TOO_LONG_INTENT: message.parse_data[TOO_LONG_INTENT]}
    return message


_original_handle_message = Agent.handle_message


async def _handle_message(self: Agent, message: UserMessage) -> Any:
    return await _original_handle_message(self, guard(message))


def apply() -> None:
    Agent.handle_message = _handle_message  # type: ignore[method-assign]
