"""Which channels and languages a prospect's answer names: language codes, "only", negations and "none"."""

from __future__ import annotations

import pytest

from bot.actions.channel_reading import opens_with_none
from tests.prospect_form import asked, extract, form_run
from tests.test_form_reading import CONTACT_GIVEN, NEEDS_GIVEN


@pytest.mark.parametrize(
    "text, expected",
    [
        ("EN. maybe ES later", ["english", "spanish"]),
        ("IT + EN, e se si può anche un po' di spagnolo", ["italian", "english", "spanish"]),
        ("EN only, no DE", ["english"]),
        ("it en es", ["italian", "english", "spanish"]),  # nothing but codes: any case
    ],
)
def test_language_codes_answer_the_languages_question(action_kb, text, expected):
    entities = [{"entity": "language", "value": "spagnolo"}] if "spagnolo" in text else []
    message = asked("languages", text, "inform", entities, languages=None, language="it")
    assert extract("languages", message) == {"languages": expected}


def test_language_codes_elsewhere_name_no_language(action_kb):
    message = asked("processes", "IT support and HR admin", "inform", languages=None)
    assert extract("languages", message) == {}


def test_channels_said_to_be_the_only_ones_leave_out_those_mentioned_after(action_kb):
    text = "Just phone. We do have an email address for claims but our own team handles that."
    entities = [{"entity": "channel", "value": "phone"}, {"entity": "channel", "value": "email"}]
    assert extract("channels", asked("channels", text, "inform", entities)) == {"channels": ["phone"]}


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [("I initially thought we would add e-mail, but on reflection no: this is strictly a telephone line.",
      ["e-mail", "telephone"], ["phone"]),
     ("Phone only, please. E-mail stays with us.", ["Phone", "E-mail"], ["phone"]),
     ("Only phone and chat, nothing else", ["phone", "chat"], ["phone", "chat"]),
     # An "and" before the only-word adds: all are channels.
     ("Phone and e-mail, and just a little chat at weekends", ["Phone", "e-mail", "chat"],
      ["phone", "email", "chat"]),
     ("Telefon und E-Mail, dazu nur ein bisschen Chat", ["Telefon", "E-Mail", "Chat"],
      ["phone", "email", "chat"])],
)  # fmt: skip
def test_the_channels_after_the_only_word_are_the_only_ones(action_kb, text, entities, expected):
    named = [{"entity": "channel", "value": value} for value in entities]
    assert extract("channels", asked("channels", text, "inform", named)) == {"channels": expected}


@pytest.mark.parametrize(
    ("text", "language", "channel"),
    [("No, guardi, con i clienti parliamo noi, al banco e al telefono come sempre. A voi darei solo la parte "
      "dei documenti.", "it", "telefono"),
     ("Mit den Kunden sprechen wir selbst, am Telefon. Sie bekämen nur die Belege.", "de", "Telefon")],
)  # fmt: skip
def test_customers_the_prospect_talks_to_themselves_are_no_channels_to_hand_over(action_kb, text, language,
                                                                                 channel):  # fmt: skip
    message = asked(
        "channels", text, "inform", [{"entity": "channel", "value": channel}], processes=["invoicing"],
        processes_text=" ".join(["fatture"] * 30), channels=None, language=language,
    )  # fmt: skip
    _, slots = form_run(message)  # a long description, so the channels question was asked at all
    assert slots["channels"] == [] and slots.get("processes", ["invoicing"]) == ["invoicing"]


def test_channels_handed_over_after_the_contact_that_stays_are_kept(action_kb):
    text = "Al telefono con i clienti parliamo noi, a voi daremmo la chat e le email"
    entities = [{"entity": "channel", "value": v} for v in ("telefono", "chat", "email")]
    message = asked(
        "channels", text, "inform", entities, processes=["customer_service"],
        processes_text=" ".join(["clienti"] * 30), channels=None, language="it",
    )  # fmt: skip
    _, slots = form_run(message)
    assert {"chat", "email"} <= set(slots["channels"])


@pytest.mark.parametrize(
    ("text", "language"),
    [("Es geht nicht ausschließlich um interne Abläufe, Kunden schreiben uns auch per E-Mail", "de"),
     ("It's not strictly internal, customers also reach us by e-mail", "en")],
)  # fmt: skip
def test_internal_work_said_with_a_negation_keeps_the_customer_channels(action_kb, text, language):
    named = [{"entity": "channel", "value": "E-Mail" if language == "de" else "e-mail"}]
    message = asked(
        "channels", text, "inform", named, processes=["payroll"], channels=None, language=language
    )
    assert extract("channels", message)["channels"] == ["email"]


@pytest.mark.parametrize(
    "text",
    [
        "Ein Kontakt mit unseren Kunden ist ausdrücklich nicht vorgesehen, das bleibt bei unserem Vertrieb. "
        "Es geht ausschließlich um interne Abläufe; Abstimmung mit uns per E-Mail und Teams."
    ],
)
def test_internal_work_with_channels_to_talk_to_the_client_company_has_no_customer_channels(action_kb, text):
    named = [{"entity": "channel", "value": "E-Mail"}, {"entity": "channel", "value": "Teams"}]
    message = asked("channels", text, "inform", named, processes=["payroll"], channels=None, language="de")
    assert extract("channels", message)["channels"] == []


