"""The prospect form's extraction, validation, recommendation, lead storage and data deletion."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import leads as lead_actions
from bot.actions.leads import ActionDeleteMyData, ActionHandoff, ActionSaveLead
from bot.actions.prospect import ActionCancelProspect, ActionConfirmStop, ValidateProspectForm, plain_text
from bot.actions.recommendation import ActionAskConfirmed, ActionAskConsent
from knowledge.db import make_engine, make_session_factory
from knowledge.leads import LeadStore
from knowledge.loader import ensure_schema
from tests.test_actions import responses, run, texts, tracker

FORM = ValidateProspectForm()
DOMAIN = yaml.safe_load((Path(__file__).resolve().parent.parent / "domain.yml").read_text())
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


def test_a_need_taken_for_a_question_keeps_both_halves_when_it_opens_the_form(action_kb):
    # The classifier read it as "is document checking front or back office?"; it opened the form.
    message = tracker(
        "Ci servirebbe una mano con la verifica documenti dei nuovi clienti e il supporto via chat",
        "ask_service_office",
        [{"entity": "service", "value": "verifica documenti"}, {"entity": "channel", "value": "via chat"}],
        active_loop="prospect_form",
        confidence=0.58,
        language="it",
    )
    assert extract("processes", message)["processes"] == ["customer_service", "administration"]
    assert extract("channels", message) == {"channels": ["chat"]}


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
        "form_misses": {},
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


# ------------------------------------------------------- free text inside the form (what a visitor types)

NEEDS_SO_FAR = dict(processes=["customer_service"], channels=["phone"], languages=["italian"])


def form_run(tracker_) -> tuple[list[dict], dict]:
    """The form's validation as Rasa runs it on a user message: messages sent and slots set."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(FORM.run(dispatcher, tracker_, DOMAIN))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def asked(slot: str, text: str, intent: str, entities=None, confidence: float = 0.99, **slots):
    return tracker(
        text, intent, entities, active_loop="prospect_form", confidence=confidence, requested_slot=slot,
        **{**NEEDS_SO_FAR, **slots},
    )  # fmt: skip


def test_an_hour_range_answers_the_hours_question_even_when_read_as_a_goodbye(action_kb):
    _, slots = form_run(asked("hours", "8 to 20, Monday to Saturday", "goodbye"))
    assert slots["hours"] == "extended_hours"
    _, slots = form_run(asked("hours", "Mo-Fr 9-18", "nlu_fallback", confidence=0.2))
    assert slots["hours"] == "business_hours"


def test_a_rich_answer_naming_channels_is_an_answer_not_a_question(action_kb):
    text = "answering DMs and comments on Instagram plus the support mailbox"
    entities = [{"entity": "channel", "value": v} for v in ("DMs", "Instagram", "support mailbox")]
    messages, slots = form_run(
        asked("processes", text, "ask_channels", entities, processes=None, channels=None)
    )
    assert slots["processes"] == ["customer_service"]
    assert slots["channels"] == ["social_media", "email"]
    assert not texts(messages)  # no knowledge answer instead of moving on


def test_a_need_with_customer_facing_and_internal_parts_keeps_both(action_kb):
    text = "Bookings by phone and chat, plus invoice data entry and staff paperwork"
    entities = [
        {"entity": "service", "value": "Bookings"}, {"entity": "channel", "value": "phone"},
        {"entity": "channel", "value": "chat"}, {"entity": "service", "value": "data entry"},
        {"entity": "service", "value": "paperwork"},
    ]  # fmt: skip
    _, slots = form_run(asked("processes", text, "inform", entities, processes=None, channels=None))
    assert slots["processes"] == ["appointment_setting", "data_entry", "administration"]
    assert slots["channels"] == ["phone", "chat"]


def test_channels_named_without_a_customer_service_imply_one(action_kb):
    text = "orders by phone and chat, plus payroll"
    entities = [{"entity": "channel", "value": "phone"}, {"entity": "channel", "value": "chat"},
                {"entity": "service", "value": "payroll"}]  # fmt: skip
    _, slots = form_run(asked("processes", text, "inform", entities, processes=None, channels=None))
    assert slots["processes"] == ["customer_service", "payroll"]


def test_a_question_is_asked_at_most_twice_then_the_visitors_words_are_kept(action_kb):
    messages, slots = form_run(asked("hours", "depends on the season really", "nlu_fallback"))
    assert responses(messages) == ["utter_didnt_catch"]
    assert slots == {"form_misses": {"hours": 1}}
    messages, slots = form_run(
        asked(
            "hours", "depends on the season really", "nlu_fallback", confidence=0.2, form_misses={"hours": 1}
        )
    )
    assert responses(messages) == ["utter_moving_on_noted"]
    assert messages[0]["words"] == "depends on the season really"
    assert slots["hours"] == "-" and slots["form_notes"] == {"hours": "depends on the season really"}


