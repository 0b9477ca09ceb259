"""Answers that come with a question of the visitor's own, and yes-answers the classifier misread: what the
form keeps and what the visitor reads."""

from __future__ import annotations

import pytest

from tests.prospect_form import asked, form_run
from tests.test_actions import responses, texts, tracker
from tests.test_form_reading import CONTACT_GIVEN, NEEDS_GIVEN, extract


def entities(kind: str, *surfaces: str) -> list[dict]:
    """Entities of one kind; `tracker` gives each its character span in the message, as the NLU does."""
    return [{"entity": kind, "value": surface} for surface in surfaces]


ANSWER_THEN_QUESTION = [
    (
        "en",
        "Payroll for our 150 staff and the HR admin. Do your people have accounting training?",
        ("Payroll", "HR admin", "accounting"),
        "ask_training",
        ["payroll", "human_resources"],
    ),
    (
        "de",
        "Die Lohnabrechnung für unsere 150 Mitarbeitenden und die Personalverwaltung. Haben Ihre Leute "
        "dafür überhaupt eine buchhalterische Ausbildung?",
        ("Lohnabrechnung", "Personalverwaltung"),
        "ask_services",
        ["payroll", "human_resources"],
    ),
]


@pytest.mark.parametrize(("language", "text", "surfaces", "intent", "kept"), ANSWER_THEN_QUESTION)
def test_an_answer_followed_by_a_question_is_kept_and_the_question_answered(
    action_kb, language, text, surfaces, intent, kept
):
    message = asked("processes", text, intent, entities("service", *surfaces), processes=None,
                    channels=None, languages=None, language=language)  # fmt: skip
    messages, slots = form_run(message)
    # The work named in the question ("accounting training") is not work to hand over.
    assert slots["processes"] == kept
    assert "form_misses" not in slots
    # The question gets its own answer (about the skills and training staff have), before the next question.
    answer = texts(messages)[0].lower()
    assert any(word in answer for word in ("train", "qualification", "qualifikation", "ausbildung"))


def test_a_question_without_an_answer_before_it_is_still_a_digression(action_kb):
    text = "Hi. Is payroll back office?"
    message = asked("processes", text, "ask_service_office", entities("service", "payroll"), processes=None)
    _, slots = form_run(message)
    assert "processes" not in slots and slots["form_misses"] == {"processes": 1}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Ja, Sie dürfen meine Angaben speichern und der Vertrieb darf sich bei mir melden."),
        ("en", "Yes, you may store my details and sales can contact me."),
        ("it", "Sì, potete salvare i miei dati e farmi contattare."),
        ("it", "Acconsento alla conservazione dei miei dati e a essere ricontattato."),
        ("de", "Einverstanden, speichern Sie meine Daten."),
    ],
)
def test_a_yes_to_storing_the_details_consents_even_when_taken_for_a_deletion(action_kb, language, text):
    message = asked("consent", text, "delete_my_data", language=language, **NEEDS_GIVEN)
    assert extract("consent", message) == {"consent": True}
    messages, slots = form_run(message)
    assert slots["consent"] is True and "form_misses" not in slots
    assert "utter_didnt_catch" not in responses(messages)


def test_a_request_to_delete_is_no_consent(action_kb):
    message = asked("consent", "Ja, löschen Sie bitte alle meine Daten.", "delete_my_data", language="de")
    assert extract("consent", message) == {}


def test_an_opening_that_states_then_asks_is_answered_as_a_whole(action_kb):
    # The question ("could an outside team take that over?") is about what was said before it.
    text = "Our support team drowns in e-mails every Monday. Could an outside team take that over for us?"
    opening = tracker(text, "request_recommendation", entities("channel", "e-mails"),
                      active_loop="prospect_form")  # fmt: skip
    opening.latest_message["intent_ranking"] = [
        {"name": "request_recommendation", "confidence": 0.6}, {"name": "ask_channels", "confidence": 0.3},
    ]  # fmt: skip
    messages, slots = form_run(opening)
    assert texts(messages) and "e-mail" in texts(messages)[0].lower()
    assert slots["channels"] == ["email"]


ALL_GIVEN = {**NEEDS_GIVEN, **CONTACT_GIVEN}


def test_a_yes_before_a_question_the_classifier_did_not_understand_still_confirms(action_kb):
    # "not understood" (nlu_fallback) used to leave the summary unanswered, and it came back again and again
    text = "Yes, that is correct. Do you have experience with energy suppliers?"
    message = asked("confirmed", text, "nlu_fallback", confidence=0.25, **ALL_GIVEN)
    assert extract("confirmed", message) == {"confirmed": True}


def test_a_name_taken_for_an_unclear_goodbye_is_the_name(action_kb):
    given = {**ALL_GIVEN, "contact_name": None, "email": None}
    message = asked("contact_name", "Ann Lee", "goodbye", confidence=0.43, **given)
    assert extract("contact_name", message) == {"contact_name": "Ann Lee"}
    # A clear goodbye is left to its rule, which asks before anything is forgotten.
    assert (
        extract("contact_name", asked("contact_name", "bye now", "goodbye", confidence=0.95, **given)) == {}
    )


@pytest.mark.parametrize(
    ("text", "intent", "language", "expected"),
    [
        ("No, thanks. Why do you need my e-mail?", "nlu_fallback", "en", {"consent": False}),
        ("Ja, aber speichern Sie bitte nichts.", "deny", "de", {}),  # Rasa's deny mapping says no
        ("Yes please, get rid of everything I told you.", "delete_my_data", "en", {}),
    ],
)
def test_a_no_to_storing_the_details_is_never_read_as_consent(action_kb, text, intent, language, expected):
    message = asked("consent", text, intent, language=language, **NEEDS_GIVEN)
    assert extract("consent", message) == expected


def test_the_languages_of_a_question_after_the_answer_are_not_needed(action_kb):
    text = "IT and EN for our customers. Do your agents also speak DE well?"
    message = asked("languages", text, "ask_languages", languages=None)
    assert extract("languages", message) == {"languages": ["italian", "english"]}


def test_a_name_is_not_read_out_of_a_question(action_kb):
    given = {**ALL_GIVEN, "company": None, "contact_name": None, "email": None}
    text = "Acme Srl, Milano, 40 persone. Avete un ufficio in Italia o solo in Albania?"
    message = asked("company", text, "ask_nearshore", language="it", **given)
    assert extract("company", message) == {}


def test_an_opening_that_asks_which_model_fits_gets_that_model_before_the_next_question(action_kb):
    text = "Two hair salons: we only need the phones answered and appointments booked. Which option fits?"
    named = entities("channel", "phones") + entities("service", "appointments")
    message = tracker(text, "request_recommendation", named, active_loop="prospect_form")
    messages, slots = form_run(message)
    assert slots["processes"] == ["appointment_setting"]
    reply = texts(messages)[0]
    assert reply.startswith("**Call center outsourcing**") and "four models" in reply


def test_an_opening_that_asks_for_a_model_without_a_question_mark_gets_it(action_kb):
    text = "Mi chiedevo se per il nostro studio, solo inserimento dati, abbia senso un call center o altro."
    named = entities("service", "inserimento dati") + entities("outsourcing_type", "call center")
    message = tracker(text, "request_recommendation", named, active_loop="prospect_form", language="it")
    messages, slots = form_run(message)
    assert slots["processes"] == ["data_entry"]
    assert texts(messages)[0].startswith("**BPO back-office**")
