"""The prospect form's actions: recommendation, summary, lead storage, handoff, stop and data deletion."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet

from bot.actions import leads as lead_actions
from bot.actions.form_exit import ActionCancelProspect, ActionConfirmStop
from bot.actions.leads import (
    ActionConfirmDeletion,
    ActionConfirmDeletionInForm,
    ActionDeleteMyData,
    ActionDeleteMyDataInForm,
    ActionHandoff,
    ActionSaveLead,
)
from bot.actions.prospect import plain_text
from bot.actions.recommendation import ActionAskConfirmed, ActionAskConsent
from knowledge.db import make_engine, make_session_factory
from knowledge.leads import LeadStore
from knowledge.loader import ensure_schema
from tests.prospect_form import DOMAIN, asked, form_run
from tests.test_actions import responses, run, texts, tracker


@pytest.fixture
def leads(action_kb, tmp_path, monkeypatch) -> LeadStore:
    engine = make_engine(f"sqlite:///{tmp_path / 'leads.db'}")
    ensure_schema(engine)
    store = LeadStore(make_session_factory(engine))
    monkeypatch.setattr(lead_actions, "lead_store", lambda: store)
    # No tracker store on disk (the in-memory one): erasure deletes the lead only.
    monkeypatch.setenv("ADVISOR_TRACKER_URL", f"sqlite:///{tmp_path / 'no-tracker.db'}")
    return store


# ------------------------------------------------------- recommendation and lead

FILLED = dict(
    processes=["customer_service", "payroll"],
    processes_text="servizio clienti e buste paga",
    channels=["phone", "email"],
    languages=["italian", "portuguese"],
    hours="24_7",
    volume="circa 3000 chiamate al mese",
    timeline="entro marzo",
    consent=True,
    company="Rossi <Srl>",
    contact_name="Maria Rossi",
    email="maria@rossi.it",
)


def test_recommendation_is_one_readable_message_in_the_users_language(action_kb):
    messages, _ = run(ActionAskConsent(), tracker("x", "inform", language="it", **FILLED), DOMAIN)
    assert len(messages) == 2 and responses(messages) == ["utter_ask_consent"]
    lines = messages[0]["text"].split("\n")
    assert lines[0].startswith("Il mio consiglio: **BPO completo (front + back office)**.")
    assert lines[1].startswith("Perché:") and "(servizio clienti)" in lines[1] and "(buste paga)" in lines[1]
    assert lines[2].startswith("Profilo del team:") and "formazione" in lines[2]
    assert "Lingue: italiano rientra tra le lingue servite dall'Albania." in lines
    assert any(line.startswith("Per onestà: portoghese non rientra") for line in lines)
    assert any(line.startswith("Orari: il servizio 24/7") for line in lines)
    assert lines[-1].startswith("Non incluso:")


def test_recommendation_lists_read_as_lists(action_kb):
    needs = {
        **FILLED,
        "processes": ["customer_service", "sales", "payroll"],
        "languages": ["italian", "german"],
    }
    messages, _ = run(ActionAskConsent(), tracker("x", "inform", **needs), DOMAIN)
    text = messages[0]["text"]
    assert "(customer service and sales)" in text
    assert "Languages: Italian and German are both served from Albania." in text


def test_summary_shows_user_text_as_text(action_kb):
    messages, _ = run(ActionAskConfirmed(), tracker("x", "inform", **FILLED))
    summary = messages[0]
    assert summary["response"] == "utter_summary_with_contact"
    assert summary["company"] == "Rossi \\<Srl\\>"
    assert summary["model_name"] == "Full BPO (front + back office)"
    assert summary["languages"] == "Italian, Portuguese"


def test_the_summary_shown_again_restarts_the_count_of_what_to_change(action_kb):
    # After a correction the summary comes again: a "yes, but ..." then asks what to change again.
    _, events = run(
        ActionAskConfirmed(), tracker("x", "inform", **FILLED, form_misses={"confirmed": 1, "hours": 1})
    )
    assert events == [SlotSet("form_misses", {"hours": 1})]
    _, events = run(
        ActionAskConfirmed(), tracker("x", "inform", **FILLED, editing=True, form_misses={"confirmed": 1})
    )
    assert events == [SlotSet("editing", False)]  # asking what to change keeps the count


def test_confirmed_lead_is_stored_once_and_updated_on_correction(leads):
    messages, _ = run(ActionSaveLead(), tracker("yes", "affirm", **FILLED))
    assert responses(messages) == ["utter_lead_saved_with_contact"]
    stored = leads.get("test-user")
    assert stored["recommended_model"] == "bpo_full"
    assert stored["email"] == "maria@rossi.it" and stored["company"] == "Rossi <Srl>"
    assert "languages_not_listed:Portuguese" in stored["reasons"]
    run(ActionSaveLead(), tracker("yes", "affirm", **{**FILLED, "languages": ["italian", "german"]}))
    assert len(leads.all()) == 1 and leads.get("test-user")["languages"] == ["italian", "german"]


def test_without_consent_the_lead_has_no_personal_data(leads):
    messages, _ = run(ActionSaveLead(), tracker("yes", "affirm", **{**FILLED, "consent": False}))
    assert responses(messages) == ["utter_lead_saved_anonymous"]
    stored = leads.get("test-user")
    assert (stored["company"], stored["contact_name"], stored["email"]) == (None, None, None)
    assert stored["processes"] == ["customer_service", "payroll"]


def test_cancel_forgets_everything_and_stores_nothing(leads):
    messages, events = run(ActionCancelProspect(), tracker("stop", "stop", **FILLED))
    assert responses(messages) == ["utter_prospect_cancelled"]
    assert (
        ActiveLoop(None) in events
        and SlotSet("email", None) in events
        and SlotSet("processes", None) in events
    )
    assert leads.all() == []


def test_handoff_records_what_is_known_and_says_what_happens(leads):
    messages, _ = run(ActionHandoff(), tracker("talk to a person", "human_handoff", **FILLED))
    assert responses(messages) == ["utter_handoff_recorded_with_contact"]
    assert leads.get("test-user")["handoff_requested"] is True
    messages, _ = run(ActionHandoff(), tracker("operatore!", "human_handoff", processes=["payroll"]))
    assert responses(messages) == ["utter_handoff_recorded_no_contact"]


@pytest.mark.parametrize(
    ("text", "language", "role", "service"),
    [("cerchiamo degli agenti per le chiamate commerciali", "it", "agenti", "chiamate commerciali"),
     ("we need phone agents for telesales", "en", "agents", "telesales")],
)  # fmt: skip
def test_asking_for_agents_to_do_work_is_a_need_not_a_handoff(leads, text, language, role, service):
    entities = [{"entity": "role", "value": role}, {"entity": "service", "value": service}]
    messages, events = run(ActionHandoff(), tracker(text, "human_handoff", entities, language=language))
    assert events == [FollowupAction("prospect_form")] and messages == [] and leads.all() == []
    opened = tracker(text, "human_handoff", entities, language=language, active_loop="prospect_form")
    assert form_run(opened)[1]["processes"] == ["sales"]  # the form keeps the work it opened with


@pytest.mark.parametrize(
    "text",
    ["I'd like to talk to one of your agents about telesales", "Put me through to an agent for telesales",
     "We need agents for telesales, can someone call me back?"],
)  # fmt: skip
def test_asking_for_a_person_is_a_handoff_whatever_work_it_names(leads, text):
    entities = [{"entity": "role", "value": "agents"}, {"entity": "service", "value": "telesales"}]
    messages, _ = run(ActionHandoff(), tracker(text, "human_handoff", entities))
    assert responses(messages) == ["utter_handoff_recorded_no_contact"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("und kann der Anrufer dann verlangen, mit jemandem in der EU zu sprechen?", "de"),
     ("and can the caller then ask to speak to someone in the EU?", "en")],
)  # fmt: skip
def test_a_question_about_callers_rights_after_the_italian_rule_is_answered(leads, text, language):
    question = tracker(text, "human_handoff", language=language, last_topic="italian_law")
    messages, _ = run(ActionHandoff(), question)
    assert "EU" in texts(messages)[0] and leads.all() == []


@pytest.mark.parametrize(
    "text",
    ["as a caller, can I talk to a person?",
     "Our callers wait too long on hold - can I speak to one of your consultants?",
     "Wir haben viele Anrufer aus Österreich - kann ich mit einem Berater sprechen?"],
)  # fmt: skip
def test_a_request_for_a_person_that_speaks_of_callers_is_still_a_handoff(leads, text):
    messages, _ = run(ActionHandoff(), tracker(text, "human_handoff"))
    assert responses(messages) == ["utter_handoff_recorded_no_contact"]


def test_delete_my_data_asks_first_and_erases_nothing(leads):
    run(ActionSaveLead(), tracker("yes", "affirm", **FILLED))
    messages, events = run(ActionConfirmDeletion(), tracker("delete my data", "delete_my_data", **FILLED))
    assert responses(messages) == ["utter_confirm_deletion"] and events == []
    assert leads.get("test-user") is not None
    form = tracker("cancella i miei dati", "delete_my_data", requested_slot="email", **FILLED)
    messages, events = run(ActionConfirmDeletionInForm(), form)
    assert responses(messages) == ["utter_confirm_deletion"]
    assert events == [ActiveLoop(None), SlotSet("requested_slot", None)]  # the form pauses, keeping its slots
    assert leads.get("test-user") is not None


@pytest.mark.parametrize(
    ("text", "intent"),
    [("ok, forget it", "affirm"), ("Okay, vergiss es", "affirm"), ("ok, lascia stare", "stop"),
     ("no, don't delete my data", "delete_my_data"), ("non cancellare i miei dati", "delete_my_data"),
     ("keep my data", "delete_my_data"), ("no, stop, leave it", "stop")],
)  # fmt: skip
def test_an_answer_to_the_deletion_question_that_is_no_clear_yes_erases_nothing(leads, text, intent):
    run(ActionSaveLead(), tracker("yes", "affirm", **FILLED))
    messages, events = run(ActionDeleteMyData(), tracker(text, intent, **FILLED))
    assert responses(messages) == ["utter_nothing_deleted"] and events == []
    assert leads.get("test-user") is not None


def test_a_yes_the_classifier_took_for_stop_erases(leads):
    run(ActionSaveLead(), tracker("yes", "affirm", **FILLED))
    messages, _ = run(ActionDeleteMyData(), tracker("sì, cancella tutto", "stop", **FILLED))
    assert responses(messages) == ["utter_data_deleted"] and leads.all() == []


def test_inside_the_form_an_answer_that_erases_nothing_resumes_the_form(leads):
    run(ActionSaveLead(), tracker("yes", "affirm", **FILLED))
    messages, events = run(ActionDeleteMyDataInForm(), tracker("ok, forget it", "affirm", **FILLED))
    assert responses(messages) == ["utter_nothing_deleted"] and events == [FollowupAction("prospect_form")]
    assert leads.get("test-user") is not None
    messages, _ = run(ActionDeleteMyDataInForm(), tracker("yes", "affirm", **FILLED))
    assert responses(messages) == ["utter_data_deleted"] and leads.all() == []


def test_delete_my_data_erases_the_conversations_lead(leads):
    run(ActionSaveLead(), tracker("yes", "affirm", **FILLED))
    messages, events = run(ActionDeleteMyData(), tracker("delete my data", "delete_my_data", **FILLED))
    assert responses(messages) == ["utter_data_deleted"] and leads.all() == []
    assert SlotSet("email", None) in events
    messages, _ = run(ActionDeleteMyData(), tracker("delete my data", "delete_my_data"))
    assert responses(messages) == ["utter_no_data_stored"]


def test_delete_my_data_also_erases_the_stored_conversation_and_says_so(leads, tmp_path, monkeypatch):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = SQLTrackerStore(domain=Domain.empty(), host=url)
    events = [UserUttered("hello"), UserUttered("luca@example.com")]
    asyncio.run(store.save(DialogueStateTracker.from_events("test-user", events)))
    monkeypatch.setenv("ADVISOR_TRACKER_URL", url)
    run(ActionSaveLead(), tracker("yes", "affirm", **FILLED))
    messages, _ = run(ActionDeleteMyData(), tracker("delete my data", "delete_my_data", **FILLED))
    assert responses(messages) == ["utter_erased_lead_and_conversation"]
    assert messages[0]["messages"] == 3  # the two stored and this request
    assert asyncio.run(store.retrieve("test-user")) is None and leads.all() == []
    messages, _ = run(ActionDeleteMyData(), tracker("delete my data", "delete_my_data"))
    assert responses(messages) == ["utter_erased_conversation"] and messages[0]["messages"] == 1


def test_plain_text_escapes_markup():
    assert (
        plain_text("[click](http://x) *bold* <script>") == "\\[click\\]\\(http://x\\) \\*bold\\* \\<script\\>"
    )
    assert texts([{"text": plain_text("Rossi Srl")}]) == ["Rossi Srl"]


# ------------------------------------------------------- free text inside the form (what a visitor types)


def test_stopping_asks_before_forgetting(action_kb):
    messages, events = run(ActionConfirmStop(), asked("hours", "stop", "stop"))
    assert responses(messages) == ["utter_confirm_stop"]
    assert ActiveLoop(None) in events and SlotSet("requested_slot", None) in events
    assert not any(e.get("name") in ("processes", "hours") for e in events)  # nothing forgotten yet


def test_the_visitors_own_words_reach_the_lead(leads):
    notes = {"hours": "depends on the season", "email": "ask my assistant"}
    run(ActionSaveLead(), tracker("yes", "affirm", **FILLED, form_notes=notes))
    assert leads.get("test-user")["notes"] == notes
    run(ActionSaveLead(), tracker("yes", "affirm", **{**FILLED, "consent": False}, form_notes=notes))
    assert leads.get("test-user")["notes"] == {
        "hours": "depends on the season"
    }  # no contact, no contact notes


def test_the_consent_question_asked_again_does_not_repeat_the_recommendation(action_kb):
    messages, _ = run(
        ActionAskConsent(), tracker("x", "inform", **FILLED, form_misses={"consent": 1}), DOMAIN
    )
    assert [m.get("response") for m in messages] == ["utter_ask_consent"]
