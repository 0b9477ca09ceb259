"""The answer to "delete everything?": only a clear yes erases (knowledge.confirmation, no Rasa)."""

from __future__ import annotations

import pytest

from knowledge.confirmation import confirms_deletion


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
