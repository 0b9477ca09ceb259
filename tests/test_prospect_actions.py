"""The prospect form's extraction, validation, recommendation, lead storage and data deletion."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import leads as lead_actions
from bot.actions.leads import ActionDeleteMyData, ActionHandoff, ActionSaveLead
from bot.actions.prospect import (
    ActionAskConfirmed,
    ActionAskConsent,
    ActionCancelProspect,
    ValidateProspectForm,
    plain_text,
)
from knowledge.db import make_engine, make_session_factory
from knowledge.leads import LeadStore
from knowledge.loader import ensure_schema
from tests.test_actions import responses, run, texts, tracker

FORM = ValidateProspectForm()
DOMAIN_SLOTS = [
    "processes", "channels", "languages", "hours", "volume", "timeline",
    "consent", "company", "contact_name", "email", "confirmed",
]  # fmt: skip


@pytest.fixture
def leads(action_kb, tmp_path, monkeypatch) -> LeadStore:
    engine = make_engine(f"sqlite:///{tmp_path / 'leads.db'}")
    ensure_schema(engine)
    store = LeadStore(make_session_factory(engine))
    monkeypatch.setattr(lead_actions, "lead_store", lambda: store)
    # No tracker store on disk (the in-memory one): erasure deletes the lead only.
    monkeypatch.setenv("ADVISOR_TRACKER_URL", f"sqlite:///{tmp_path / 'no-tracker.db'}")
    return store


def extract(slot: str, tracker_) -> dict:
    return getattr(FORM, f"extract_{slot}")(CollectingDispatcher(), tracker_, {})


def validate(slot: str, value, tracker_=None) -> tuple[dict, list[str]]:
    dispatcher = CollectingDispatcher()
    result = getattr(FORM, f"validate_{slot}")(value, dispatcher, tracker_ or tracker("x", "inform"), {})
    return result, responses(dispatcher.messages)


def required(**slots) -> list[str]:
    return asyncio.run(
        FORM.required_slots(list(DOMAIN_SLOTS), CollectingDispatcher(), tracker("x", "inform", **slots), {})
    )


# ------------------------------------------------------------------ extraction


def test_opening_message_fills_processes_channels_languages_and_hours(action_kb):
    message = tracker(
        "we need agents to answer phone calls in Italian and German, 24/7",
        "request_recommendation",
        [
            {"entity": "role", "value": "agents"},
            {"entity": "channel", "value": "phone calls"},
            {"entity": "language", "value": "Italian"},
            {"entity": "language", "value": "German"},
            {"entity": "hours", "value": "24/7"},
        ],
    )
    assert extract("processes", message)["processes"] == ["customer_service"]
    assert extract("channels", message) == {"channels": ["phone"]}
    assert extract("languages", message) == {"languages": ["italian", "german"]}
    assert extract("hours", message) == {"hours": "24_7"}


def test_italian_service_names_map_to_canonical_services(action_kb):
    message = tracker(
        "vorremmo esternalizzare le buste paga e la contabilità",
        "inform",
        [{"entity": "service", "value": "buste paga"}, {"entity": "service", "value": "contabilità"}],
        language="it",
    )
    result = extract("processes", message)
    assert result["processes"] == ["payroll", "accounting"]
    assert result["processes_text"] == "vorremmo esternalizzare le buste paga e la contabilità"


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("actually also German", "German", ["italian", "german"]),
        ("anche il tedesco", "tedesco", ["italian", "german"]),
        ("only German", "German", ["german"]),
    ],
)
def test_corrections_add_or_replace(action_kb, text, value, expected):
    message = tracker(text, "inform", [{"entity": "language", "value": value}], languages=["italian"])
    assert extract("languages", message) == {"languages": expected}


def test_asking_the_bot_to_speak_a_language_is_not_a_team_language(action_kb):
    message = tracker("parla italiano", "switch_language", [{"entity": "language", "value": "italiano"}])
    assert extract("languages", message) == {}


def test_a_knowledge_question_inside_the_form_changes_no_need(action_kb):
    question = tracker(
        "is payroll back office? and what do agents need?",
        "ask_service_office",
        [{"entity": "service", "value": "payroll"}, {"entity": "role", "value": "agents"}],
        active_loop="prospect_form",
        requested_slot="channels",
        processes=["customer_service"],
    )
    assert extract("processes", question) == {}


def test_a_volume_counted_in_payslips_or_calls_changes_no_need(action_kb):
    answer = tracker(
        "circa 2000 cedolini al mese",
        "inform",
        [{"entity": "service", "value": "cedolini"}],
        active_loop="prospect_form",
        requested_slot="volume",
        processes=["payroll", "accounting"],
        language="it",
    )
    assert extract("processes", answer) == {}
    calls = tracker(
        "about 5000 calls a month",
        "inform",
        [{"entity": "channel", "value": "calls"}],
        active_loop="prospect_form",
        requested_slot="volume",
        channels=["phone", "email"],
    )
    assert extract("channels", calls) == {}


def test_nothing_relevant_extracts_nothing(action_kb):
    message = tracker("what is BPO?", "ask_what_is_bpo", [{"entity": "outsourcing_type", "value": "BPO"}])
    for slot in ("processes", "channels", "languages", "hours", "email", "confirmed"):
        assert extract(slot, message) == {}


def test_dont_know_answers_the_question_being_asked(action_kb):
    assert extract("channels", tracker("no idea", "dont_know", requested_slot="channels")) == {"channels": []}
    assert extract("hours", tracker("non lo so", "dont_know", requested_slot="hours")) == {"hours": "-"}
    assert extract("hours", tracker("no idea", "dont_know", requested_slot="volume")) == {}


def test_email_is_picked_from_any_message_but_only_when_it_looks_like_one(action_kb):
    assert extract("email", tracker("la mia email è m.rossi@rossi.it", "inform")) == {
        "email": "m.rossi@rossi.it"
    }
    asked = {"active_loop": "prospect_form", "requested_slot": "email"}
    assert extract("email", tracker("maria at rossi", "inform", **asked)) == {"email": "maria at rossi"}
    assert (
        extract("email", tracker("maria@", "inform", active_loop="prospect_form", requested_slot="company"))
        == {}
    )
    assert extract("email", tracker("what is BPO?", "ask_what_is_bpo", **asked)) == {}


# ------------------------------------------------------------------ validation


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
    assert validate("volume", "no idea", tracker("no idea", "dont_know"))[0] == {"volume": "-"}
    assert validate("timeline", "non saprei", tracker("non saprei", "dont_know"))[0] == {"timeline": "-"}


def test_no_consent_drops_contact_details_and_their_questions():
    result, _ = validate("consent", False)
    assert result == {"consent": False, "company": None, "contact_name": None, "email": None}
    assert "email" not in required(consent=False, processes=["payroll"])
    assert "email" in required(consent=True, processes=["payroll"])


def test_channels_are_asked_only_for_customer_facing_work(action_kb):
    assert "channels" not in required(processes=["payroll", "accounting"])
    assert "channels" in required(processes=["payroll", "customer_service"])
    assert "channels" in required()  # not known yet


def test_summary_answers(action_kb):
    assert validate("confirmed", True)[0] == {"confirmed": True}
    assert validate("confirmed", False)[0] == {"confirmed": None, "editing": True}
    result, _ = validate("confirmed", "edit:contact")
    assert result == {
        "confirmed": None,
        "editing": False,
        "company": None,
        "contact_name": None,
        "email": None,
    }
    assert extract(
        "confirmed", tracker("/inform", "inform", [{"entity": "edit_field", "value": "hours"}])
    ) == {"confirmed": "edit:hours"}


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


def test_recommendation_explains_itself_in_the_users_language(action_kb):
    messages, _ = run(ActionAskConsent(), tracker("x", "inform", language="it", **FILLED))
    by_response = {m["response"]: m for m in messages}
    assert by_response["utter_recommendation"]["model_name"] == "BPO completo (front + back office)"
    assert by_response["utter_reason_bpo_full"]["back"] == "buste paga"
    assert "formazione" in by_response["utter_recommendation_workforce"]["workforce"]
    assert by_response["utter_recommendation_languages_served"]["languages"] == "italiano"
    assert by_response["utter_recommendation_languages_not_listed"]["languages"] == "portoghese"
    assert "utter_recommendation_hours_24_7" in by_response
    assert by_response["utter_recommendation_not_covered"]["not_covered"]
    assert responses(messages)[-1] == "utter_ask_consent"


def test_summary_shows_user_text_as_text(action_kb):
    messages, _ = run(ActionAskConfirmed(), tracker("x", "inform", **FILLED))
    summary = messages[0]
    assert summary["response"] == "utter_summary_with_contact"
    assert summary["company"] == "Rossi \\<Srl\\>"
    assert summary["model_name"] == "Full BPO (front + back office)"
    assert summary["languages"] == "Italian, Portuguese"


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
