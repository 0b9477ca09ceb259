"""The prospect form's checks of each answer (bot.actions.form_validation): what is kept, and the reason a
refused answer is asked again."""

from __future__ import annotations

import pytest

from bot.actions.form_slots import NOT_SPECIFIED
from tests.prospect_form import asked, extract, form_run
from tests.test_actions import tracker
from tests.test_form_reading import CONTACT_GIVEN, NEEDS_GIVEN, required, validate

# The summary on screen: every answer given, languages English and German.
SUMMARY_SHOWN = {**NEEDS_GIVEN, **CONTACT_GIVEN, "languages": ["english", "german"]}


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("Maria.Rossi@Rossi.IT", "Maria.Rossi@rossi.it"),
        ("john.smith+sales@acme.co.uk", "john.smith+sales@acme.co.uk"),
    ],
)
def test_valid_email_is_kept(given, stored):
    assert validate("email", given) == ({"email": stored}, [])


@pytest.mark.parametrize(
    "given", ["maria@", "maria rossi", "x@y", "@acme.com", "a@b.c", "a" * 250 + "@acme.com"]
)
def test_invalid_email_is_asked_again_with_the_reason(given):
    assert validate("email", given) == ({"email": None}, ["utter_invalid_email"])


def test_unrecognised_process_is_asked_again():
    assert validate("processes", []) == ({"processes": None}, ["utter_unknown_process"])


def test_free_text_is_kept_as_given_but_not_too_long():
    assert validate("company", "  Rossi   Srl ") == ({"company": "Rossi Srl"}, [])
    hostile = "<b>Acme</b>'; DROP TABLE leads; --"
    assert validate("company", hostile) == ({"company": hostile}, [])
    assert validate("company", "x" * 301) == ({"company": None}, ["utter_value_too_long"])
    assert validate("contact_name", "12345") == ({"contact_name": None}, ["utter_invalid_name"])


def test_optional_details_accept_i_dont_know():
    no_idea = tracker("no idea", "dont_know", requested_slot="volume")
    assert validate("volume", "no idea", no_idea)[0] == {"volume": "-"}
    non_saprei = tracker("non saprei", "dont_know", requested_slot="timeline")
    assert validate("timeline", "non saprei", non_saprei)[0] == {"timeline": "-"}


def test_a_form_resumed_after_a_no_keeps_the_details_given():
    # "Delete everything?" - "no": the form validates its filled slots again, with no question asked.
    resumed = tracker("no", "deny", requested_slot=None, volume="2000 calls a month", timeline="in May")
    assert validate("volume", "2000 calls a month", resumed)[0] == {"volume": "2000 calls a month"}
    assert validate("timeline", "in May", resumed)[0] == {"timeline": "in May"}


def test_no_consent_drops_contact_details_and_their_questions():
    result, _ = validate("consent", False)
    assert result == {"consent": False, "company": None, "contact_name": None, "email": None}
    assert "email" not in required(consent=False, processes=["payroll"])
    assert "email" in required(consent=True, processes=["payroll"])


def test_summary_answers(action_kb):
    assert validate("confirmed", True)[0] == {"confirmed": True}
    asked_to_change = {"confirmed": None, "editing": True, "form_misses": {"confirmed": 1}}
    assert validate("confirmed", False)[0] == asked_to_change
    result, _ = validate("confirmed", "edit:contact")
    assert result == {
        "confirmed": None,
        "editing": False,
        "form_misses": {},
        "company": None,
        "contact_name": None,
        "email": None,
    }
    assert extract(
        "confirmed", tracker("/inform", "inform", [{"entity": "edit_field", "value": "hours"}])
    ) == {"confirmed": "edit:hours"}


def test_no_preference_answers_the_question_even_when_read_as_a_stop(action_kb):
    text = "non importa, basta che entro fine mese sia tutto registrato"
    _, slots = form_run(asked("hours", text, "stop", language="it"))
    assert slots["hours"] == NOT_SPECIFIED
    _, slots = form_run(asked("timeline", "Egal, Hauptsache bald", "stop", language="de"))
    assert slots["timeline"] == "Egal, Hauptsache bald"
    for stop in ("ok, stop here please", "non importa, lasciamo perdere"):
        messages, slots = form_run(asked("hours", stop, "stop"))
        assert messages == [] and slots == {}  # a stop is still left to its rule, which asks first


def test_a_yes_with_a_remark_confirms_the_summary(action_kb):
    text = "Sì, corretto. Il nome dell'azienda va con la V maiuscola, come l'ha scritto lei."
    message = asked("confirmed", text, "ask_customer_base", language="it")
    assert extract("confirmed", message) == {"confirmed": True}
    # Rasa fills a yes the classifier heard (affirm) itself; the validation then asks what to change.
    taken_back = asked("confirmed", "Sì, ma l'e-mail è sbagliata", "inform", language="it")
    assert extract("confirmed", taken_back) == {}
    heard_as_yes = asked("confirmed", "Ja, bis auf die Telefonnummer", "affirm", language="de")
    assert validate("confirmed", True, heard_as_yes)[0]["editing"] is True
    # Asked what to change once, a yes again is taken: what to change never comes a third time.
    again = asked(
        "confirmed", "Ja, bis auf die Telefonnummer", "affirm", language="de", form_misses={"confirmed": 1}
    )
    assert validate("confirmed", True, again)[0] == {"confirmed": True}
    asking = asked("confirmed", "Ja, aber wann melden Sie sich?", "affirm", language="de")
    assert validate("confirmed", True, asking)[0] == {"confirmed": True}


def test_a_reply_to_the_summary_that_neither_confirms_nor_changes_is_never_met_by_it_a_third_time(action_kb):
    # "Yes, that's it - but make sure the German speakers are on reservations" (a "but", no change): the
    # summary came back for ever. First "what would you like to change?", then it is taken as shown.
    text = "Yes, that's it - but make sure the German speakers are on the reservations side."
    entities = [{"entity": "language", "value": "German"}]
    first = asked("confirmed", text, "inform", entities, **SUMMARY_SHOWN)
    messages, slots = form_run(first)
    assert slots["editing"] is True and slots["form_misses"] == {"confirmed": 1} and "confirmed" not in slots
    again = asked("confirmed", text, "inform", entities, **{**SUMMARY_SHOWN, "form_misses": {"confirmed": 1}})
    messages, slots = form_run(again)
    assert slots["confirmed"] is True and slots["requested_slot"] is None  # the form ends: no third summary
    assert any(m.get("response") == "utter_saved_as_shown" for m in messages)


def test_a_yes_with_a_non_word_in_a_compound_confirms(action_kb):
    message = asked("confirmed", "Yes - and French is non-negotiable.", "inform", **SUMMARY_SHOWN)
    assert extract("confirmed", message) == {"confirmed": True}
