"""The hostile-input corpus on every channel: each input gets a reply or a clear 4xx (never a 5xx or a
stack trace), and the next normal message in the same conversation is answered correctly.

REST and socket.io get every text; Slack, Messenger and Twilio the ones their encodings could change
(after the connector every channel's message takes the same path, bot/message_guard.py)."""

from __future__ import annotations

import json

import pytest
import requests

from tests.channel_client import ChannelClient

pytestmark = pytest.mark.model

# Texts any channel can carry, in English, Italian and German (German is not supported yet: it gets a
# reply all the same, in English).
TEXTS = {
    "whitespace": "   \t  ",
    "nul bytes": "what is\x00 BPO?\x00",
    "lone surrogate": "cos'è il BPO? \ud800",
    "right-to-left": "ما هو BPO؟ מה זה call center?",
    "emoji": "👋🏽 what is BPO? 🚀🇮🇹",
    "html": "<script>alert('x')</script><b>ciao</b><img src=x onerror=alert(1)>",
    "markdown links": "[click me](javascript:alert(1)) ![x](http://evil.example/x.png) <javascript:alert(2)>",
    "sql": "'; DROP TABLE leads; -- 1 OR 1=1; SELECT * FROM events",
    "yaml": "key: value\n- [unclosed\n&anchor *alias !!python/object/apply:os.system ['ls']\n---\n{{ x }}",
    "bad json payload": '/greet{"language": "it"',
    "unknown intent": "/no_such_intent",
    "unknown entity": '/inform{"no_such_entity": "x", "email": "a@b.c"}',
    "odd entity values": '/ask_service_office{"service": [1, {"a": null}], "office": 3.5}',
    "just a slash": "/",
    "german": "Was ist BPO? Wir brauchen Lohnabrechnung <b>für</b> unsere Firma.",
    "italian markup": "cos'è il **back office**? <i>grazie</i> [link](javascript:void(0))",
}
# What only REST (raw HTTP bodies) can send.
BODIES = {
    "empty message": {"sender": "S", "message": ""},
    "message missing": {"sender": "S"},
    "message a number": {"sender": "S", "message": 42},
    "message a list": {"sender": "S", "message": ["a", "b"]},
    "sender a number": {"sender": 12345, "message": "hello"},
    "sender a list": {"sender": ["a", 1], "message": "hello"},
    "sender an object": {"sender": {"id": 1}, "message": "hello"},
    "sender null": {"sender": None, "message": "hello"},
    "metadata a string": {"sender": "S", "message": "hello", "metadata": "it"},
}
RAW = {
    "invalid utf-8": b'{"sender": "S", "message": "\xff\xfe what is BPO"}',
    "not json": b"message=hello",
    "a json list": b'["hello"]',
    "1 MB": json.dumps({"sender": "S", "message": "x" * 1_000_000}).encode(),
}
NEXT = ("what is BPO?", "Business process outsourcing")
PLATFORM_TEXTS = ("whitespace", "nul bytes", "lone surrogate", "right-to-left", "emoji", "html", "yaml",
                  "bad json payload", "german")  # fmt: skip
CASES = [(channel, name) for channel in ("rest", "socketio") for name in TEXTS] + [
    (channel, name) for channel in ("slack", "facebook", "twilio") for name in PLATFORM_TEXTS
]


def no_trace(response: requests.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:300])
    assert "Traceback" not in response.text and 'File "' not in response.text


def answered_next(client: ChannelClient) -> None:
    assert NEXT[1] in client.say(NEXT[0]), client.channel


@pytest.mark.parametrize(("channel", "name"), CASES)
def test_hostile_text_gets_a_reply_and_the_conversation_goes_on(messaging_stack, channel, name):
    client = ChannelClient(messaging_stack, channel)
    try:
        if name == "lone surrogate" and channel == "twilio":
            pytest.skip("a form body is UTF-8: Twilio cannot send a lone surrogate")
        else:
            assert client.say(TEXTS[name]).strip(), f"no reply to {name} on {channel}"
        answered_next(client)
    finally:
        client.close()


@pytest.mark.parametrize("name", list(BODIES))
def test_malformed_rest_bodies_get_a_reply_or_a_clear_4xx(messaging_stack, name):
    client = ChannelClient(messaging_stack, "rest")
    body = {**BODIES[name]}
    if body.get("sender") == "S":
        body["sender"] = client.user
    response = requests.post(messaging_stack.rest_url, json=body, timeout=60)
    no_trace(response)
    if response.status_code == 200 and isinstance(body.get("sender"), str):
        answered_next(client)
    assert response.status_code >= 400 or response.json(), name
    answered_next(ChannelClient(messaging_stack, "rest"))  # the server is fine


@pytest.mark.parametrize("name", list(RAW))
def test_raw_bodies_get_a_clear_4xx(messaging_stack, name):
    client = ChannelClient(messaging_stack, "rest")
    body = RAW[name].replace(b'"S"', json.dumps(client.user).encode())
    response = requests.post(
        messaging_stack.rest_url, data=body, headers={"Content-Type": "application/json"}, timeout=60
    )
    no_trace(response)
    assert 400 <= response.status_code < 500 or response.json(), name
    answered_next(client)


@pytest.mark.parametrize("session_id", [12345, ["a", 1], {"id": 1}])
def test_a_socketio_session_id_of_the_wrong_type_still_gets_replies(messaging_stack, session_id):
    import time

    import socketio

    replies: list[dict] = []
    client = socketio.Client()
    client.on("bot_uttered", replies.append)
    client.connect(f"http://127.0.0.1:{messaging_stack.rasa_port}", socketio_path="socket.io")
    try:
        client.emit("session_request", {"session_id": session_id})
        client.emit("user_uttered", {"message": NEXT[0], "session_id": session_id})
        deadline = time.monotonic() + 60
        while not any(NEXT[1] in reply.get("text", "") for reply in replies) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        client.disconnect()
    assert any(NEXT[1] in reply.get("text", "") for reply in replies), replies
