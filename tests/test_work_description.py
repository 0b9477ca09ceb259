"""How a description of the work reads around the terms it names (knowledge.work_description, no Rasa)."""

from __future__ import annotations

import pytest

from knowledge.work_description import (
    compound_heads,
    describes_customer_contact,
    describes_the_company,
    is_asked_about,
    is_kept_in_house,
    is_negated_after,
    is_refused_by_a_bare_no,
    says_front_office_only,
)


def around(text: str, term: str) -> tuple[str, str]:
    start = text.index(term)
    return text[:start], text[start + len(term) :]


@pytest.mark.parametrize(
    ("text", "term", "language", "kept"),
    [
        ("clinical notes and billing stay with the practice", "billing", "en", True),
        ("customer service, but billing stays with us", "customer service", "en", False),
        ("we keep customer service in-house; payroll should go", "customer service", "en", True),
        ("we keep customer service in-house; payroll should go", "payroll", "en", False),
        ("la contabilità la facciamo noi", "contabilità", "it", True),
        ("Our warehouse and finance team handle everything else.", "warehouse", "en", True),
        ("E-Mails und Post machen wir weiterhin selber", "E-Mails", "de", True),
        ("Lager, Versand und Buchhaltung machen wir selbst", "Lager", "de", True),
        ("Die Buchhaltung können wir selbst nicht mehr stemmen", "Buchhaltung", "de", False),
        (
            "Die Lohnabrechnung machen wir noch selbst, wollen sie aber auslagern",
            "Lohnabrechnung",
            "de",
            False,
        ),
        ("Our customer support team handles 2000 tickets a month", "customer support", "en", False),
        ("We send you the invoices and you handle the rest", "invoices", "en", False),
        ("Kundenservice, die Buchhaltung machen wir selbst", "Kundenservice", "de", False),
        # A list taken up by a pronoun: the item with words of its own ("vere e proprie") is kept too.
        ("Le pratiche vere e proprie, volture, contabilità, le facciamo noi in sede", "pratiche", "it", True),
        ("Lager, Versand, Buchhaltung, das machen wir selbst", "Lager", "de", True),
        ("Customer service, we keep the billing", "Customer service", "en", False),
        ("Kundenservice brauchen wir, Buchhaltung und Lohn machen wir selbst", "Kundenservice", "de", False),
        ("Servizio clienti subito, contabilità e paghe le facciamo noi", "Servizio clienti", "it", False),
        ("Kundenservice, aber Buchhaltung und Lohn machen wir selbst", "Kundenservice", "de", False),
        ("Wir brauchen Kundenservice, und die Buchhaltung machen wir selbst", "Kundenservice", "de", False),
        ("Die technische Prüfung der Geräte machen wir selbst im Lager", "Lager", "de", True),
        ("die Rückerstattungen selbst und die Abrechnung macht unsere Verwaltung", "Abrechnung", "de", True),
        (
            "die Buchhaltung machen wir selbst und die Gehaltsabrechnung lagern wir aus",
            "Buchhaltung",
            "de",
            True,
        ),
        (
            "die Buchhaltung machen wir selbst und die Gehaltsabrechnung lagern wir aus",
            "Gehaltsabrechnung",
            "de",
            False,
        ),
        ("L'amministrazione la fa già il nostro commercialista", "amministrazione", "it", True),
        ("Sui social rispondiamo noi del marketing", "social", "it", True),
        ("i pacchi dei resi li gestisce già il nostro magazzino", "magazzino", "it", True),
        ("cerchiamo un partner che gestisce il nostro servizio clienti", "servizio clienti", "it", False),
        ("La fatturazione vera e propria la facciamo internamente.", "fatturazione", "it", True),
        ("Die Buchhaltung und die Verträge machen wir selbstverständlich selbst.", "Buchhaltung", "de", True),
        # ... unless they go on to hand it over
        ("Al telefono rispondiamo noi, ma siamo sommersi e vorremmo passarlo a voi", "telefono", "it", False),
    ],
)
def test_work_kept_in_house(text, term, language, kept):
    assert is_kept_in_house(*around(text, term), language) is kept


