"""Follow-ups about the reply just given (bot.actions.last_reply): "what else?" gets the rest of the answer,
"source?" where it comes from, in the conversation's language."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from bot.actions.answers import ActionAnswerFollowup, ActionAnswerOrFallback, ActionAnswerQuestion
from knowledge.question import asks_for_more, asks_for_the_source
from tests.test_actions import responses, run, texts, tracker


def answered_then(question: Tracker, follow_up: str, intent: str) -> tuple[Tracker, list[str]]:
    """The follow-up after the real reply to `question`, with that reply in the tracker's events."""
    messages, events = run(ActionAnswerQuestion(), question)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    message = tracker(follow_up, intent, language=question.get_slot("language"), **slots)
    message.events = [
        {"event": "user", "text": question.latest_message["text"], "parse_data": question.latest_message},
        *({"event": "bot", "text": text} for text in texts(messages)),
        {"event": "user", "text": follow_up, "parse_data": message.latest_message},
    ]
    return message, texts(messages)


def test_what_else_gets_the_passages_not_shown_yet(action_kb):
    question = tracker("Womit hat das BPO-Geschäft angefangen?", "ask_history", language="de",
                       entities=[{"entity": "outsourcing_type", "value": "BPO"}])  # fmt: skip
    message, shown = answered_then(question, "was noch?", "nlu_fallback")
    messages, events = run(ActionAnswerOrFallback(), message)
    more = texts(messages)[0]
    assert more and more not in " ".join(shown)
    assert any(word in more.lower() for word in (" die ", " der ", " und "))  # German, like the question
    assert SlotSet("last_topic", "history") in events


def test_what_else_after_the_whole_answer_says_there_is_no_more(action_kb, qa):
    answer = qa.kb.answer("history", "en", None)
    everything = " ".join(p.text for p in answer.passages)
    assert qa.rest_of_the_answer("history", "en", [], everything) is None
    assert qa.rest_of_the_answer("history", "en", [], answer.passages[0].text) is not None
    message = tracker("what else?", "followup_other", last_topic="history")
    message.events = [{"event": "bot", "text": everything}, {"event": "user", "text": "what else?"}]
    messages, _ = run(ActionAnswerFollowup(), message)
    assert responses(messages) == ["utter_nothing_more"]


def test_source_gets_where_the_answer_shown_comes_from(action_kb):
    question = tracker("qual è lo stipendio medio in Albania?", "ask_salaries", language="it")
    message, _ = answered_then(question, "fonte?", "nlu_fallback")
    messages, _ = run(ActionAnswerOrFallback(), message)
    [reply] = [m for m in messages if m.get("response") == "utter_sources_of_the_answer"]
    assert "INSTAT" in reply["sources"] and "albaniandailynews.com" in reply["sources"]


@pytest.mark.parametrize(
    ("text", "language", "more"),
    [("what else?", "en", True), ("was noch?", "de", True), ("e poi?", "it", True),
     ("cos’altro?", "it", True), ("what else does a BPO do?", "en", False), ("mehr Geld?", "de", False),
     ("ancora una domanda", "it", False), ("was it more before?", "en", False),
     ("war es früher mehr?", "de", False), ("und sonst, bitte?", "de", True), ("nothing more", "en", False),
     ("niente di più", "it", False), ("nichts mehr", "de", False)],
)  # fmt: skip
def test_asking_for_more_is_only_that(text, language, more):
    assert asks_for_more(text, language) is more


@pytest.mark.parametrize(
    ("text", "language", "source"),
    [("source?", "en", True), ("what's your source?", "en", True), ("und die Quelle?", "de", True),
     ("fonte?", "it", True), ("source of the 2023 numbers?", "en", False),
     ("do you have references?", "en", False)],
)  # fmt: skip
def test_asking_for_the_source_is_only_that(text, language, source):
    assert asks_for_the_source(text, language) is source


def test_what_else_after_a_thank_you_still_knows_what_was_shown(action_kb):
    question = tracker("Womit hat das BPO-Geschäft angefangen?", "ask_history", language="de",
                       entities=[{"entity": "outsourcing_type", "value": "BPO"}])  # fmt: skip
    message, shown = answered_then(question, "was noch?", "nlu_fallback")
    thanks = [{"event": "user", "text": "danke"}, {"event": "bot", "text": "Gern geschehen!"}]
    message.events[-1:-1] = thanks  # a turn in between
    messages, _ = run(ActionAnswerOrFallback(), message)
    assert texts(messages) and texts(messages)[0] not in " ".join(shown)
