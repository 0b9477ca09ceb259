"""'Delete my data' on the real stack (Rasa, the action server, the erasing SQL tracker store on SQLite):
afterwards the e-mail address is in no table; and the logs never hold message text or e-mail addresses."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from tests.channel_client import ChannelClient, stored_events

pytestmark = pytest.mark.model

FORM = [  # (message, a word of the reply)
    ("vorremmo esternalizzare le buste paga e la contabilità", "lingue"),
    ("italiano e inglese", "orari"),
    ("orario d'ufficio", "volumi"),
    ("circa 2000 cedolini al mese", "partire"),
    ("entro gennaio", "BPO"),
    ("sì", "azienda"),
    ("Zebrafish Spa", "nome"),
    ("Ottavia Zebrafish", "e-mail"),
]


def everything_stored(*urls: str) -> str:
    """Every row of every table of these databases, as text."""
    dump = []
    for url in urls:
        engine = create_engine(url, future=True)
        with engine.connect() as connection:
            for table in inspect(engine).get_table_names():
                dump += [repr(tuple(row)) for row in connection.execute(text(f'SELECT * FROM "{table}"'))]
        engine.dispose()
    return "\n".join(dump)


def fill_form(client: ChannelClient, email: str) -> None:
    for message, expected in FORM:
        assert expected.lower() in client.say(message).lower(), message
    assert "riepilogo" in client.say(email).lower()
    assert "salvat" in client.say("sì").lower()


def test_after_delete_my_data_the_email_is_in_no_table(messaging_stack):
    stack, email = messaging_stack, "ottavia.zebrafish@example.com"
    client = ChannelClient(stack, "rest")
    fill_form(client, email)
    other = ChannelClient(stack, "rest")
    other.say("ciao")
    assert email in everything_stored(stack.tracker_url, stack.database_url)

    assert "Non si potrà tornare indietro" in client.say("cancella i miei dati")
    reply = client.say("sì, cancella tutto")

    assert "Ho cancellato la tua richiesta" in reply and f"tuoi messaggi: {len(FORM) + 4}" in reply
    stored = everything_stored(stack.tracker_url, stack.database_url)
    assert email not in stored and "Zebrafish" not in stored
    assert stored_events(stack, client.conversation_id) == []
    assert stored_events(stack, other.conversation_id)  # nobody else's conversation
    # The conversation starts afresh, and asking again says there is nothing left but this message.
    assert "Cosa vuoi sapere?" in client.say("ciao")
    client.say("cancella i miei dati")
    assert "Non era memorizzata nessuna tua richiesta" in client.say("sì")


def test_the_logs_hold_no_message_text_and_no_email(messaging_stack):
    client = ChannelClient(messaging_stack, "rest")
    fill_form(client, "log.check.quagga@example.com")
    client.say("the quagga project needs payroll")
    logs = "\n".join(path.read_text(errors="replace") for path in messaging_stack.workdir.glob("*.log"))
    assert logs  # the servers did log
    for secret in ("quagga", "Zebrafish", "@example.com", "cedolini", "buste paga"):
        assert secret not in logs, secret
