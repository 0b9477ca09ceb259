"""Messaging channels: credentials from the environment, numbered options where there are no buttons,
and a server that starts with every offline-capable channel configured."""

from __future__ import annotations

import pytest
import requests
import yaml

from bot.channels.credentials import ChannelConfigError, credentials
from bot.channels.twilio import numbered_list, payload_for_choice
from knowledge.db import make_engine, make_session_factory
from knowledge.loader import load
from tests.channel_client import ChannelClient, stored_events
from tests.servers import RasaStack

DUMMY = {
    "SLACK_TOKEN": "xoxb-dummy",
    "SLACK_SIGNING_SECRET": "dummy-secret",
    "FACEBOOK_VERIFY": "dummy-verify",
    "FACEBOOK_SECRET": "dummy-secret",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "dummy-token",
    "TWILIO_ACCOUNT_SID": "ACdummy",
    "TWILIO_AUTH_TOKEN": "dummy",
    "TWILIO_NUMBER": "+10000000000",
}


def test_only_rest_and_socketio_without_variables():
    assert set(credentials({})) == {
        "bot.channels.rest.CheckedRestInput",
        "bot.channels.socketio.CheckedSocketIOInput",
    }


def test_a_channel_is_switched_on_by_its_variables():
    config = credentials(DUMMY)
    assert config["slack"] == {"slack_token": "xoxb-dummy", "slack_signing_secret": "dummy-secret"}
    assert config["facebook"]["page-access-token"] == "dummy-token"
    assert config["bot.channels.twilio.NumberedTwilioInput"]["twilio_number"] == "+10000000000"
    assert "telegram" not in config


def test_a_half_configured_channel_names_what_is_missing():
    with pytest.raises(ChannelConfigError, match="TELEGRAM_BOT_NAME, TELEGRAM_WEBHOOK_URL"):
        credentials({"TELEGRAM_ACCESS_TOKEN": "123:abc"})


BUTTONS = [{"title": "What is BPO?", "payload": "/ask_what_is_bpo"}, {"title": "Payroll", "payload": "/x"}]


def test_options_become_a_numbered_list():
    assert numbered_list("Pick one:", BUTTONS) == "Pick one:\n1. What is BPO?\n2. Payroll"


def test_a_number_picks_the_option_of_the_last_offer():
    events = [
        {"event": "user", "text": "hi"},
        {"event": "bot", "text": "Pick one:", "data": {"buttons": BUTTONS}},
    ]
    assert payload_for_choice("1", events) == "/ask_what_is_bpo"
    assert payload_for_choice(" 2. ", events) == "/x"
    assert payload_for_choice("3", events) is None
    assert payload_for_choice("one", events) is None
    assert payload_for_choice("1", [*events, {"event": "user", "text": "later"}]) is None


@pytest.mark.model
def test_server_starts_and_answers_with_every_offline_channel_configured(tmp_path):
    path = tmp_path / "credentials.yml"
    path.write_text(yaml.safe_dump(credentials(DUMMY)))
    database_url = f"sqlite:///{tmp_path / 'advisor.db'}"
    load(make_session_factory(make_engine(database_url)))
    stack = RasaStack(tmp_path, database_url, credentials=path).start()
    try:
        base = f"http://127.0.0.1:{stack.rasa_port}/webhooks"
        for channel in ("slack", "facebook", "twilio"):
            assert requests.get(f"{base}/{channel}/", timeout=10).ok, channel
        challenge = requests.get(
            f"{base}/facebook/webhook",
            params={"hub.verify_token": "dummy-verify", "hub.challenge": "42", "hub.mode": "subscribe"},
            timeout=10,
        )
        assert challenge.text == "42"
        assert "Outsourcing Advisor" in stack.say("channels-test", "hello")[0]["text"]
    finally:
        stack.stop()


# ---------------------------------------------------------------- platform signatures


@pytest.mark.model
@pytest.mark.parametrize(("channel", "refused_with"), [
    ("slack", (400, "not properly signed")),  # Rasa's connector checks X-Slack-Signature
    ("facebook", (200, "not validated")),  # Rasa's connector checks X-Hub-Signature (and answers 200)
    ("twilio", (403, "invalid X-Twilio-Signature")),  # bot/channels/twilio.py adds the check
])  # fmt: skip
def test_a_forged_request_is_refused_and_a_signed_one_answered(messaging_stack, channel, refused_with):
    client = ChannelClient(messaging_stack, channel)
    forged = client.send("hello", signed=False)
    assert forged is not None and forged.status_code == refused_with[0]
    assert refused_with[1] in forged.text
    assert "Outsourcing Advisor" in client.say("hello")  # signed with the right secret
    # The forged message never reached the assistant: one greeting, for the signed one only.
    events = stored_events(messaging_stack, client.conversation_id)
    assert [event["text"] for event in events if event["event"] == "user"] == ["hello"]
