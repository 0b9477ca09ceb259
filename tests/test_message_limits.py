"""The message length cap (bot/message_guard.py) on every channel, the hard body limit, and complete
erasure on the real stack: what a user sees, and what the tracker store keeps."""

from __future__ import annotations

import os
import sys
import threading

import pexpect
import pytest
import requests

from deploy.processes import free_port
from knowledge.db import make_engine, make_session_factory
from knowledge.loader import load
from tests.channel_client import CHANNELS, ChannelClient, stored_events
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.model
TOO_LONG_EN = "We would like to outsource our payroll. " * 60  # 2,400 characters
TOO_LONG_IT = "Vorremmo esternalizzare le buste paga. " * 60
REFUSED = {"en": "That message is too long for me", "it": "Questo messaggio è troppo lungo per me"}


@pytest.mark.parametrize("channel", CHANNELS)
def test_an_over_long_message_gets_the_caps_reply_and_the_next_one_an_answer(messaging_stack, channel):
    client = ChannelClient(messaging_stack, channel)
    try:
        assert REFUSED["it"] in client.say(TOO_LONG_IT)
        assert "BPO" in client.say("cos'è il BPO?")
        assert REFUSED["en"] in client.say(TOO_LONG_EN)  # in the language of the message, as always
    finally:
        client.close()
    user_events = [e for e in stored_events(messaging_stack, client.conversation_id) if e["event"] == "user"]
    refused = user_events[0]
    assert refused["parse_data"]["intent"]["name"] == "message_too_long"
    assert len(refused["text"]) <= 2000 and TOO_LONG_IT.startswith(refused["text"])
    assert refused["metadata"]["message_too_long"]["original_length"] == len(TOO_LONG_IT.strip())


def test_english_over_long_message_is_refused_in_english(messaging_stack):
    assert REFUSED["en"] in ChannelClient(messaging_stack, "rest").say(TOO_LONG_EN)


def test_an_over_long_message_inside_the_form_is_not_taken_as_an_answer(messaging_stack):
    client = ChannelClient(messaging_stack, "rest")
    assert "lingue" in client.say("vorremmo esternalizzare le buste paga e la contabilità").lower()
    assert "orari" in client.say("italiano e inglese").lower()
    assert "volumi" in client.say("orario d'ufficio").lower()
    reply = client.say(TOO_LONG_IT)
    assert REFUSED["it"] in reply and "volumi" in reply  # the form asks its question again
    assert "partire" in client.say("circa 2000 cedolini al mese").lower()


def test_a_body_over_the_hard_limit_is_refused_before_it_is_read(messaging_stack):
    body = {"sender": "huge", "message": "x" * 70_000}
    response = requests.post(messaging_stack.rest_url, json=body, timeout=60)
    assert response.status_code == 413
    assert "Traceback" not in response.text
    assert ChannelClient(messaging_stack, "rest").say("hello")  # the server is fine


def test_another_visitor_is_answered_while_over_long_messages_are_refused(messaging_stack):
    stop = threading.Event()
    refused: list[int] = []

    def flood() -> None:
        attacker = ChannelClient(messaging_stack, "rest")
        while not stop.is_set():
            response = attacker.send("a" * 60_000)  # just under the body limit
            assert response is not None
            refused.append(response.status_code)

    attacker = threading.Thread(target=flood, daemon=True)
    attacker.start()
    try:
        visitor = ChannelClient(messaging_stack, "rest")
        for _ in range(3):
            body = {"sender": visitor.user, "message": "what is BPO?"}
            # A generous sanity bound, not a benchmark (make bench measures).
            reply = requests.post(messaging_stack.rest_url, json=body, timeout=20).json()
            assert "Business process outsourcing" in reply[0]["text"]
    finally:
        stop.set()
        attacker.join(timeout=60)
    assert refused and set(refused) == {200}


def test_the_cap_is_configurable_and_holds_in_the_shell(tmp_path):
    port = free_port()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{port}/webhook"\n')
    database_url = f"sqlite:///{tmp_path / 'advisor.db'}"
    load(make_session_factory(make_engine(database_url)))
    env = {
        **os.environ, "ACTIONS_PORT": str(port), "ENDPOINTS": str(endpoints),
        "ADVISOR_DATABASE_URL": database_url, "ADVISOR_MAX_MESSAGE_CHARS": "40",
    }  # fmt: skip
    shell = pexpect.spawn(
        "bash", ["scripts/shell.sh"], cwd=PROJECT_ROOT, env=env, encoding="utf-8", timeout=180,
        dimensions=(50, 200),
    )  # fmt: skip
    shell.logfile_read = sys.stdout
    try:
        shell.expect("Your input ->")
        shell.sendline("what is BPO? " * 5)  # 65 characters
        shell.expect(REFUSED["en"])
        shell.expect("Your input ->")
        shell.sendline("what is BPO?")
        shell.expect("Business process outsourcing")
        shell.expect("Type out your own message")  # the answer's buttons, shown as a choice
        shell.send("\x1b[A")  # up from the first choice wraps to "Type out your own message..."
        shell.sendline("")
        shell.expect("Your input ->")
        shell.sendline("/stop")
        shell.expect(pexpect.EOF, timeout=60)
    finally:
        shell.close(force=True)
