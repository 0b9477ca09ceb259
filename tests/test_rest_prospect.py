"""A whole prospect conversation over the REST channel, ending with the stored lead."""

from __future__ import annotations

import uuid

import pytest

from knowledge.db import make_engine, make_session_factory
from knowledge.leads import LeadStore
from tests.test_rest_channel import joined

pytestmark = pytest.mark.model


@pytest.fixture
def store(rasa_stack) -> LeadStore:
    return LeadStore(make_session_factory(make_engine(rasa_stack.database_url)))


def test_english_conversation_with_interruption_correction_and_invalid_email(rasa_stack, store):
    sender = f"prospect-{uuid.uuid4().hex[:8]}"

    def say(text: str) -> str:
        return joined(rasa_stack.say(sender, text))

    # The opening message fills processes, channel, languages and hours at once.
    reply = say("we need agents to answer phone calls in Italian and German, 24/7")
    assert "volume" in reply.lower()
    reply = say("what is the back office?")  # a question in the middle is answered, then the form resumes
    assert "internal" in reply.lower() and "volume" in reply.lower()
    assert "start" in say("about 5000 calls a month").lower()
    reply = say("next month")
    assert "Call center outsourcing" in reply  # the recommendation, with its reasons
    assert "phone" in reply.lower() and "Italian and German are both served" in reply
    assert "company" in say("yes").lower()
    assert "name" in say("Rossi Srl").lower()
    assert "e-mail" in say("Maria Rossi").lower()
    assert "valid e-mail" in say("maria at rossi").lower()
    reply = say("maria.rossi@rossi.it")
    assert "summary" in reply.lower() and "Maria Rossi" in reply
    reply = say("actually also French")  # a correction at the summary
    assert "Italian, German, French" in reply
    assert "saved" in say("yes").lower()

    lead = store.get(sender)
    assert lead["recommended_model"] == "call_center"
    assert lead["processes"] == ["customer_service"]
    assert lead["channels"] == ["phone"] and lead["hours"] == "24_7"
    assert lead["languages"] == ["italian", "german", "french"]
    assert lead["email"] == "maria.rossi@rossi.it" and lead["consent"] is True
    assert lead["language"] == "en"


def test_italian_conversation_without_consent_keeps_no_personal_data(rasa_stack, store):
    sender = f"prospect-{uuid.uuid4().hex[:8]}"

    def say(text: str) -> str:
        return joined(rasa_stack.say(sender, text))

    assert "lingue" in say("vorremmo esternalizzare le buste paga e la contabilità").lower()
    assert "orari" in say("italiano e inglese").lower()
    assert "volumi" in say("orario d'ufficio").lower()
    assert "partire" in say("non lo so").lower()
    reply = say("entro gennaio")
    assert "BPO back-office" in reply and "buste paga" in reply
    assert "nessun dato personale" in say("no grazie").lower()
    assert "salvato" in say("sì").lower()
    lead = store.get(sender)
    assert lead["recommended_model"] == "bpo_back_office"
    assert lead["email"] is None and lead["company"] is None and lead["consent"] is False
    assert lead["volume"] == "-" and lead["language"] == "it"


def test_stop_keeps_nothing_and_delete_my_data_erases_the_lead(rasa_stack, store):
    sender = f"prospect-{uuid.uuid4().hex[:8]}"
    rasa_stack.say(sender, "we want to outsource our payroll")
    assert "Shall I stop here?" in joined(rasa_stack.say(sender, "stop, cancel this"))
    assert "nothing from this request was saved" in joined(rasa_stack.say(sender, "yes"))
    assert store.get(sender) is None
    rasa_stack.say(sender, "I want to talk to a human")
    assert store.get(sender)["handoff_requested"] is True
    assert "cannot be undone" in joined(rasa_stack.say(sender, "please delete my data"))
    assert "haven't deleted anything" in joined(rasa_stack.say(sender, "no"))
    assert store.get(sender)["handoff_requested"] is True  # a "no" keeps everything
    assert "cannot be undone" in joined(rasa_stack.say(sender, "please delete my data"))
    assert "deleted" in joined(rasa_stack.say(sender, "yes")).lower()
    assert store.get(sender) is None


def test_delete_my_data_inside_the_form_asks_and_a_no_resumes_the_form(rasa_stack, store):
    sender = f"prospect-{uuid.uuid4().hex[:8]}"
    assert "channels" in joined(rasa_stack.say(sender, "we want to outsource our customer service"))
    assert "cannot be undone" in joined(rasa_stack.say(sender, "delete my data please"))
    reply = joined(rasa_stack.say(sender, "no"))
    assert "haven't deleted anything" in reply and "channels" in reply  # the form asks its question again
    assert "languages" in joined(rasa_stack.say(sender, "phone and email"))
    assert "cannot be undone" in joined(rasa_stack.say(sender, "delete my data"))
    reply = joined(rasa_stack.say(sender, "ok, forget it"))  # no clear yes: the form goes on
    assert "haven't deleted anything" in reply and "languages" in reply
    assert "hours" in joined(rasa_stack.say(sender, "English"))


def test_buttons_carry_entities_that_fill_the_form(rasa_stack):
    sender = f"prospect-{uuid.uuid4().hex[:8]}"
    replies = rasa_stack.say(sender, "which service would fit our company?")
    payloads = [b["payload"] for r in replies for b in r.get("buttons", [])]
    assert '/inform{"service": "customer service"}' in payloads
    assert "channels" in joined(rasa_stack.say(sender, '/inform{"service": "customer service"}'))


def test_german_conversation_with_an_hour_range_consent_handoff_and_deletion(rasa_stack, store):
    sender = f"prospect-{uuid.uuid4().hex[:8]}"

    def say(text: str) -> str:
        return joined(rasa_stack.say(sender, text))

    assert "Sprachen" in say("Wir möchten unseren Kundenservice per Telefon und Chat auslagern")
    assert "Servicezeiten" in say("Deutsch und Englisch")
    assert "Volumen" in say("Mo–Fr 8–18 Uhr")
    assert "starten" in say("ca. 3.000 Tickets im Monat")
    reply = say("ab nächstem Quartal")
    assert "**BPO Front-Office**" in reply and "Deutsch und Englisch werden beide" in reply
    assert "Einwilligung" in reply  # the consent question says on what terms
    assert "Firma" in say("ja, gerne")
    assert "Name" in say("Müller Logistik GmbH")
    assert "E-Mail" in say("Anna Müller")
    assert "Zusammenfassung" in say("anna.mueller@mueller-logistik.de")
    assert "Gespeichert" in say("ja, passt")
    lead = store.get(sender)
    assert lead["recommended_model"] == "bpo_front_office" and lead["hours"] == "business_hours"
    assert lead["languages"] == ["german", "english"] and lead["language"] == "de"
    assert lead["company"] == "Müller Logistik GmbH"
    assert "Beratungsteam" in say("Ich möchte mit einem Menschen sprechen")
    assert "rückgängig" in say("Bitte löschen Sie meine Daten")
    assert "gelöscht" in say("ja")
    assert store.get(sender) is None


def test_a_language_switch_inside_the_form_asks_the_same_question_in_the_new_language(rasa_stack):
    sender = f"prospect-{uuid.uuid4().hex[:8]}"

    def say(text: str) -> str:
        return joined(rasa_stack.say(sender, text))

    say("we need agents to answer phone calls in Italian and German, 24/7")
    reply = say("can we continue in Italian please?")
    assert "volumi" in reply.lower()  # the volume question again, in Italian
    assert "quando" in say("circa 3000 chiamate al mese").lower()  # next: when to start
