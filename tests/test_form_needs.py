"""What counts as a need in the prospect form: vague openings, work the prospect keeps, and when the
channels question is asked (customers may be involved in work that sounds internal)."""

from __future__ import annotations

import pytest
from rasa_sdk.events import SlotSet

from bot.actions.form_notices import added_values
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
    # Answered: the channels slot is filled (Rasa's form then asks the next empty slot itself).
    assert slots["channels"] == [] and slots.get("requested_slot") != "channels"


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


def described(text: str, entities: list[dict], language: str = "de", intent: str = "inform", **slots):
    """The answer to "what would you like to outsource?", with nothing known yet."""
    return asked(
        "processes", text, intent, entities, processes=None, channels=None, language=language, **slots
    )


def test_customer_contact_in_other_words_makes_the_vague_work_its_subject(action_kb):
    # No channel or customer service the glossary knows; "Anfragen beantworten" is customer contact, and the
    # damage reports are what the tenants get in touch about, not internal processing.
    text = "Anfragen von Mietern beantworten, Schadensmeldungen entgegennehmen und weitergeben"
    _, slots = form_run(described(text, [{"entity": "service", "value": "Schadensmeldungen"}]))
    assert slots["processes"] == ["customer_service"]


def test_work_behind_the_customer_contact_stays_a_need(action_kb):
    text = "Wenn ein Kunde anruft, nimmt jemand den Schaden auf; danach der Kram im Hintergrund"
    _, slots = form_run(described(text, [{"entity": "office", "value": "im Hintergrund"}]))
    assert slots["processes"] == ["customer_service", "administration"]


def test_what_customers_ask_about_is_not_back_office_work(action_kb):
    text = "first-line support for our users: how-to questions, login and billing questions"
    entities = [{"entity": "service", "value": "billing"}]
    _, slots = form_run(described(text, entities, language="en"))
    assert slots["processes"] == ["customer_service"]


def test_front_office_only_leaves_out_the_back_office_it_names(action_kb):
    text = "Auskünfte und Reklamationen. Reine Kundenkommunikation, Erstattungen laufen über die Buchhaltung"
    entities = [
        {"entity": "service", "value": "Reklamationen"},
        {"entity": "service", "value": "Buchhaltung"},
    ]
    _, slots = form_run(described(text, entities))
    assert slots["processes"] == ["customer_service"]


def test_german_compounds_name_the_work_their_last_word_names(action_kb):
    text = "Telefonannahme für die Mandanten und die Honorarrechnungen schreiben"
    entities = [{"entity": "service", "value": "Telefonannahme"}]
    _, slots = form_run(described(text, entities))
    assert "invoicing" in slots["processes"]


def test_a_long_description_taken_for_a_topic_is_not_answered_as_a_question(action_kb):
    # The classifier was sure it was about the Italian call-center law; it is the work, in words the
    # glossary does not know. The form says it did not catch it rather than answering a question not asked.
    text = (
        "basically when one of our policy holders has a car accident somebody must take down all the details,"
        " check the policy number and open the file for the adjusters"
    )
    messages, slots = form_run(described(text, [], language="en", intent="ask_italian_law"))
    assert responses(messages) == ["utter_didnt_catch"]
    assert slots["form_misses"] == {"processes": 1}


def test_a_long_question_without_its_question_mark_is_still_answered(action_kb):
    text = (
        "tell me how the pricing per full-time seat works for a team of ten agents working in two shifts"
        " from Monday to Saturday for our Italian customers"
    )
    messages, _ = form_run(described(text, [], language="en", intent="ask_pricing"))
    assert "utter_didnt_catch" not in responses(messages)
    assert any("seat" in (m.get("text") or "") or "FTE" in (m.get("text") or "") for m in messages)


def test_a_question_inside_the_form_names_no_work(action_kb):
    # "call us back" is customer contact in other words, but a question is not a description of the work.
    _, slots = form_run(described("Can someone call us back?", [], language="en", intent="human_handoff"))
    assert not slots.get("processes")


def test_a_question_that_also_answers_the_form_gets_its_answer(action_kb):
    text = "Macht BPO für uns Sinn, wenn uns für die Buchhaltung einfach Zeit und Know-how fehlen?"
    entities = [{"entity": "outsourcing_type", "value": "BPO"}, {"entity": "service", "value": "Buchhaltung"}]
    message = described(text, entities, intent="request_recommendation")
    messages, slots = form_run(message)
    assert slots["processes"] == ["accounting"]
    assert any("Zeit" in (m.get("text") or "") for m in messages)  # the BPO answer: skills or time lacking


