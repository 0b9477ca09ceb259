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

import os
import re
from typing import Any

from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage

MAX_CHARS_ENV = "ADVISOR_MAX_MESSAGE_CHARS"
DEFAULT_MAX_CHARS = 2000
TOO_LONG_INTENT = "message_too_long"
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


def too_long_parse_data(kept: str, original_length: int) -> dict[str, Any]:
    return {
        "text": kept,
        "intent": {"name": TOO_LONG_INTENT, "confidence": 1.0},
        "intent_ranking": [{"name": TOO_LONG_INTENT, "confidence": 1.0}],
        "entities": [],
        TOO_LONG_INTENT: {"original_length": original_length, "kept_length": len(kept)},
    }


def guard(message: UserMessage, limit: int | None = None) -> UserMessage:
    """Make the message storable and, when it is too long, cut it and mark it `message_too_long`."""
    limit = limit or max_message_chars()
    message.sender_id = storable(str(message.sender_id))
    if not isinstance(message.text, str):
        return message
    original_length, text = len(message.text), storable(message.text)
    if len(text) <= limit:
        message.text = text
        return message
    message.text = text[:limit].strip()
    message.parse_data = too_long_parse_data(message.text, original_length)
    metadata = message.metadata if isinstance(message.metadata, dict) else {}
    message.metadata = {**metadata, TOO_LONG_INTENT: message.parse_data[TOO_LONG_INTENT]}
    return message


_original_handle_message = Agent.handle_message


async def _handle_message(self: Agent, message: UserMessage) -> Any:
    return await _original_handle_message(self, guard(message))


def apply() -> None:
    Agent.handle_message = _handle_message  # type: ignore[method-assign]
