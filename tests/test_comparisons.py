"""Comparisons: two terms of the same kind named in a question get an answer about both, with the
difference stated, over the real content."""

from __future__ import annotations

import pytest

from tests.questions import ask


def test_two_services_compared_get_both_offices(qa):
    reply = ask(
        qa, "HR versus customer care: which office is each?", [("ask_service_office", 0.8)],
        ["hr", "customer care"],
    )  # fmt: skip
    hr, care = reply.text.split("\n")
    assert hr.startswith("**HR**") and "back office" in hr
    assert care.startswith("**Customer service**") and "front office" in care


def test_front_or_back_office_gets_both_sides(qa):
    reply = ask(
        qa, "front or back office, what's the difference?", [("ask_front_back_office", 0.9)],
        ["front office", "back office"],
    )  # fmt: skip
    assert "customers" in reply.text and "internal" in reply.text


def test_comparison_in_italian(qa):
    reply = ask(
        qa, "buste paga o servizio clienti: sono front o back office?", [("ask_service_office", 0.8)],
        ["buste paga", "servizio clienti"], language="it",
    )  # fmt: skip
    payroll, care = reply.text.split("\n")
    assert "back office" in payroll and "front office" in care


@pytest.mark.parametrize(
    ("text", "language", "terms", "expected"),
    [("Perché in Albania tanti pensano che BPO e call center siano la stessa cosa?", "it",
      ["BPO", "call center"], "centinaia"),
     ("Warum verwechseln so viele Leute BPO mit Callcentern?", "de", ["BPO", "Callcentern"], "verwechselt")],
)  # fmt: skip
def test_bpo_and_call_centers_named_together_get_the_answer_about_both(qa, text, language, terms, expected):
    # The history has an answer for each; its default one tells why they are confused (A1).
    reply = ask(qa, text, [("ask_history", 0.6)], terms, language=language)
    assert "**BPO**" not in reply.text and expected in reply.text


def test_what_follows_a_comparison_is_about_both_sides(qa):
    reply = ask(
        qa, "Mi spiega la differenza tra back office e front office?", [("ask_front_back_office", 0.9)],
        ["back office", "front office"], language="it",
    )  # fmt: skip
    assert reply.subject is None  # not the back office, named first
    examples = qa.examples(reply.topic, "it", [])
    assert "Front office:" in examples.text and "Back office:" in examples.text


@pytest.mark.parametrize(
    ("text", "terms", "language", "expected"),
    [("Is HR back office or front office?", ["HR", "back office", "front office"], "en", "internal"),
     ("La contabilità è back office o front office?", ["contabilità", "back office", "front office"], "it",
      "funzioni interne"),
     ("Ist die Personalverwaltung eher Front-Office oder Back-Office?",
      ["Personalverwaltung", "Front-Office", "Back-Office"], "de", "internen Funktionen")],
)  # fmt: skip
def test_the_two_offices_a_service_is_put_to_are_a_choice_not_a_comparison(
    qa, text, terms, language, expected
):
    # The question is where the service belongs: its office, not both offices side by side.
    reply = ask(qa, text, [("ask_service_office", 0.9)], terms, language=language)
    assert "**" not in reply.text and expected in reply.passages[0].text


@pytest.mark.parametrize(
    ("text", "language", "call_center_side", "bpo_side"),
    [("what is a call centre really for, and what is a BPO for?", "en", "happy customers", "admin work"),
     ("Qual è la finalità di un call center rispetto a quella di un BPO?", "it", "fidelizzare",
      "amministrativo"),
     ("Worin unterscheidet sich der Zweck eines Callcenters von dem eines BPO?", "de", "zufriedene",
      "Verwaltung")],
)  # fmt: skip
def test_the_purposes_of_a_call_center_and_a_bpo_are_told_side_by_side(
    qa, text, language, call_center_side, bpo_side
):
    terms = {"en": ["call centre", "BPO"], "it": ["call center", "BPO"], "de": ["Callcenters", "BPO"]}[
        language
    ]
    reply = ask(qa, text, [("ask_customer_base", 0.5), ("ask_bpo_vs_call_center", 0.4)], terms, language)
    assert call_center_side in reply.text and bpo_side in reply.text