@pytest.mark.parametrize(
    ("language", "text", "value", "added"),
    [
        ("en", "and if later we also want them to handle our invoicing?", "invoicing",
         "invoicing (back office)"),
        ("it", "e se poi volessimo affidarvi anche la fatturazione?", "fatturazione",
         "fatturazione (back office)"),
    ],
)  # fmt: skip
def test_a_need_added_while_another_question_is_open_is_acknowledged(action_kb, language, text, value, added):
    entities = [{"entity": "service", "value": value}]
    message = asked("languages", text, "request_recommendation", entities, language=language)
    messages, slots = form_run(message)
    assert slots["processes"] == ["customer_service", "invoicing"]
    notices = [m for m in messages if m.get("response") == "utter_added_processes"]
    assert [m["added"] for m in notices] == [added]
    assert "languages" not in slots  # the languages question is still open: the form asks it again


def test_an_answer_to_the_question_asked_gets_no_notice(action_kb):
    message = asked(
        "processes", "payroll too", "inform", [{"entity": "service", "value": "payroll"}], language="en"
    )
    messages, slots = form_run(message)
    assert "payroll" in slots["processes"]
    assert "utter_added_processes" not in responses(messages)


def test_only_pure_additions_are_announced():
    before = {"channels": ["phone"]}
    added = [SlotSet("channels", ["phone", "chat"])]
    corrected = [SlotSet("channels", ["chat"])]  # "chat instead of phone": the summary shows corrections
    assert added_values(added, "channels", before) == ["chat"]
    assert added_values(corrected, "channels", before) == []


def test_work_kept_in_one_place_is_kept_wherever_the_message_names_it(action_kb):
    # "trasporti" names logistics inside the customer care; "la logistica la gestiamo noi" keeps it.
    text = "assistenza clienti: resi, trasporti e reclami. La logistica invece la gestiamo noi"
    entities = [
        {"entity": "service", "value": "assistenza clienti"},
        {"entity": "service", "value": "trasporti"},
        {"entity": "service", "value": "logistica"},
    ]
    _, slots = form_run(described(text, entities, language="it"))
    assert slots["processes"] == ["customer_service"]


@pytest.mark.parametrize(
    "language, text, entities, expected",
    [
        ("it", "e-mail e chat, telefono no", ["e-mail", "chat", "telefono"], ["email", "chat"]),
        ("de", "Nur Telefon. E-Mails bearbeiten wir weiterhin selbst.", ["Telefon", "E-Mails"], ["phone"]),
        # A channel refused once is refused wherever the answer names it.
        (
            "de",
            "Telefon. Wir haben es mit E-Mail-Kampagnen probiert. Also bitte keine E-Mails und kein Chat.",
            ["Telefon", "E-Mail", "E-Mails", "Chat"],
            ["phone"],
        ),
        (
            "en",
            "Telephone. Email no, we answer emails in the morning ourselves.",
            ["Telephone", "Email", "emails"],
            ["phone"],
        ),
        # An "or" carries a no on to the next channel, and only a no.
        (
            "en",
            "Telephone. They call, they don't write on WhatsApp or chat.",
            ["Telephone", "WhatsApp", "chat"],
            ["phone"],
        ),
        ("en", "we don't have the staff for phone or chat at night", ["phone", "chat"], ["phone", "chat"]),
        # German negates at the end of the clause.
        (
            "de",
            "Nur telefonisch. Per Mail oder Chat nehmen wir Störungsmeldungen bewusst nicht an.",
            ["telefonisch", "Mail", "Chat"],
            ["phone"],
        ),
    ],
)
def test_a_channel_refused_after_it_is_left_out(action_kb, language, text, entities, expected):
    named = [{"entity": "channel", "value": value} for value in entities]
    _, slots = form_run(asked("channels", text, "inform", named, language=language))
    assert slots["channels"] == expected


@pytest.mark.parametrize(
    "language, text, trade, need",
    [
        ("it", "salve siamo una ditta di trasporti, ci servirebbe aiuto con clienti e fatture", "trasporti",
         "fatture"),
        ("en", "We're a small logistics company and need help with customers and our invoices", "logistics",
         "invoices"),
    ],
)  # fmt: skip
def test_the_prospects_own_trade_is_not_work_to_hand_over(action_kb, language, text, trade, need):
    entities = [{"entity": "service", "value": trade}, {"entity": "service", "value": need}]
    opening = tracker(text, "request_recommendation", entities, language=language, requested_slot=None)
    processes = extract("processes", opening)["processes"]
    assert "logistics" not in processes
    assert "invoicing" in processes and "customer_service" in processes


