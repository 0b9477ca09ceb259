"""Words as the ranking and the form compare them: lemmas across inflections, and negated terms."""

from __future__ import annotations

import pytest

from knowledge.text_analysis import (
    analyzer_for,
    asking_sentences,
    asks_indirectly,
    ends_like_a_question,
    in_asking_sentence,
    is_compared,
    is_negated,
    is_set_aside,
    sentences,
    stated_part,
)


def test_inflections_meet_at_one_lemma():
    english, italian = analyzer_for("en"), analyzer_for("it")
    assert english.lemmas("agents salaries") == english.lemmas("agent salary")
    # The Italian table maps "stipendi" to "stipendio" and "stipendio" to "stipendiare": followed to the end.
    assert italian.lemmas("stipendi") == italian.lemmas("stipendio")
    assert italian.lemmas("perché") == ["perche"]  # typed without the accent, it still matches


@pytest.mark.parametrize(
    ("before", "language", "negated"),
    [
        ("solo telefono, nessuna chat o ", "it", True),
        ("solo ", "it", False),
        ("phone only, no ", "en", True),
        ("not only ", "en", False),
        ("no chat but ", "en", False),
        ("we don't need ", "en", True),
        ("telephone and ", "en", False),
        ("senza ", "it", True),
        ("nur Telefon, kein ", "de", True),
        ("nicht nur ", "de", False),
    ],
)
def test_negation_before_a_term(before, language, negated):
    assert is_negated(before, language) is negated


@pytest.mark.parametrize(
    ("before", "language", "set_aside"),
    [
        ("Apart from answering ", "en", True),
        ("what do BPO firms do besides the ", "en", True),
        ("Apart from answering phones, what kind of work do ", "en", False),  # the subject, after the comma
        ("we need help with ", "en", False),
        ("A parte rispondere al ", "it", True),
        ("oltre alla ", "it", True),
        ("cosa fa un ", "it", False),
        ("Abgesehen vom ", "de", True),
        ("was macht ein ", "de", False),
    ],
)
def test_a_term_set_aside_in_a_question(before, language, set_aside):
    assert is_set_aside(before, language) is set_aside


@pytest.mark.parametrize(
    ("before", "language", "compared"),
    [
        ("and are they trained first, just like in ", "en", True),
        ("what is pay like in ", "en", False),  # asks about them
        ("vengono formati come nei ", "it", True),
        ("und werden die da auch erst eingearbeitet wie im ", "de", True),
        ("Wie im ", "de", False),  # "wie" opening the question is "how"
        ("Danke. Wie im ", "de", False),
        ("E come nei ", "it", False),  # a follow-up about them
    ],
)
def test_a_term_named_as_the_comparison(before, language, compared):
    assert is_compared(before, language) is compared


def test_a_message_splits_into_what_it_states_and_what_it_asks():
    text = "We handle claims: status queries (When will the insurer pay?) by phone. Can you work nights?"
    assert stated_part(text) == "We handle claims: status queries (When will the insurer pay?) by phone."
    assert asking_sentences(text) == "Can you work nights?"
    assert in_asking_sentence(text, text.index("nights")) and not in_asking_sentence(
        text, text.index("insurer")
    )
    # Positions are those of the original text, past leading spaces; a time stays whole.
    assert sentences("  Open at 8.30.  Is that ok?") == [
        (2, "Open at 8.30.", False),
        (17, "Is that ok?", True),
    ]
    # No question, or nothing but questions: the whole message.
    assert asking_sentences("Is payroll back office?") == "Is payroll back office?"
    assert asking_sentences("Payroll and HR.") == "Payroll and HR."
    # A quote that ends with a full stop ends the visitor's sentence too.
    quoting = "Alle sagten nur: „Wir haben Hunderte Callcenter.“ Woran liegt das?"
    assert asking_sentences(quoting) == "Woran liegt das?"
    # A spaced dash ends what is stated; a range keeps its dash.
    side_question = "Datenerfassung aus Akten – kurze Frage nebenbei: sind das ausgebildete Leute?"
    assert stated_part(side_question) == "Datenerfassung aus Akten"
    assert asking_sentences("Mo–Fr 8–18 Uhr, geht das?") == "Mo–Fr 8–18 Uhr, geht das?"
    # Ranges, days and asides keep their dashes; brackets are no quotation.
    assert stated_part("We get around 200 – 300 calls a day, is that a lot for you?") == ""
    days = "Mon – Fri 8 – 18, can you cover those hours?"
    assert asking_sentences(days) == days
    aside = "Customer service – which we now do in-house – should move to you"
    assert stated_part(aside) == aside
    bracket = "Can you handle customer service (phone, chat, e-mail, etc.) in German?"
    assert asking_sentences(bracket) == bracket
    # Before a dash, a question may lack its mark: both parts ask.
    two_questions = "Was für Leute arbeiten im BPO – reicht da eine kurze Schulung wie im Callcenter?"
    assert asking_sentences(two_questions) == two_questions


@pytest.mark.parametrize(
    ("text", "indirect"),
    [("mi chiedevo se l'outsourcing copre anche le buste paga", True),
     ("Hi, I was wondering whether a call center can do our bookkeeping", True),
     ("Ich frage mich, ob ein BPO auch die Buchhaltung macht", True),
     ("We need someone for our bookkeeping", False), ("Ci serve chi fa le buste paga", False),
     # A need stated first answers; the question after it is read apart.
     ("Payroll and bookkeeping for our 40 staff, and I'd like to know whether you also do the invoicing",
      False),
     ("Buste paga per 40 dipendenti, vorrei sapere se fate anche la fatturazione", False)],
)  # fmt: skip
def test_a_question_asked_without_its_question_mark(text, indirect):
    assert asks_indirectly(text) is indirect


@pytest.mark.parametrize(
    ("text", "asks"),
    [("Kundenservice rund um die Uhr über ein Callcenter, geht das", True),
     ("buste paga tramite un call center, si può fare.", True),
     ("that's back office, right", True),
     ("Abbiamo già un call center per il servizio clienti. Funziona.", False),  # a sentence of its own
     ("Telefon und Chat, wenn möglich", False),
     ("Payroll is possible for us", False)],
)  # fmt: skip
def test_a_tag_after_the_last_comma_makes_a_question(text, asks):
    assert ends_like_a_question(text) is asks


@pytest.mark.parametrize(
    ("text", "asked"),
    [("Wir sind ein Maschinenbauer. Welche Tätigkeiten lassen sich auslagern – nur der Kundenservice oder "
      "auch mehr?", "Welche Tätigkeiten lassen sich auslagern nur der Kundenservice oder auch mehr?"),
     ("Wir brauchen Kundenservice. Wie gesagt, die Buchhaltung machen wir selbst – was kostet das?",
      "was kostet das?"),
     ("Come dicevo, la contabilità resta a noi – quanto costa?", "quanto costa?")],
)  # fmt: skip
def test_a_question_before_a_dash_asks_unless_the_question_comes_after_it(text, asked):
    assert asking_sentences(text) == asked
