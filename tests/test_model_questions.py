"""Which model for the work a question names: the model question, work added to it, and the overview."""

from __future__ import annotations

import pytest

from knowledge.question import Question, asks_which_model
from knowledge.topic_candidates import MODEL_CHOICE_PRIOR
from tests.questions import ask


@pytest.mark.parametrize(
    ("text", "terms", "language", "model_name"),
    [
        ("Gibt es ein Paket für Kundenservice und Buchhaltung zusammen?", ["kundenservice", "buchhaltung"],
         "de", "Komplett-BPO"),
        ("which model for just a phone hotline?", ["phone", "hotline"], "en", "Call center outsourcing"),
        ("quale modello per email e chat?", ["email", "chat"], "it", "BPO front-office"),
    ],
)  # fmt: skip
def test_a_model_question_that_names_the_work_leads_with_the_model_it_needs(
    qa, text, terms, language, model_name
):
    reply = ask(qa, text, [("ask_service_models", 0.9)], terms, language=language)
    assert reply.text.startswith(f"**{model_name}")


@pytest.mark.parametrize(
    ("text", "intents", "terms", "language", "model_name"),
    [
        # The words name a reason to outsource ("Kundenkontakt") and the classifier is unsure.
        ("Welches Modell passt, wenn wir nur interne Aufgaben ohne Kundenkontakt auslagern wollen?",
         [("ask_reasons_to_outsource", 0.3)], ["interne Aufgaben"], "de", "BPO Back-Office"),
        ("What would you recommend if we need e-mail and chat support?", [("ask_channels", 0.8)],
         ["e-mail", "chat"], "en", "BPO front office"),
        ("Quale soluzione ci conviene per la contabilità?", [("ask_services", 0.7)], ["contabilità"], "it",
         "BPO back-office"),
        ("Ci serve chi risponde alle mail dei clienti, e magari la contabilità. Cosa ci consigliate?",
         [("ask_languages", 0.5)], ["mail", "contabilità"], "it", "BPO completo"),
        # The choice asked in general words: an interrogative, then a model noun.
        ("Ci servirebbe solo la gestione delle buste paga: che tipo di soluzione sarebbe?",
         [("ask_services", 0.6)], ["buste paga"], "it", "BPO back-office"),
        ("Nur Dateneingabe, sonst nichts. Welche Variante wäre das?", [("ask_services", 0.6)],
         ["Dateneingabe"], "de", "BPO Back-Office"),
        # The two types named as the choice, with the work.
        ("wir brauchen jemanden für die Buchhaltung und für den Chat mit Kunden – Callcenter oder BPO?",
         [("ask_bpo_vs_call_center", 0.6)], ["Buchhaltung", "Chat", "Callcenter", "BPO"], "de",
         "Komplett-BPO"),
        ("Payroll plus the customer chat: call center or BPO?", [("ask_bpo_vs_call_center", 0.6)],
         ["payroll", "chat", "call center", "BPO"], "en", "Full BPO"),
        # One model named and asked whether it fits, with no question mark.
        ("Mi chiedevo se per la sola contabilità abbia senso un call center o altro.", [("ask_pricing", 0.6)],
         ["contabilità", "call center"], "it", "BPO back-office"),
        ("Lohnt sich ein Callcenter für unsere Buchhaltung?", [("ask_reasons_to_outsource", 0.6)],
         ["Callcenter", "Buchhaltung"], "de", "BPO Back-Office"),
        ("Which of your service models fits a phone line for bookings?", [("ask_services", 0.6)],
         ["phone"], "en", "Call center outsourcing"),
        # Both kinds of work, asked what the one service for them is called or whether one package does.
        ("Customer service plus our bookkeeping: what would that package be called?", [("ask_services", 0.6)],
         ["customer service", "bookkeeping"], "en", "Full BPO"),
        ("Vorremmo affidarvi il servizio clienti e le buste paga in un unico pacchetto: si può fare?",
         [("ask_services", 0.6)], ["servizio clienti", "buste paga"], "it", "BPO completo"),
        ("Kundenservice am Telefon und dazu die Lohnabrechnung: bekommen wir das aus einer Hand?",
         [("ask_services", 0.6)], ["Kundenservice", "Lohnabrechnung"], "de", "Komplett-BPO"),
        # Asked with the verbs of advising and offering, opening the form (request_recommendation).
        ("Ci servirebbe qualcuno per buste paga e contabilità, i clienti li seguiamo noi. Che servizio ci "
         "consigliate?", [("request_recommendation", 1.0)], ["buste paga", "contabilità"], "it",
         "BPO back-office"),
        ("Vorremmo affidarvi l'assistenza clienti al telefono e in chat e le buste paga. Cosa ci proponete?",
         [("request_recommendation", 1.0)], ["assistenza clienti", "telefono", "chat", "buste paga"], "it",
         "BPO completo"),
        ("Wir brauchen wen für den Kundensupport per Chat und Mail und die Datenerfassung. Was passt da?",
         [("request_recommendation", 1.0)], ["Kundensupport", "Chat", "Mail", "Datenerfassung"], "de",
         "Komplett-BPO"),
        ("We need our payroll and bookkeeping handled. What can you offer us?",
         [("request_recommendation", 1.0)], ["payroll", "bookkeeping"], "en", "BPO back office"),
    ],
)  # fmt: skip
def test_a_question_asking_which_model_to_choose_leads_with_the_model_for_the_work(
    qa, text, intents, terms, language, model_name
):
    reply = ask(qa, text, intents, terms, language=language)
    assert reply.topic == "service_models"
    assert reply.text.startswith(f"**{model_name}")


