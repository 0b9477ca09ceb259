"""Talk to `messaging_stack` (tests/conftest.py) on any channel and wait for the replies, as a user would."""

from __future__ import annotations

import json
import time
import uuid

import requests
import socketio
from sqlalchemy import create_engine, text

from tests.conftest import PLATFORM_SECRETS
from tests.fake_platforms import facebook_request, slack_request, twilio_request
from tests.servers import RasaStack

CHANNELS = ("rest", "socketio", "slack", "facebook", "twilio")


class ChannelClient:
    def __init__(self, stack: RasaStack, channel: str) -> None:
        self.stack, self.channel = stack, channel
        self.user = f"{channel}-{uuid.uuid4().hex[:8]}"
        self.base = f"http://127.0.0.1:{stack.rasa_port}/webhooks"
        self._socket: socketio.Client | None = None
        self._socket_replies: list[dict] = []

    @property
    def conversation_id(self) -> str:
        return self.user

    def send(self, message: str, signed: bool = True) -> requests.Response | None:
        """Post the message as the platform would; the HTTP response (None for socket.io)."""
        if self.channel == "rest":
            body = {"sender": self.user, "message": message}
            return requests.post(f"{self.base}/rest/webhook", json=body, timeout=120)
        if self.channel == "socketio":
            self._connect()
            assert self._socket is not None
            self._socket.emit("user_uttered", {"message": message, "session_id": self.user})
            return None
        secret = PLATFORM_SECRETS[self.channel] if signed else "forged"
        if self.channel == "twilio":
            url = f"{self.base}/twilio/webhook"
            form, headers = twilio_request(secret, url, message, self.user)
            return requests.post(url, data=form, headers=headers, timeout=120)
        build = slack_request if self.channel == "slack" else facebook_request
        body, headers = build(secret, message, self.user)
        return requests.post(f"{self.base}/{self.channel}/webhook", data=body, headers=headers, timeout=120)

    def say(self, message: str, timeout: float = 60) -> str:
        """Send, then wait for the bot's replies to it; their texts joined."""
        before = len(self.replies())
        response = self.send(message)
        if self.channel == "rest":
            assert response is not None and response.status_code == 200, response
            return "\n".join(r.get("text", "") for r in response.json())
        assert response is None or response.status_code < 300, (response.status_code, response.text)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            replies = self.replies()
            if len(replies) > before:
                time.sleep(0.5)  # the rest of this turn's bubbles
                return "\n".join(r.get("text", "") for r in self.replies()[before:])
            time.sleep(0.2)
        raise AssertionError(f"no reply on {self.channel} to {message[:80]!r}")

    def replies(self) -> list[dict]:
        if self.channel == "socketio":
            return list(self._socket_replies)
        path = self.stack.workdir / "replies.jsonl"
        lines = path.read_text().splitlines() if path.exists() else []
        return [r for r in map(json.loads, lines) if r.get("recipient_id") == self.user]

    def _connect(self) -> None:
        if self._socket is None:
            self._socket = socketio.Client()
            self._socket.on("bot_uttered", self._socket_replies.append)
            self._socket.connect(f"http://127.0.0.1:{self.stack.rasa_port}", socketio_path="socket.io")
            self._socket.emit("session_request", {"session_id": self.user})

    def close(self) -> None:
        if self._socket is not None:
            self._socket.disconnect()


def stored_events(stack: RasaStack, conversation_id: str | None = None) -> list[dict]:
    """The events in the stack's SQL tracker store (all conversations when no id is given)."""
    assert stack.tracker_url is not None
    engine = create_engine(stack.tracker_url, future=True)
    query = "SELECT sender_id, data FROM events" + (" WHERE sender_id = :s" if conversation_id else "")
    with engine.connect() as connection:
        rows = connection.execute(text(query + " ORDER BY id"), {"s": conversation_id})
        events = [{"sender_id": row.sender_id, **json.loads(row.data)} for row in rows]
    engine.dispose()
    return events