@pytest.mark.parametrize(
    ("text", "term", "negated"),
    [
        ("Nur telefonisch. Per Mail oder Chat nehmen wir Störungen bewusst nicht an.", "Mail", True),
        ("Nur telefonisch. Per Mail oder Chat nehmen wir Störungen bewusst nicht an.", "Chat", True),
        ("Telefon und E-Mail, WhatsApp nutzen wir nicht", "Telefon", False),
        ("Telefon und E-Mail, WhatsApp nutzen wir nicht", "WhatsApp", True),
        ("E-Mail, nicht nur Telefon", "E-Mail", False),
        ("Das Telefon schaffen wir nicht mehr allein", "Telefon", False),
    ],
)
def test_german_negation_after_a_channel(text, term, negated):
    _, after = around(text, term)
    assert is_negated_after(after, "de") is negated


def test_negation_after_is_german_only():
    assert not is_negated_after(" we do not like much", "en")


@pytest.mark.parametrize(
    ("text", "term", "language", "asked"),
    [
        ("how-to questions, login and billing questions, triage", "billing", "en", True),
        ("questions about our billing", "billing", "en", True),
        ("answering questions and doing the payroll", "payroll", "en", False),
        ("payroll and accounting", "payroll", "en", False),
        ("Fragen zur Betriebskostenabrechnung erklären", "Betriebskostenabrechnung", "de", True),
        ("rispondere alle domande sulla fatturazione", "fatturazione", "it", True),
        ("la fatturazione e le domande dei clienti", "fatturazione", "it", False),
    ],
)
def test_work_named_as_what_customers_ask_about(text, term, language, asked):
    assert is_asked_about(*around(text, term), language) is asked


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("When one of our clients has a car accident they call us and somebody takes the details", True),
        ("Wenn ein Kunde einen Schaden hat, ruft er an oder schreibt uns.", True),
        ("Anfragen von Mietern und Eigentümern beantworten", True),
        ("quando un cliente ha un problema ci chiamano", True),
        ("Nutzerfragen zur App beantworten: Login-Probleme, Kartensperrung", True),
        ("Onboarding-Support für neue Kunden und außerdem Kreditorenbuchhaltung", True),
        ("answering user questions about the app", True),
        ("keying invoices into the ERP and running payroll", False),
        ("Buchhaltung und Lohnabrechnung", False),
    ],
)
def test_customer_contact_in_other_words(text, contact):
    assert describes_customer_contact(text) is contact


def test_front_office_only_in_three_languages():
    assert says_front_office_only("Only talking to users, nothing internal.")
    assert says_front_office_only("Reine Kundenkommunikation, die Abrechnung macht unsere Verwaltung.")
    assert says_front_office_only("solo rapporto con i clienti, niente di interno")
    assert says_front_office_only("La logistica la facciamo noi, ci serve solo chi parla con i clienti.")
    assert not says_front_office_only("customer service and the back office for contracts")


def test_german_compounds_ending_in_a_glossary_word():
    surfaces = {"rechnungen": "invoicing", "buchhaltung": "accounting", "hotline": "phone"}
    text = "Honorarrechnungen schreiben und die Störungshotline; Rechnungen prüfen"
    found = [(key, text[start:end]) for key, start, end in compound_heads(text, "de", surfaces)]
    # "Rechnungen" on its own is the entity ruler's: only the compounds come from here.
    assert found == [("invoicing", "Honorarrechnungen"), ("phone", "Störungshotline")]
    assert list(compound_heads("Honorarrechnungen", "en", surfaces)) == []
    # A prefix is not a compound's first word: "Abrechnung" is not a kind of "Rechnung".
    assert list(compound_heads("Abrechnung", "de", {"rechnung": "invoicing"})) == []


@pytest.mark.parametrize(
    ("text", "term", "language", "kept"),
    [
        ("reception stays with us and payroll goes out", "payroll", "en", False),
        ("der Empfang bleibt bei uns und Buchhaltung geht raus", "Buchhaltung", "de", False),
    ],
)
def test_keeping_one_job_does_not_keep_the_next_one(text, term, language, kept):
    assert is_kept_in_house(*around(text, term), language) is kept


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Per Telefon nicht nur tagsüber, sondern auch abends", "Telefon"),
        ("Am Telefon kommen wir nicht hinterher", "Telefon"),
        ("Die Anrufe schaffen wir nicht mehr", "Anrufe"),
        ("Die Anrufe schaffen wir nicht", "Anrufe"),
    ],
)
def test_too_much_work_or_not_only_is_not_a_refusal(text, term):
    assert not is_negated_after(around(text, term)[1], "de")


