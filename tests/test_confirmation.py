"""The answer to "delete everything?": only a clear yes erases (knowledge.confirmation, no Rasa)."""

from __future__ import annotations

import pytest

from knowledge.confirmation import confirms_deletion, confirms_summary, leaves_it_open, opens_with_yes


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


@pytest.mark.parametrize(
    ("text", "confirms"),
    [("Sì, corretto. Il nome dell'azienda va con la V maiuscola, come l'ha scritto lei.", True),
     ("Yes, that's all correct. Thanks a lot.", True),
     ("Ja, passt so. Danke!", True),
     ("Yes, but the e-mail is wrong", False),
     ("Sì, però l'azienda si chiama diversamente", False),
     ("Ja, aber ändern Sie bitte die Firma", False),
     ("Ja, alles richtig, bis auf die Telefonnummer", False),
     ("Sì, tutto giusto, a parte il nome dell'azienda", False),
     ("No, the name is wrong", False),
     ("Yes, that's accurate - sorry, it's been a long week, but yes, that's us.", True),
     ("Sì, è giusto, ma sì, tutto a posto", True),
     ("Yes, but yes and the e-mail is wrong", False),
     ("yes but yeah the email is old", False),
     ("Ja, das fasst es gut zusammen. Social Media ist uns wichtig – aber sonst stimmt alles.", True),
     ("Yes, but otherwise it's all correct", True),
     ("Sì, ma per il resto è tutto giusto", True),
     ("Yes, the phone number is wrong, otherwise everything is fine", False),
     ("Ja, die E-Mail ist falsch, sonst stimmt alles", False),
     ("Sì, l'email è sbagliata, per il resto è tutto giusto", False)],
)  # fmt: skip
def test_a_yes_with_a_remark_confirms_the_summary_unless_it_takes_something_back(text, confirms):
    assert confirms_summary(text) is confirms


@pytest.mark.parametrize(
    ("text", "open_"),
    [("non importa, basta che entro fine mese sia tutto registrato", True),
     ("Egal, Hauptsache pünktlich", True),
     ("It doesn't matter to us", True),
     ("any time, day or night", False),  # round the clock, to the hours question
     ("importa molto il sabato", False),
     ("non importa, lasciamo perdere", False),  # a stop after all
     ("8-18", False)],
)  # fmt: skip
def test_no_preference_leaves_the_question_to_us(text, open_):
    assert leaves_it_open(text) is open_
