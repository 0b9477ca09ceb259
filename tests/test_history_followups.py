"""Follow-ups of the history: questions about then get the passages about then, questions about today the
workforce of today, over the real content."""

from __future__ import annotations

import pytest

from tests.questions import ask


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [("Did those jobs need a highly skilled workforce back then?", "en", "skilled"),
     ("Brauchte man dafür damals top ausgebildete Leute?", "de", "qualifiziert"),
     ("E all'epoca servivano persone qualificate?", "it", "qualificat")],
)  # fmt: skip
def test_a_follow_up_of_the_history_in_the_past_tense_asks_about_then(qa, text, language, expected):
    # The classifier hears a skills question (0.98); the question is about the early workforce.
    reply = ask(qa, text, [("ask_skills", 0.98)], language=language, previous_topic="history")
    assert reply.topic == "history" and "A6" in reply.passages[0].facts and expected in reply.text


@pytest.mark.parametrize(
    ("text", "intents", "language", "topic"),
    [("Und wie war das mit den Gehältern?", [("ask_salaries", 0.9)], "de", "salaries"),
     ("And what did you say it costs?", [("ask_pricing", 0.9)], "en", "pricing"),
     ("E allora che competenze servono a un operatore?", [("ask_skills", 0.9)], "it", "skills")],
)  # fmt: skip
def test_a_past_verb_without_a_time_phrase_asks_no_history(qa, text, intents, language, topic):
    assert ask(qa, text, intents, language=language, previous_topic="history").topic == topic


def test_the_same_question_about_todays_bpo_gets_todays_workforce(qa):
    reply = ask(qa, "Do BPO jobs need a highly skilled workforce?", [("ask_skills", 0.98)], ["BPO"],
                previous_topic="history")  # fmt: skip
    assert reply.topic == "skills"


@pytest.mark.parametrize(
    ("text", "intents", "language", "expected"),
    [("were those jobs highly skilled?", [("ask_skills", 0.98)], "en", "no highly skilled staff"),
     ("e quei lavori richiedevano personale qualificato?", [("ask_skills", 0.95)], "it", "non richiedeva"),
     ("Waren diese Jobs hoch qualifiziert?", [("ask_skills", 0.95)], "de", "qualifiziert")],
)  # fmt: skip
def test_a_follow_up_pointing_at_the_jobs_the_history_told_of_asks_about_then(
    qa, text, intents, language, expected
):
    reply = ask(qa, text, intents, language=language, previous_topic="history")
    assert reply.topic == "history" and "A6" in reply.passages[0].facts and expected in reply.passages[0].text


def test_a_follow_up_pointing_back_at_the_history_that_asks_about_today_gets_todays_workforce(qa):
    for text, language in [("And do those jobs need a degree today?", "en"),
                           ("E oggi quei lavori richiedono una laurea?", "it")]:  # fmt: skip
        reply = ask(qa, text, [("ask_skills", 0.95)], language=language, previous_topic="history")
        assert reply.topic == "skills"


def test_a_follow_up_of_the_history_whose_words_are_another_topics_leaves_the_history(qa):
    # "Those people" points back, but the history says nothing of pay: the salaries answer it.
    reply = ask(qa, "and what did those people earn?", [("ask_salaries", 0.9)], previous_topic="history")
    assert reply.topic == "salaries"


def test_a_comparison_with_how_it_used_to_be_brings_in_the_history(qa):
    text = "What made BPO so much more sophisticated than it used to be?"
    reply = ask(qa, text, [("ask_skills", 0.9), ("ask_salaries", 0.06)], ["BPO"])
    assert reply.topic == "history" and "technolog" in reply.text.lower()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [("why?", "en", "cut costs"), ("warum?", "de", "Kosten"), ("perché?", "it", "costi")],
)  # fmt: skip
def test_why_after_the_history_asks_why_it_happened(qa, text, language, expected):
    # The word "why" fits the reasons to outsource best, and the classifier adds them as a weak intent.
    intents = [("followup_other", 0.56), ("out_of_scope", 0.15), ("ask_reasons_to_outsource", 0.06)]
    reply = ask(qa, text, intents, language=language, previous_topic="history", previous_subject="bpo")
    assert reply.topic == "history" and expected in reply.text


def test_a_past_need_alone_just_after_the_history_asks_about_then(qa):
    reply = ask(qa, "servivano persone qualificate?", [("ask_skills", 0.99)], language="it",
                previous_topic="history", previous_subject="bpo")  # fmt: skip
    assert reply.topic == "history" and "A6" in reply.passages[0].facts


def test_a_need_of_today_just_after_the_history_asks_about_today(qa):
    reply = ask(qa, "e oggi serviva una laurea?", [("ask_skills", 0.99)], language="it",
                previous_topic="history", previous_subject="bpo")  # fmt: skip
    assert reply.topic == "skills"


def test_always_asks_about_then_as_well_as_today(qa):
    text = "Stimmt es, dass man für BPO schon immer hochqualifizierte Fachkräfte gebraucht hat?"
    reply = ask(qa, text, [("ask_skills", 0.9)], ["BPO"], language="de")
    facts = {fact for passage in reply.passages for fact in passage.facts}
    assert reply.topic == "history" and {"A6", "A7"} <= facts


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("E perché si esternalizzava?", "it"),
        ("Und warum lagerte man aus?", "de"),
    ],
)
def test_why_they_outsourced_just_after_the_history_asks_about_then(qa, text, language):
    # The classifier hears the reasons to outsource (0.97); the question is why it was done back then.
    reply = ask(qa, text, [("ask_reasons_to_outsource", 0.97)], language=language, previous_topic="history",
                previous_subject="bpo")  # fmt: skip
    assert reply.topic == "history" and "A6" in reply.passages[0].facts
