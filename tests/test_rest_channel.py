"""The trained assistant end to end over the REST channel: YAML -> database -> action -> reply."""

from __future__ import annotations

import shutil
import uuid

import pytest
import requests

from knowledge.db import make_engine, make_session_factory
from knowledge.loader import CONTENT_DIR, load

pytestmark = pytest.mark.model


def conversation() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


def joined(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def buttons(replies: list[dict]) -> list[dict]:
    return [b for r in replies for b in r.get("buttons", [])]


def test_greeting_in_english_offers_topics(rasa_stack):
    replies = rasa_stack.say(conversation(), "Hello there!")
    assert "Outsourcing Advisor" in joined(replies)
    assert "/request_recommendation" in [b["payload"] for b in buttons(replies)]


def test_italian_greeting_is_answered_in_italian(rasa_stack):
    assert "Cosa vuoi sapere?" in joined(rasa_stack.say(conversation(), "ciao, buongiorno"))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("le buste paga sono front o back office?", ["buste paga", "back office", "clienti"]),
        ("is payroll back office?", ["payroll", "back office", "customer"]),
    ],
)
def test_service_office_question_gets_the_specific_answer_in_the_users_language(
    rasa_stack, message, expected
):
    text = joined(rasa_stack.say(conversation(), message)).lower()
    assert all(word in text for word in expected), text


def test_follow_up_keeps_the_question_and_changes_the_subject(rasa_stack):
    sender = conversation()
    first = joined(rasa_stack.say(sender, "what skills do call center agents need?"))
    assert "emotional intelligence" in first
    second = joined(rasa_stack.say(sender, "and for BPO?"))
    assert "degree" in second


def test_examples_after_a_definition(rasa_stack):
    sender = conversation()
    assert "internal" in joined(rasa_stack.say(sender, "what is the back office?")).lower()
    assert "payroll" in joined(rasa_stack.say(sender, "give me some examples")).lower()


def test_figures_come_with_year_and_source(rasa_stack):
    text = joined(rasa_stack.say(conversation(), "how much does a call center agent earn in Albania?"))
    assert "2019" in text and "Source:" in text


def test_language_switch_on_request_and_short_messages_keep_it(rasa_stack):
    sender = conversation()
    assert "Cosa vuoi sapere?" in joined(rasa_stack.say(sender, "ciao"))
    assert "continue in English" in joined(rasa_stack.say(sender, "in English please"))
    assert "continuiamo in italiano" in joined(rasa_stack.say(sender, "parla italiano"))
    # a button payload and a bare loanword say nothing about the language: Italian stays
    assert "buste paga" in joined(rasa_stack.say(sender, "/ask_what_is_bpo"))
    assert "Fonte" in joined(rasa_stack.say(sender, "/ask_salaries"))


def test_metadata_sets_the_language_of_a_new_conversation(rasa_stack):
    replies = rasa_stack.say(conversation(), "/greet", metadata={"language": "it"})
    assert "Cosa vuoi sapere?" in joined(replies)


def test_out_of_scope_says_what_the_assistant_can_do(rasa_stack):
    text = joined(rasa_stack.say(conversation(), "what's the weather like in Rome tomorrow?"))
    assert "BPO" in text


@pytest.mark.parametrize(
    "message", ["", " ", "x" * 20000, "<script>alert('x')</script>", "'; DROP TABLE topics; --"]
)
def test_bad_input_gets_a_reply_and_the_assistant_keeps_working(rasa_stack, message):
    sender = conversation()
    replies = rasa_stack.say(sender, message)
    assert all("<script>" not in r.get("text", "") for r in replies)
    assert "Outsourcing Advisor" in joined(rasa_stack.say(sender, "hello"))


def test_edited_knowledge_is_served_after_reload_without_retraining(rasa_stack, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    market = content / "market.yml"
    edited = "KPIs are average handle time (AHT edited for this test"
    market.write_text(market.read_text().replace("KPIs are average handle time (AHT", edited, 1))
    factory = make_session_factory(make_engine(rasa_stack.database_url))
    try:
        load(factory, content)
        assert "AHT edited for this test" in joined(
            rasa_stack.say(conversation(), "which KPIs do you measure?")
        )
    finally:
        load(factory)
    assert "edited for this test" not in joined(rasa_stack.say(conversation(), "which KPIs do you measure?"))


def test_admin_api_is_off_and_cors_admits_only_the_web_page(rasa_stack):
    base = f"http://127.0.0.1:{rasa_stack.rasa_port}"
    assert requests.get(f"{base}/status", timeout=10).status_code == 404
    assert requests.get(f"{base}/conversations/x/tracker", timeout=10).status_code == 404
    page = requests.get(f"{base}/", headers={"Origin": rasa_stack.web_url}, timeout=10)
    assert page.headers.get("Access-Control-Allow-Origin") == rasa_stack.web_url
    other = requests.get(f"{base}/", headers={"Origin": "http://elsewhere.example"}, timeout=10)
    assert "Access-Control-Allow-Origin" not in other.headers


def test_german_question_in_an_english_conversation_gets_a_german_answer(rasa_stack):
    sender = conversation()
    assert "BPO" in joined(rasa_stack.say(sender, "what is BPO?"))
    reply = joined(rasa_stack.say(sender, "Wie viel verdient man in einem Callcenter?"))
    assert "Callcenter" in reply or "Call-Center" in reply
    assert any(word in reply.lower() for word in ("gehalt", "gehält", "lohn", "verdien", "bezahl"))
    short = joined(rasa_stack.say(sender, "ok"))  # too short to tell: the conversation stays German
    assert not any(word in short.split() for word in ("the", "and", "il", "che"))


def test_a_comparison_gets_both_sides(rasa_stack):
    reply = joined(rasa_stack.say(conversation(), "HR versus customer care: which office is each?"))
    assert "back office" in reply and "front office" in reply


def test_a_follow_up_with_a_new_question_keeps_the_subject_in_italian(rasa_stack):
    sender = conversation()
    rasa_stack.say(sender, "parlami dei call center")
    reply = joined(rasa_stack.say(sender, "e gli stipendi?")).lower()
    assert "call center" in reply and any(word in reply for word in ("stipend", "retribu", "paga"))