def test_not_only_customer_contact_is_not_front_office_only():
    assert not says_front_office_only("nicht nur Kundenkontakt, sondern auch die Buchhaltung")
    assert not says_front_office_only("not just customer contact, also the invoicing")
    assert not says_front_office_only("We have no back office, so we need someone for invoicing")


@pytest.mark.parametrize(
    "text", ["Die Software ruft die Belege ab", "We've been talking to two other providers"]
)
def test_other_calls_and_talks_are_not_customer_contact(text):
    assert not describes_customer_contact(text)


def test_information_gathered_for_the_work_is_not_a_customer_question():
    text = "raccolta informazioni per le paghe dei dipendenti"
    assert not is_asked_about(*around(text, "paghe"), "it")


def test_derived_words_are_not_compounds():
    surfaces = {
        "lagerung": "logistics",
        "rechnung": "invoicing",
        "herstellung": "manufacturing",
        "reisen": "travel",
    }
    for word in ("Auslagerung", "Lohnberechnung", "Hochrechnung", "Wiederherstellung", "Festpreisen"):
        assert list(compound_heads(word, "de", surfaces)) == [], word
    assert [key for key, *_ in compound_heads("Handwerkerrechnung", "de", surfaces)] == ["invoicing"]


@pytest.mark.parametrize(
    ("text", "term", "language", "trade"),
    [
        ("we're a logistics company", "logistics", "en", True),
        ("we need an accounting firm to do our books", "accounting", "en", False),
        ("siamo una ditta di trasporti", "trasporti", "it", True),
        ("cerchiamo una società di contabilità", "contabilità", "it", False),
        ("wir sind eine Spedition", "Spedition", "de", True),
        ("we're a small logistics company", "logistics", "en", True),
        ("We're looking for a logistics company", "logistics", "en", False),
        ("Our customer service group is overwhelmed", "customer service", "en", False),
        # what the prospect's product does is not work to hand over either
        ("Wir bieten eine Software zur Dienstplanung für Pflegeheime an", "Dienstplanung", "de", True),
        ("we sell an app for appointment booking", "appointment booking", "en", True),
        ("vendiamo un gestionale per la contabilità", "contabilità", "it", True),
        ("we want to outsource the appointment booking for our app", "appointment booking", "en", False),
        ("We're looking for a solution for customer service", "customer service", "en", False),
        ("Wir suchen eine Lösung für die Buchhaltung", "Buchhaltung", "de", False),
        # what the prospect provides, in their own description
        ("Moin, wir sind ein Softwareanbieter für Praxisverwaltung", "Praxisverwaltung", "de", True),
        ("we're a leading provider of payroll software", "payroll", "en", True),
        ("siamo un fornitore di contabilità per studi medici", "contabilità", "it", True),
        ("wir suchen einen Anbieter für die Buchhaltung", "Buchhaltung", "de", False),
        ("siamo senza un fornitore di contabilità", "contabilità", "it", False),
        ("we are switching provider for payroll", "payroll", "en", False),
        ("Buongiorno, siamo un operatore di fibra e telefonia", "operatore", "it", True),
        ("Buongiorno, siamo un operatore di fibra e telefonia", "telefonia", "it", True),
        ("we are looking for payroll and accounting", "accounting", "en", False),
        (
            "siamo una ditta di trasporti e cerchiamo operatori per il servizio clienti",
            "operatori",
            "it",
            False,
        ),
    ],
)
def test_a_term_can_name_the_prospects_own_trade(text, term, language, trade):
    assert describes_the_company(*around(text, term), language) is trade


@pytest.mark.parametrize(
    ("after", "language", "refused"),
    [
        (" und so weiter nicht, nur die Hotline.", "de", True),
        (" no, solo il telefono", "it", True),
        (" klappt bei uns nicht", "de", False),  # a complaint: the work is what they want to hand over
        (" nicht mehr allein", "de", False),
        (", e-mail e chat", "it", False),
        (" oder nicht? Was meinen Sie?", "de", False),  # asks
    ],
)
def test_a_bare_no_after_work_refuses_it(after, language, refused):
    assert is_refused_by_a_bare_no(after, language) is refused