def test_no_customer_contact_in_answer_to_channels_leaves_only_the_internal_work(action_kb):
    long_description = " ".join(["bookkeeping"] * 30)  # long enough to ask about channels at all
    message = asked(
        "channels", "None client-facing. Your team would work in our document system.", "inform",
        processes=["sales", "legal_services"], processes_text=long_description, channels=None,
    )  # fmt: skip
    _, slots = form_run(message)
    assert slots["channels"] == [] and slots["processes"] == ["legal_services"]
    # The answer stays: the next question is not the channels one again.
    then = asked(
        "languages", "English", "inform", [{"entity": "language", "value": "English"}],
        processes=slots["processes"], processes_text=long_description, channels=[], languages=None,
    )  # fmt: skip
    _, next_slots = form_run(then)
    assert next_slots.get("requested_slot") != "channels" and next_slots["languages"] == ["english"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Keine, es gibt keinen Kontakt zu Mandanten. Wir arbeiten per E-Mail mit dem Sekretariat.", "de"),
        ("None. Your team would send the files to our office by e-mail.", "en"),
        ("Nessuno: i documenti li riceverete dalla segreteria via e-mail.", "it"),
    ],
)
def test_a_none_before_the_channels_named_says_there_are_no_customer_channels(action_kb, text, language):
    message = asked(
        "channels", text, "inform", [{"entity": "channel", "value": "e-mail"}], language=language,
        processes=["customer_service", "data_entry"], channels=None,
    )  # fmt: skip
    assert extract("channels", message) == {"channels": [], "processes": ["data_entry"]}


def test_none_of_a_channel_names_it():
    assert not opens_with_none("None of them by phone, all by chat.")
    assert opens_with_none("Keine. Alles intern.") and opens_with_none("nothing, it's all in our ERP")


@pytest.mark.parametrize(
    ("text", "language", "surface", "channel"),
    [("Nothing, just phone.", "en", "phone", "phone"), ("Keine, nur Telefon.", "de", "Telefon", "phone"),
     ("Niente, solo chat.", "it", "chat", "chat")],
)  # fmt: skip
def test_a_none_then_only_one_channel_names_that_channel(action_kb, text, language, surface, channel):
    message = asked(
        "channels", text, "inform", [{"entity": "channel", "value": surface}], language=language,
        processes=["customer_service"], channels=None,
    )  # fmt: skip
    assert extract("channels", message)["channels"] == [channel]


def test_not_only_is_not_only(action_kb):
    text = "Not only phone. Also chat and email."
    entities = [{"entity": "channel", "value": v} for v in ("phone", "chat", "email")]
    assert extract("channels", asked("channels", text, "inform", entities)) == {
        "channels": ["phone", "chat", "email"]
    }


@pytest.mark.parametrize("text", ["Ja", "ja ok", "no"])
def test_yes_and_no_words_are_no_language_codes(action_kb, text):
    message = asked("languages", text, "affirm", languages=None)
    assert extract("languages", message).get("languages") != ["japanese"]


def test_a_remark_under_the_summary_on_a_listed_channel_changes_nothing(action_kb):
    # "Nur als Hinweis: Social Media ist uns wirklich wichtig" kept only social media, and the summary came
    # back for ever.
    text = (
        "Ja, das fasst es gut zusammen. Nur als Hinweis: Social Media ist uns wirklich wichtig – aber sonst"
        " stimmt alles."
    )
    message = asked(
        "confirmed", text, "ask_channels", [{"entity": "channel", "value": "Social Media"}], confidence=0.48,
        language="de", channels=["chat", "email", "social_media"], **NEEDS_GIVEN, **CONTACT_GIVEN,
    )  # fmt: skip
    assert extract("channels", message) == {"channels": ["chat", "email", "social_media"]}
    assert extract("confirmed", message) == {"confirmed": True}


def test_only_one_channel_under_the_summary_replaces_the_list(action_kb):
    message = asked(
        "confirmed", "Nein, nur Social Media", "inform", [{"entity": "channel", "value": "Social Media"}],
        language="de", channels=["chat", "email", "social_media"], **NEEDS_GIVEN, **CONTACT_GIVEN,
    )  # fmt: skip
    assert extract("channels", message) == {"channels": ["social_media"]}


def test_listed_channels_named_under_the_summary_without_a_yes_are_the_channels(action_kb):
    message = asked(
        "confirmed", "Phone and chat.", "inform", [{"entity": "channel", "value": "phone"},
        {"entity": "channel", "value": "chat"}], channels=["phone", "chat", "email"], **NEEDS_GIVEN,
        **CONTACT_GIVEN,
    )  # fmt: skip
    assert extract("channels", message) == {"channels": ["phone", "chat"]}