def test_a_digression_is_answered_then_the_question_comes_once_more(action_kb):
    question = asked(
        "hours", "what is BPO?", "ask_what_is_bpo", [{"entity": "outsourcing_type", "value": "BPO"}]
    )
    messages, slots = form_run(question)
    assert "non-core" in texts(messages)[0]
    assert "utter_answer_next_step" not in responses(messages)  # the form's question follows instead
    assert slots["form_misses"] == {"hours": 1} and "hours" not in slots
    call_center = [{"entity": "outsourcing_type", "value": "call center"}]
    again = asked(
        "hours",
        "and what is a call center?",
        "ask_what_is_call_center",
        call_center,
        form_misses={"hours": 1},
    )
    messages, slots = form_run(again)
    assert "phone" in texts(messages)[0]
    assert responses(messages)[-1] == "utter_moving_on"
    assert slots["hours"] == "-" and slots["form_notes"] == {}


def test_leaving_the_form_needs_a_clear_intent(action_kb):
    messages, slots = form_run(asked("hours", "ok bye then", "goodbye", confidence=0.95))
    assert messages == [] and slots == {}  # left to the rule, which asks for confirmation
    messages, slots = form_run(asked("hours", "hmm maybe", "goodbye", confidence=0.4))
    assert responses(messages) == ["utter_didnt_catch"] and slots == {"form_misses": {"hours": 1}}


def test_stopping_asks_before_forgetting(action_kb):
    messages, events = run(ActionConfirmStop(), asked("hours", "stop", "stop"))
    assert responses(messages) == ["utter_confirm_stop"]
    assert ActiveLoop(None) in events and SlotSet("requested_slot", None) in events
    assert not any(e.get("name") in ("processes", "hours") for e in events)  # nothing forgotten yet


def test_a_question_that_starts_the_form_is_answered_first(action_kb):
    text = "Our support team drowns in emails, someone told me a BPO can take that over. True?"
    entities = [{"entity": "channel", "value": "emails"}, {"entity": "outsourcing_type", "value": "BPO"}]
    opening = tracker(text, "request_recommendation", entities, active_loop="prospect_form")
    opening.latest_message["intent_ranking"] = [
        {"name": "request_recommendation", "confidence": 0.63}, {"name": "ask_channels", "confidence": 0.2},
    ]  # fmt: skip
    messages, slots = form_run(opening)
    assert texts(messages) and "e-mail" in texts(messages)[0]
    assert slots["processes"] == ["customer_service"] and slots["channels"] == ["email"]


def test_the_visitors_own_words_reach_the_lead(leads):
    notes = {"hours": "depends on the season", "email": "ask my assistant"}
    run(ActionSaveLead(), tracker("yes", "affirm", **FILLED, form_notes=notes))
    assert leads.get("test-user")["notes"] == notes
    run(ActionSaveLead(), tracker("yes", "affirm", **{**FILLED, "consent": False}, form_notes=notes))
    assert leads.get("test-user")["notes"] == {
        "hours": "depends on the season"
    }  # no contact, no contact notes


def test_what_the_prospect_says_no_to_is_not_a_need(action_kb):
    text = "solo telefono, nessuna chat o email"
    entities = [{"entity": "channel", "value": v} for v in ("telefono", "chat", "email")]
    _, slots = form_run(asked("channels", text, "inform", entities, language="it", channels=None))
    assert slots["channels"] == ["phone"]


def test_an_office_named_for_the_work_counts_as_that_side(action_kb):
    text = "we need both customer care and back office for the contracts"
    entities = [{"entity": "service", "value": "customer care"}, {"entity": "office", "value": "back office"}]
    _, slots = form_run(tracker(text, "request_recommendation", entities, active_loop="prospect_form"))
    assert slots["processes"] == ["customer_service", "administration"]


def test_a_skipped_question_moves_the_form_to_the_next_one(action_kb):
    # Back-office work only: the form's own list of questions (no channels) decides what comes next.
    slots = dict(processes=["payroll"], channels=None, languages=["english"], hours="business_hours",
                 volume="-", timeline="-", form_misses={"consent": 1})  # fmt: skip
    _, result = form_run(asked("consent", "I'd rather get the summary here", "inform", **slots))
    assert result["consent"] is False and result["requested_slot"] == "confirmed"


def test_a_free_text_answer_is_taken_whatever_the_classifier_thought(action_kb):
    _, slots = form_run(asked("timeline", "we would like to start on 1 March", "request_recommendation"))
    assert slots["timeline"] == "we would like to start on 1 March"


def test_the_consent_question_asked_again_does_not_repeat_the_recommendation(action_kb):
    messages, _ = run(
        ActionAskConsent(), tracker("x", "inform", **FILLED, form_misses={"consent": 1}), DOMAIN
    )
    assert [m.get("response") for m in messages] == ["utter_ask_consent"]


def test_a_service_named_while_answering_another_question_changes_no_need(action_kb):
    text = "customer service 8am to 10pm every day, the admin part whenever during the week"
    entities = [{"entity": "service", "value": "customer service"}]
    question = asked("hours", text, "inform", entities, processes=["customer_service", "administration"])
    _, slots = form_run(question)
    assert "processes" not in slots and slots["hours"] == "extended_hours"
    correction = asked(
        "hours", "actually also payroll", "inform", [{"entity": "service", "value": "payroll"}]
    )
    _, slots = form_run(correction)
    assert slots["processes"] == ["customer_service", "payroll"]  # a correction says so


def test_a_no_to_the_consent_question_is_a_no_whatever_the_classifier_thought(action_kb):
    _, slots = form_run(
        asked("consent", "no, preferisco ricevere solo il riepilogo qui", "stop", language="it")
    )
    assert slots["consent"] is False
