"""The answer to "delete everything?": only a clear yes erases (knowledge.confirmation, no Rasa)."""

from __future__ import annotations

import pytest

from knowledge.confirmation import confirms_deletion, opens_with_yes


@pytest.mark.parametrize(
    ("text", "intent"),
    [("yes", "affirm"), ("Ja, alles löschen", "affirm"), ("delete it all", "delete_my_data"),
     ("cancellate tutto", "delete_my_data"), ("sì, cancella tutto", "stop"), ("Ja, weg damit", "stop"),
     ("/affirm", "affirm")],
)  # fmt: skip
def test_a_clear_yes_confirms(text, intent):
    assert confirms_deletion(text, intent)


@pytest.mark.parametrize(
    ("text", "intent"),
    [("ok, forget it", "affirm"), ("va bene, lascia perdere", "affirm"), ("Okay, vergiss es", "affirm"),
     ("no, don't delete my data", "delete_my_data"), ("nein, bitte nichts löschen", "delete_my_data"),
     ("non cancellare i miei dati", "delete_my_data"), ("keep my data", "delete_my_data"),
     ("Daten behalten", "delete_my_data"), ("ok, lascia stare", "stop"), ("stop", "stop"),
     ("what does it cost?", "ask_pricing")],
)  # fmt: skip
def test_anything_else_deletes_nothing(text, intent):
    assert not confirms_deletion(text, intent)


@pytest.mark.parametrize(
    "text",
    [
        "Yes, that's correct. Would your staff have legal qualifications?",
        "Sì potete contattarmi",
        "ok.",
        "Genau, passt so",
        "Ja, gerne",
    ],
)
def test_a_yes_before_anything_else_is_a_yes(text):
    assert opens_with_yes(text)


@pytest.mark.parametrize(
    "text",
    [
        "yes, but not by phone",
        "ok so what does it cost?",
        "Stimmt es, dass BPO teurer ist?",
        "Si può fare?",
        "No, non ancora",
        "Right now, where are you based?",
    ],
)
def test_a_yes_word_that_starts_something_else_is_no_yes(text):
    assert not opens_with_yes(text)
