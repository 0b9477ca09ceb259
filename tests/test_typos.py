"""Words one typo away from a glossary word are read as that word; real words are not (knowledge.typos)."""

from __future__ import annotations

import pytest

from bot.actions import common
from bot.actions.common import named_terms
from knowledge.typos import misspelt_terms, one_edit_apart
from tests.test_actions import tracker


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("lohnabrechung", "lohnabrechnung"), ("bookeeping", "bookkeeping"), ("buchhaltnug", "buchhaltung"),
     ("telefno", "telefono"), ("payrolls", "payroll")],
)  # fmt: skip
def test_one_letter_left_out_added_changed_or_swapped_is_one_edit(typed, meant):
    assert one_edit_apart(typed, meant) and one_edit_apart(meant, typed)


@pytest.mark.parametrize(
    ("first", "second"), [("payroll", "payroll"), ("invoicing", "invocign"), ("abc", "cab")]
)
def test_two_edits_or_none_are_not_one(first, second):
    assert not one_edit_apart(first, second)


def test_a_misspelt_word_names_its_term_but_a_real_word_does_not():
    surfaces = {"lohnabrechnung": "payroll", "viaggi": "travel_booking", "buchhaltung": "accounting"}
    text = "Wir möchten nur die Lohnabrechung auslagern"
    assert [(key, text[start:end]) for key, start, end in misspelt_terms(text, "de", surfaces, set())] == [
        ("payroll", "Lohnabrechung")
    ]
    # "viaggio" is an Italian word of its own, not a typo of "viaggi"; short words are never read as typos.
    assert list(misspelt_terms("un viaggio di lavoro", "it", surfaces, set())) == []
    assert list(misspelt_terms("Buchhaltung", "de", surfaces, {"buchhaltung"})) == []


def test_a_misspelt_service_fills_the_form(action_kb):

    message = tracker("Wir möchten nur unsere Lohnabrechung auslagern", "inform", language="de")
    assert [named.term.key for named in named_terms(message, common.knowledge_base())] == ["payroll"]
    # The form reads every message several times: the second reading finds the same.
    assert [named.term.key for named in named_terms(message, common.knowledge_base())] == ["payroll"]
    message = tracker("we need bookeeping and telemarketting", "inform")
    assert [named.term.key for named in named_terms(message, common.knowledge_base())] == [
        "bookkeeping",
        "telemarketing",
    ]