def test_no_customer_contact_said_of_the_other_part_of_the_work_keeps_the_channels(action_kb):
    text = "Phone, email and live chat for customers; the back office work has no customer contact"
    entities = [{"entity": "channel", "value": v} for v in ("Phone", "email", "live chat")]
    both = ["customer_service", "administration"]
    _, slots = form_run(asked("channels", text, "inform", entities, processes=both))
    assert slots["channels"] == ["phone", "email", "chat"] and slots.get("processes", both) == both


@pytest.mark.parametrize(
    ("language", "text", "channels"),
    [
        ("de", "Mieter erreichen uns per Telefon und E-Mail, aber dieser Kontakt bleibt komplett bei unseren "
               "Verwaltern.", ("Telefon", "E-Mail")),
        ("de", "Mieter rufen an und schreiben E-Mails. Sie hätten mit Mietern überhaupt keinen Kontakt.",
               ("rufen an", "E-Mails")),
        ("en", "Tenants call and e-mail us, but that contact stays with our property managers.",
               ("call", "e-mail")),
        ("it", "I clienti ci chiamano e scrivono via mail, ma il contatto resta ai nostri amministratori.",
               ("chiamano", "mail")),
        ("it", "I condòmini ci chiamano e scrivono email, ma quella parte resta a noi.",
               ("chiamano", "email")),
        ("en", "None, it's internal. Our patients will never contact you; the patient phone line stays with "
               "our staff.", ("phone line",)),
    ],
)  # fmt: skip
def test_customer_contact_that_stays_with_the_prospect_is_no_channel_to_hand_over(
    action_kb, language, text, channels
):
    entities = [{"entity": "channel", "value": value} for value in channels]
    work = ["customer_service", "accounting", "payroll"]
    _, slots = form_run(asked("channels", text, "inform", entities, processes=work, language=language))
    assert slots["channels"] == [] and slots["processes"] == ["accounting", "payroll"]


@pytest.mark.parametrize(
    ("language", "text", "channels"),
    [
        ("en", "Phone and chat for our customers. You would have no contact with our suppliers.",
               ("Phone", "chat")),
        ("de", "Telefon und Chat. Mit unserer Buchhaltung hätten Sie überhaupt keinen Kontakt.",
               ("Telefon", "Chat")),
        ("it", "Telefono e chat; il contatto resta in italiano.", ("Telefono", "chat")),
    ],
)  # fmt: skip
def test_no_contact_said_of_something_else_keeps_the_channels(action_kb, language, text, channels):
    entities = [{"entity": "channel", "value": value} for value in channels]
    _, slots = form_run(asked("channels", text, "inform", entities, processes=["customer_service"],
                              language=language))  # fmt: skip
    assert slots["channels"] == ["phone", "chat"]


def test_work_added_to_the_model_question_that_opens_the_form_keeps_the_work_asked_about(action_kb):
    # "Kundenanfragen per Mail und Chat: was würdet ihr empfehlen?" got the model; then the form opens.
    before = [{"entity": "service", "value": "Kundenanfragen"}, {"entity": "channel", "value": "Chat"},
              {"entity": "channel", "value": "Mail"}]  # fmt: skip
    text = "und wenn wir zusätzlich die Rechnungsstellung loswerden wollen?"
    opening = tracker(text, "request_recommendation", [{"entity": "service", "value": "Rechnungsstellung"}],
                      language="de", last_topic="service_models")  # fmt: skip
    opening.events = [{"event": "user", "parse_data": {"entities": before}},
                      {"event": "user", "parse_data": opening.latest_message}]  # fmt: skip
    _, slots = form_run(opening)
    assert set(slots["processes"]) >= {"customer_service", "invoicing"}
    assert set(slots["channels"]) >= {"chat", "email"}
    # Without a word that adds, the new message alone is the need.
    alone = tracker("wir wollen die Rechnungsstellung loswerden", "request_recommendation",
                    [{"entity": "service", "value": "Rechnungsstellung"}], language="de",
                    last_topic="service_models")  # fmt: skip
    alone.events = opening.events
    assert form_run(alone)[1]["processes"] == ["invoicing"]
