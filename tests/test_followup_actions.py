"""Follow-ups through the answer action, as the action server runs them: a subject named alone keeps the
question just answered; with the previous question's own terms it is that question again, about the new
subject."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from bot.actions.answers import ActionAnswerQuestion
from tests.test_actions import run, texts, tracker


@pytest.mark.parametrize(
    ("text", "entities", "language", "expected"),
    [("and call centre agents?", [{"entity": "outsourcing_type", "value": "call centre"},
                                  {"entity": "role", "value": "agents"}], "en", "2019"),
     ("e per gli operatori dei call center?", [{"entity": "role", "value": "operatori"},
                                                {"entity": "outsourcing_type", "value": "call center"}], "it",
      "2019")],
)  # fmt: skip
def test_a_follow_up_naming_only_a_subject_asks_the_question_just_answered(
    action_kb, text, entities, language, expected
):
    # After the national average wage: the agents' pay, not what agents need to know (the words "agents"
    # fit the skills better than the salaries).
    message = tracker(text, "followup_other", entities, confidence=0.52, language=language,
                      last_topic="salaries")  # fmt: skip
    message.latest_message["intent_ranking"] = [
        {"name": "followup_other", "confidence": 0.52},
        {"name": "ask_what_is_call_center", "confidence": 0.13},
        {"name": "ask_skills", "confidence": 0.09},
        {"name": "ask_salaries", "confidence": 0.07},
    ]  # fmt: skip
    messages, _ = run(ActionAnswerQuestion(), message)
    assert expected in texts(messages)[0]


def after(
    previous_text: str, previous_entities: list[dict], ranking: list[dict], message: Tracker
) -> Tracker:
    """The message as a follow-up of the visitor's previous one (its text, entities and intents)."""
    starts = [previous_text.find(e["value"]) for e in previous_entities]
    located = [
        {**e, "start": at, "end": at + len(e["value"])}
        for e, at in zip(previous_entities, starts, strict=True)
    ]
    parse = {"text": previous_text, "entities": located, "intent_ranking": ranking, "intent": ranking[0]}
    latest = message.latest_message
    message.events = [{"event": "user", "text": previous_text, "parse_data": parse},
                      {"event": "user", "text": latest["text"], "parse_data": latest}]  # fmt: skip
    return message


@pytest.mark.parametrize(
    ("previous", "previous_entities", "text", "entity", "language", "expected"),
    [("Wir suchen jemanden für die Erfassung der Zählerstände in unserem System. Kann das ein klassisches "
      "Callcenter übernehmen?", [{"entity": "service", "value": "Erfassung"},
                                 {"entity": "outsourcing_type", "value": "Callcenter"}],
      "Und ein BPO-Anbieter?", {"entity": "outsourcing_type", "value": "BPO"}, "de", "Ja."),
     ("Can a call center handle our payroll?", [{"entity": "outsourcing_type", "value": "call center"},
                                                 {"entity": "service", "value": "payroll"}],
      "and a BPO?", {"entity": "outsourcing_type", "value": "BPO"}, "en", "Yes.")],
)  # fmt: skip
def test_a_new_subject_alone_asks_the_previous_question_about_it(
    action_kb, previous, previous_entities, text, entity, language, expected
):
    # The call center cannot take on the back-office work; the BPO can: the same question, its own answer.
    ranking = [{"name": "ask_service_office", "confidence": 0.8}]
    message = tracker(text, "followup_other", [entity], confidence=0.86, language=language,
                      last_topic="service_office", last_term="data_entry")  # fmt: skip
    messages, _ = run(ActionAnswerQuestion(), after(previous, previous_entities, ranking, message))
    assert texts(messages)[0].startswith(expected)


def test_hours_named_alone_ask_a_question_of_their_own_about_the_same_subject(action_kb):
    # "And the working hours?" after the skills of call-center agents: their (flexible) hours, not the
    # skills again.
    hours = [{"entity": "hours", "value": "working hours"}]
    message = tracker("and the working hours?", "followup_other", hours, confidence=0.9, last_topic="skills",
                      last_term="call_center")  # fmt: skip
    messages, _ = run(ActionAnswerQuestion(), message)
    assert "flexible" in texts(messages)[0]


def test_a_new_question_about_the_new_subject_is_not_restated(action_kb):
    # "What is a BPO?" after "Can a call center handle our payroll?" asks what a BPO is, not about payroll.
    previous = "Can a call center handle our payroll?"
    previous_entities = [{"entity": "outsourcing_type", "value": "call center"},
                         {"entity": "service", "value": "payroll"}]  # fmt: skip
    message = tracker("What is a BPO?", "ask_what_is_bpo", [{"entity": "outsourcing_type", "value": "BPO"}],
                      last_topic="service_office", last_term="payroll")  # fmt: skip
    ranking = [{"name": "ask_service_office", "confidence": 0.8}]
    messages, _ = run(ActionAnswerQuestion(), after(previous, previous_entities, ranking, message))
    assert not texts(messages)[0].startswith("Yes") and "non-core" in texts(messages)[0]
