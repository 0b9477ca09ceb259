"""Rasa's socket.io channel (the web widget's), with the client's `session_id` and `customData` checked.

Rasa's handlers fail on a session id that is a list or an object (an exception in the event handler) and
never answer a number (the reply goes to the room "123", the client joined the room 123), and a
`customData` string that is not JSON raises. Here a number becomes its string, any other non-string
session id the socket's own id (every socket is in the room of its id, so the replies reach it), and
metadata that is not an object is dropped, before Rasa's handlers run.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint


def session_id(value: Any, sid: str) -> str:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return sid


def metadata(value: Any) -> dict | None:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


class CheckedSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        assert self.sio is not None
        handlers = self.sio.handlers[self.namespace or "/"]
        session_request, user_message = handlers["session_request"], handlers[self.user_message_evt]

        async def checked_session_request(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            given = data.get("session_id")
            await session_request(sid, {**data, "session_id": uuid.uuid4().hex if given is None else
                                        session_id(given, sid)})  # fmt: skip

        async def checked_user_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                return
            checked = {**data, self.metadata_key: metadata(data.get(self.metadata_key)) or {}}
            if "session_id" in data:
                checked["session_id"] = session_id(data["session_id"], sid)
            if not isinstance(checked.get("message", ""), str):
                checked["message"] = ""
            await user_message(sid, checked)

        handlers["session_request"] = checked_session_request
        handlers[self.user_message_evt] = checked_user_message
        return blueprint
