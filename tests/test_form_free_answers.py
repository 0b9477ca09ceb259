"""Free-text answers of the prospect form (volume, start, company, name): taken as given, whatever the
classifier thought, unless the message is a request that has a rule of its own."""

from __future__ import annotations

import pytest

from tests.prospect_form import asked, form_run
from tests.test_actions import texts


def test_a_free_text_answer_is_taken_whatever_the_classifier_thought(action_kb):
    _, slots = form_run(asked("timeline", "we would like to start on 1 March", "request_recommendation"))
    assert slots["timeline"] == "we would like to start on 1 March"


def test_a_language_switch_that_names_no_language_answers_the_question(action_kb):
    # Read as switch_language (0.93); without a language named it is the answer to "when to start?".
    text = "We'd love to have it in place before the autumn peak, so in about three months"
    messages, slots = form_run(asked("timeline", text, "switch_language", confidence=0.93))
    assert slots["timeline"] == text
    assert not any("English" in t for t in texts(messages))


def test_a_language_named_in_a_switch_is_left_to_its_rule(action_kb):
    # "Can we continue in German?" switches (bot/data/rules/prospect.yml); it is no start date.
    question = asked("timeline", "Can we continue in German?", "switch_language",
                     [{"entity": "language", "value": "German"}])  # fmt: skip
    _, slots = form_run(question)
    assert "timeline" not in slots


def test_a_name_the_classifier_took_for_help_is_the_name(action_kb):
    # "Elena Guidi" came out as help (0.83: "Guidi" like "guida"), and the name question came for ever.
    _, slots = form_run(asked("contact_name", "Elena Guidi", "help", confidence=0.83, language="it"))
    assert slots["contact_name"] == "Elena Guidi"


def test_a_sure_help_request_is_no_name(action_kb):
    _, slots = form_run(asked("contact_name", "Help", "help", confidence=0.99))
    assert "contact_name" not in slots


def test_a_help_request_is_left_to_its_rule(action_kb):
    # No events: the form rejects the message, so the help rule answers before the question comes again.
    assert form_run(asked("company", "help me", "help"))[1] == {}


@pytest.mark.parametrize(("text", "intent"), [("Stop", "stop"), ("Aiuto", "help"), ("Ciao", "goodbye")])
def test_a_one_word_request_is_no_name(action_kb, text, intent):
    _, slots = form_run(asked("contact_name", text, intent, confidence=0.7, language="it"))
    assert "contact_name" not in slots
