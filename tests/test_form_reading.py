"""The prospect form's extraction: how a visitor's message fills its slots, or does not (the checks of each
answer are tests/test_form_validation.py)."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.executor import CollectingDispatcher

from tests.prospect_form import DOMAIN, FORM, asked, extract, form_run
from tests.test_actions import responses, texts, tracker

DOMAIN_SLOTS = [
    "processes", "channels", "languages", "hours", "volume", "timeline",
    "consent", "company", "contact_name", "email", "confirmed",
]  # fmt: skip


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
    assert extract("processes", message)["processes"] == ["payroll", "accounting"]


def test_the_prospects_own_words_for_the_work_are_kept_for_the_lead(action_kb):
    # Run as Rasa runs the form: the SDK keeps only the form's own slots from the extraction.
    text = "vorremmo esternalizzare le buste paga e la contabilità"
    entities = [{"entity": "service", "value": "buste paga"}, {"entity": "service", "value": "contabilità"}]
    _, slots = form_run(asked("processes", text, "inform", entities, language="it", processes=None))
    assert slots["processes"] == ["payroll", "accounting"] and slots["processes_text"] == text


def test_a_form_resumed_after_a_no_keeps_the_prospects_words_for_the_work(action_kb):
    # Rasa validates the filled slots again when the form resumes ("stop?" / "delete?" answered "no").
    check = FORM.validate_processes
    resumed = tracker("nein", "deny", requested_slot=None, processes_text="Kundenservice auslagern")
    assert check(["customer_service"], CollectingDispatcher(), resumed, DOMAIN) == {
        "processes": ["customer_service"]
    }
    opening = tracker("Kundenservice auslagern", "request_recommendation", requested_slot=None)
    words = check(["customer_service"], CollectingDispatcher(), opening, DOMAIN)["processes_text"]
    assert words == "Kundenservice auslagern"


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
    question = asked(
        "channels", "is payroll back office? and what do agents need?", "ask_service_office",
        [{"entity": "service", "value": "payroll"}, {"entity": "role", "value": "agents"}],
        processes=["customer_service"],
    )  # fmt: skip
    assert extract("processes", question) == {}


def test_a_volume_counted_in_payslips_or_calls_changes_no_need(action_kb):
    payslips = [{"entity": "service", "value": "cedolini"}]
    back_office = ["payroll", "accounting"]
    answer = asked(
        "volume", "circa 2000 cedolini al mese", "inform", payslips, processes=back_office, language="it"
    )
    assert extract("processes", answer) == {}
    mentioned = [{"entity": "channel", "value": "calls"}]
    calls = asked("volume", "about 5000 calls a month", "inform", mentioned, channels=["phone", "email"])
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


# ------------------------------------------------------- free text inside the form (what a visitor types)


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


def test_naming_a_known_service_again_does_not_answer_the_question(action_kb):
    # "As long as the payroll is done by the 5th": the hours question missed twice.
    text = "Hauptsache die Abrechnung ist bis zum 5. des Monats fertig"
    entities = [{"entity": "service", "value": "Abrechnung"}]
    slots = dict(processes=["invoicing"], channels=None, language="de")
    messages, first = form_run(asked("hours", text, "inform", entities, **slots))
    assert responses(messages) == ["utter_didnt_catch"] and first["form_misses"] == {"hours": 1}
    messages, second = form_run(asked("hours", text, "inform", entities, form_misses={"hours": 1}, **slots))
    assert second["hours"] == "-" and second["form_notes"] == {"hours": text}
    assert second["requested_slot"] != "hours"
    # "Doesn't matter, as long as ...": no preference answers at once, and the service named changes nothing.
    _, slots_now = form_run(asked("hours", f"ist eigentlich egal, {text}", "inform", entities, **slots))
    assert slots_now["hours"] == "-" and "processes" not in slots_now


def test_a_yes_to_consent_that_rasa_already_filled_is_an_answer(action_kb):
    # Rasa fills the intent-mapped consent slot before the form runs: it is still the answer asked for.
    message = asked("consent", "klar, ruft mich an", "affirm", consent=True, language="de")
    message.events = [
        {"event": "user", "text": "klar, ruft mich an"},
        {"event": "slot", "name": "consent", "value": True},
    ]
    messages, slots = form_run(message)
    assert "utter_didnt_catch" not in responses(messages) and "form_misses" not in slots


def test_a_german_filler_is_not_a_correction(action_kb):
    text = "ist eigentlich egal, Hauptsache die Abrechnung ist fertig"
    question = asked("hours", text, "inform", [{"entity": "service", "value": "Abrechnung"}],
                     processes=["payroll"], language="de")  # fmt: skip
    _, slots = form_run(question)
    assert "processes" not in slots


NEEDS_GIVEN = dict(hours="business_hours", volume="-", timeline="-")
CONTACT_GIVEN = dict(consent=True, company="Acme Ltd", contact_name="Ann Lee", email="ann@acme.example")


@pytest.mark.parametrize(
    "slot, language, text, intent, given, answer",
    [
        ("confirmed", "en", "Yes, that's correct. Would your staff have legal qualifications?", "ask_skills",
         {**NEEDS_GIVEN, **CONTACT_GIVEN}, "qualification"),
        ("consent", "it", "Sì, potete contattarmi. I vostri operatori parlano tedesco?", "ask_languages",
         NEEDS_GIVEN, "tedesco"),
    ],
)  # fmt: skip
def test_a_yes_before_a_question_answers_both(action_kb, slot, language, text, intent, given, answer):
    message = asked(slot, text, intent, language=language, **given)
    assert extract(slot, message) == {slot: True}
    messages, _ = form_run(message)
    assert answer in texts(messages)[0]  # and the question gets its answer


@pytest.mark.parametrize(
    "text, language",
    [
        ("yes, but not by phone. is email ok?", "en"),  # refuses part of it
        ("Right now, where is the data stored?", "en"),
        ("Si può avere anche il servizio in tedesco?", "it"),
        ("Stimmt es, dass die Daten in Albanien liegen?", "de"),
        ("Passt das auch für eine Steuerkanzlei?", "de"),
    ],
)
def test_a_question_that_only_starts_like_a_yes_confirms_nothing(action_kb, text, language):
    message = asked("confirmed", text, "ask_italian_law", language=language, **NEEDS_GIVEN, **CONTACT_GIVEN)
    assert extract("confirmed", message) == {}


def test_the_work_named_in_a_question_which_model_fits_is_the_need(action_kb):
    text = (
        "Wir sind ein E-Bike-Hersteller aus dem Allgäu, rund 200 Mitarbeitende. Wenn wir die Kundenhotline"
        " und die Kreditorenbuchhaltung auslagern - was würdest du uns empfehlen?"
    )
    entities = [{"entity": "service", "value": v} for v in ("Kundenhotline", "Kreditorenbuchhaltung")]
    message = tracker(text, "request_recommendation", entities, active_loop="prospect_form", language="de")
    assert extract("processes", message) == {"processes": ["customer_service", "accounting"]}


def test_customers_questions_quoted_in_an_answer_do_not_make_it_a_question(action_kb):
    text = (
        "Kundenservice für Schadenmeldungen und Statusnachfragen (Wann zahlt die Versicherung? Was fehlt"
        " noch?). Die Buchhaltung bleibt bei uns."
    )
    entities = [{"entity": "service", "value": v} for v in ("Kundenservice", "Buchhaltung")]
    message = asked("processes", text, "ask_customer_base", entities, processes=None, language="de")
    assert extract("processes", message) == {"processes": ["customer_service"]}


@pytest.mark.parametrize(
    ("language", "text", "surfaces"),
    [
        ("de", "Die Aufnahme der Schadenmeldungen unserer Kunden und die Beantwortung von Statusnachfragen. "
         "Die Schadenregulierung und die Buchhaltung bleiben bei uns.",
         ("Aufnahme der Schadenmeldungen", "Beantwortung von Statusnachfragen", "Schadenregulierung",
          "Buchhaltung")),
        ("it", "Il numero verde per le denunce sinistri, la liquidazione dei sinistri resta a noi.",
         ("numero verde", "denunce sinistri", "liquidazione dei sinistri")),
    ],
)  # fmt: skip
def test_customers_reporting_claims_is_customer_service_settling_them_stays(
    action_kb, language, text, surfaces
):
    entities = [{"entity": "service", "value": surface} for surface in surfaces]
    message = asked("processes", text, "inform", entities, processes=None, language=language)
    assert extract("processes", message) == {"processes": ["customer_service"]}


def test_processing_the_claims_reports_is_back_office(action_kb):
    text = "Die Bearbeitung der Schadenmeldungen geben wir ab."
    entities = [{"entity": "service", "value": "Bearbeitung der Schadenmeldungen"}]
    message = asked("processes", text, "inform", entities, processes=None, language="de")
    assert extract("processes", message) == {"processes": ["administration"]}
