"""What counts as a need in the prospect form: vague openings, work the prospect keeps, and when the
channels question is asked (customers may be involved in work that sounds internal)."""

from __future__ import annotations

import pytest

from tests.prospect_form import asked, form_run
from tests.test_actions import responses, tracker
from tests.test_form_reading import extract, required


def test_channels_are_asked_for_customer_facing_work_and_where_customers_may_be_involved(action_kb):
    assert "channels" not in required(
        processes=["payroll", "accounting"], processes_text="payroll and accounting"
    )
    # "Claims" sound internal but may have customers, and so may work described at length: the channels
    # question tells, unless the prospect said there are no customers.
    assert "channels" in required(processes=["administration"], processes_text="our claims handling")
    described = (
        "two bits really: pet owners get in touch to report a claim or chase one, and then behind the scenes"
        " keying in the vet invoices and updating the policy records"
    )
    assert "channels" in required(processes=["data_entry"], processes_text=described)
    described_internal = f"{described}, no customer contact"
    assert "channels" not in required(processes=["data_entry"], processes_text=described_internal)
    assert "channels" not in required(processes=["administration"], processes_text="Schäden, alles intern")
    assert "channels" in required(processes=["payroll", "customer_service"])
    assert "channels" in required()  # not known yet


def test_customers_reaching_them_for_internal_sounding_work_add_customer_facing_work(action_kb):
    answer = asked(
        "channels", "pet owners call us or e-mail us about their claims", "inform",
        [{"entity": "channel", "value": "call"}, {"entity": "channel", "value": "e-mail"}],
        processes=["administration", "data_entry"],
    )  # fmt: skip
    _, slots = form_run(answer)
    assert slots["processes"] == ["customer_service", "administration", "data_entry"]
    assert "email" in slots["channels"]


def test_no_customer_channels_is_no_channel_even_when_internal_mail_is_named(action_kb):
    text = "nessun canale clienti, lavorereste con il nostro ufficio amministrazione via mail interna"
    mail = [{"entity": "channel", "value": "mail"}]
    answer = asked("channels", text, "inform", mail, processes=["payroll"], language="it")
    _, slots = form_run(answer)
    assert slots.get("channels", []) == [] and slots.get("processes", ["payroll"]) == ["payroll"]


def test_no_customers_answers_the_channels_question(action_kb):
    _, slots = form_run(
        asked("channels", "keine, das ist alles intern", "inform", [], processes=["administration"])
    )
    assert slots.get("channels", []) == [] and slots["requested_slot"] not in (None, "channels")


@pytest.mark.parametrize(
    "language, text, kept",
    [
        ("en", "Answering patient calls; clinical notes and billing stay with the practice", "invoicing"),
        ("it", "prenotazioni al telefono. refertazione e fatturazione restano a noi", "invoicing"),
        ("de", "Kundenanfragen beantworten. Das Lager und die Buchhaltung machen wir selbst", "accounting"),
    ],
)
def test_work_the_prospect_keeps_is_not_a_need(action_kb, language, text, kept):
    term = {"invoicing": {"en": "billing", "it": "fatturazione"}, "accounting": {"de": "buchhaltung"}}[kept]
    message = asked("processes", text, "inform", [{"entity": "service", "value": term[language]}],
                    language=language)  # fmt: skip
    assert kept not in (extract("processes", message).get("processes") or [])


def test_work_named_before_but_is_still_a_need(action_kb):
    text = "customer service but billing stays with us"
    entities = [{"entity": "service", "value": "customer service"}, {"entity": "service", "value": "billing"}]
    assert extract("processes", asked("processes", text, "inform", entities))["processes"] == [
        "customer_service"
    ]


def test_a_vague_opening_still_gets_the_question_what_the_work_is(action_kb):
    # "Claims" may be customer contact or internal processing: the answer to "what would you like to
    # outsource?" decides, so the opening does not fill the processes.
    opening = tracker(
        "Hi, it's about our claims handling, it's getting too much", "request_recommendation",
        [{"entity": "service", "value": "claims handling"}], requested_slot=None,
    )  # fmt: skip
    assert action_kb.resolve_term("claims handling", "en").key == "administration"
    assert extract("processes", opening) == {}
    answer = asked(
        "processes", "answering customers' claims by e-mail and phone", "inform",
        [{"entity": "channel", "value": "e-mail"}, {"entity": "channel", "value": "phone"}], processes=None,
    )  # fmt: skip
    _, slots = form_run(answer)
    assert slots["processes"] == ["customer_service"]


def test_a_vague_need_given_in_answer_to_the_question_is_taken(action_kb):
    answer = asked(
        "processes", "our claims handling", "inform", [{"entity": "service", "value": "claims handling"}]
    )
    _, slots = form_run(answer)
    assert slots["processes"] == ["administration"]


def test_none_answers_the_channels_question_without_a_miss(action_kb):
    messages, slots = form_run(asked("channels", "none", "deny", [], processes=["administration"]))
    assert slots["channels"] == [] and "form_misses" not in slots
    assert "utter_didnt_catch" not in responses(messages)