@pytest.mark.parametrize(
    ("text", "terms", "previous", "language", "model_name"),
    [("And what if a phone line for our customers comes on top?", ["phone"], ["data entry"], "en",
      "Full BPO"),
     ("e se ci aggiungiamo anche la chat con i clienti?", ["chat"], ["buste paga", "contabilità"], "it",
      "BPO completo"),
     ("Und was, wenn noch eine telefonische Hotline für Kunden dazukommt?", ["Hotline"], ["Dateneingabe"],
      "de", "Komplett-BPO")],
)  # fmt: skip
def test_work_added_after_a_model_question_asks_the_model_for_all_of_it(
    qa, text, terms, previous, language, model_name
):
    previous_needs = tuple(qa.kb.resolve_term(surface, language) for surface in previous)
    reply = ask(qa, text, [("ask_channels", 0.7)], terms, language=language,
                previous_topic="service_models", previous_needs=previous_needs)  # fmt: skip
    assert reply.topic == "service_models" and reply.text.startswith(f"**{model_name}")


@pytest.mark.parametrize(
    ("text", "terms"),
    [("And what does front office mean?", ["front office"]), ("And is customer service front office?",
     ["customer service", "front office"])],
)  # fmt: skip
def test_a_question_about_a_term_after_a_model_question_adds_no_work(qa, text, terms):
    previous = (qa.kb.resolve_term("data entry", "en"),)
    named = tuple(qa.kb.resolve_term(surface, "en") for surface in terms)
    question = Question(text, "en", (("ask_front_back_office", 0.9),), named, previous_topic="service_models",
                        previous_needs=previous)  # fmt: skip
    assert not asks_which_model(question)


def test_work_named_after_another_topic_adds_to_no_model_question(qa):
    data_entry = (qa.kb.resolve_term("data entry", "en"),)
    question = Question("and what about the phone?", "en", (("ask_channels", 0.9),),
                        (qa.kb.resolve_term("phone", "en"),), previous_topic="channels",
                        previous_needs=data_entry)  # fmt: skip
    assert not asks_which_model(question)


@pytest.mark.parametrize(
    ("text", "intents", "terms", "language"),
    [
        # No work named: nothing to choose a model for.
        ("which model is closer to us, onshore or nearshore?", [("ask_nearshore", 0.9)], [], "en"),
        # Asking whether to outsource at all is asking for reasons, not choosing a model.
        ("Do you recommend outsourcing customer service at all?", [("ask_reasons_to_outsource", 0.8)],
         ["customer service"], "en"),
        ("Empfehlen Sie Outsourcing für den Kundenservice?", [("ask_reasons_to_outsource", 0.8)],
         ["Kundenservice"], "de"),
        ("Mi consiglia di esternalizzare il servizio clienti?", [("ask_reasons_to_outsource", 0.8)],
         ["servizio clienti"], "it"),
        # A noun before the model word: payment options are no model question.
        ("What payment options are there for payroll outsourcing?", [("ask_pricing", 0.9)], ["payroll"],
         "en"),
        # A relative "welche" in a statement is no question.
        ("Wir verschicken für Kunden, welche Pakete bestellen, die Rechnungen.", [("inform", 0.6)],
         ["Rechnungen"], "de"),
        # Services asked about, not a model chosen.
        ("Which services can a call center take on, like customer service?", [("ask_services", 0.9)],
         ["call center", "customer service"], "en"),
        # Both offices named: a classification question.
        ("HR: front office or back office, which model fits it?", [("ask_service_office", 0.8)],
         ["HR", "front office", "back office"], "en"),
        # The two types compared by a question of its own, not offered as the choice.
        ("Who earns more in customer service, call center or BPO?", [("ask_salaries", 0.8)],
         ["customer service", "call center", "BPO"], "en"),
        ("Chi guadagna di più nel servizio clienti, call center o BPO?", [("ask_salaries", 0.8)],
         ["servizio clienti", "call center", "BPO"], "it"),
        ("Wer verdient im Kundenservice mehr, Callcenter oder BPO?", [("ask_salaries", 0.8)],
         ["Kundenservice", "Callcenter", "BPO"], "de"),
    ],
)  # fmt: skip
def test_questions_that_do_not_ask_to_choose_a_model_give_the_models_no_prior(
    qa, text, intents, terms, language
):
    named = tuple(qa.kb.resolve_term(surface, language) for surface in terms)
    question = Question(text, language, tuple(intents), named)
    assert not asks_which_model(question)
    assert qa.candidate_topics(question).get("service_models", 0.0) < MODEL_CHOICE_PRIOR


def test_the_model_chosen_for_the_work_leaves_out_the_work_said_no_to(qa):
    kb = qa.kb
    payroll = kb.resolve_term("payroll", "en")
    customer_service = kb.resolve_term("customer service", "en")
    question = Question(
        "which model fits if we don't need customer service, only payroll?", "en",
        (("ask_service_models", 0.6),), (customer_service, payroll), needs=(payroll,),
    )  # fmt: skip
    assert qa.reply(question).text.startswith("**BPO back office")


@pytest.mark.parametrize(
    ("text", "language"),
    [("Which service models do you offer?", "en"), ("Quali modelli di servizio offrite?", "it"),
     ("Welche Servicemodelle bieten Sie an?", "de")],
)  # fmt: skip
def test_the_overview_of_the_models_names_all_four(qa, text, language):
    # The reply shows at most three passages when one leads: the overview must not lose a model.
    reply = ask(qa, text, [("ask_service_models", 0.95)], language=language)
    for model in qa.kb.service_models(language):
        assert model.name in reply.text


def test_a_model_question_without_work_gets_the_overview(qa):
    reply = ask(qa, "which service models do you offer?", [("ask_service_models", 0.9)])
    assert not reply.text.startswith("**") and "four models" in reply.text
