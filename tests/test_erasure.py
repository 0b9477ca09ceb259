"""Erasure and retention (knowledge/erasure.py) on SQLite and PostgreSQL, with tables made by Rasa's own
SQLTrackerStore: a conversation's lead and all its events go; other conversations stay."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text, update

from knowledge import cli
from knowledge.db import make_engine, make_session_factory
from knowledge.erasure import EVENTS, Eraser
from knowledge.leads import Lead, LeadData, LeadStore
from knowledge.loader import ensure_schema

EMAIL = "anna.rossi@example.com"


@pytest.fixture
def tracker_url(database_url) -> str:
    """The tracker store's tables, made by Rasa, in the parametrised database (SQLite or PostgreSQL)."""
    return database_url


@pytest.fixture
def rasa_store(tracker_url):
    store = SQLTrackerStore(domain=Domain.empty(), host=tracker_url)
    yield store
    store.engine.dispose()


@pytest.fixture
def eraser(tracker_url, rasa_store) -> Eraser:
    engine = make_engine(tracker_url)
    ensure_schema(engine)
    yield Eraser(LeadStore(make_session_factory(engine)), engine)
    engine.dispose()


def store_conversation(store: SQLTrackerStore, sender: str, *messages: str, at: float | None = None) -> None:
    events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    for message in messages:
        events += [UserUttered(message), BotUttered("ok"), ActionExecuted("action_listen")]
    if at is not None:
        for event in events:
            event.timestamp = at
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def stored_text(eraser: Eraser) -> str:
    """Every row of every table, as text: where an e-mail address could still hide."""
    dump = []
    with eraser.tracker.connect() as connection:
        for table in ("events", "leads"):
            rows = connection.execute(text(f"SELECT * FROM {table}"))
            dump += [json.dumps(list(row), default=str) for row in rows]
    return "\n".join(dump)


def save_lead(eraser: Eraser, conversation: str, consent: bool = True) -> int:
    return eraser.leads.save(
        LeadData(conversation, "it", processes=["payroll"], consent=consent, contact_name="Anna", email=EMAIL)
    )


def test_erasing_a_conversation_deletes_its_lead_and_every_event(eraser, rasa_store):
    store_conversation(rasa_store, "anna", "ciao", "Anna Rossi", EMAIL)
    store_conversation(rasa_store, "other", "hello")
    save_lead(eraser, "anna")
    assert EMAIL in stored_text(eraser)

    erased = eraser.erase_conversation("anna")

    assert (erased.leads, erased.messages, erased.conversations) == (1, 3, 1)
    assert erased.events == 3 + 3 * 3
    assert EMAIL not in stored_text(eraser) and "Anna" not in stored_text(eraser)
    assert asyncio.run(rasa_store.retrieve("other")) is not None  # the other conversation stays


def test_erasing_by_email_also_deletes_conversations_that_mention_it(eraser, rasa_store):
    store_conversation(rasa_store, "with-lead", EMAIL)
    store_conversation(rasa_store, "mentioned", f"my address is {EMAIL.upper()}")
    save_lead(eraser, "with-lead")
    erased = eraser.erase(email=EMAIL)
    assert (erased.leads, erased.conversations) == (1, 2)
    assert EMAIL not in stored_text(eraser).lower()


def test_the_cli_erases_the_conversation_too(eraser, rasa_store, tracker_url, monkeypatch, capsys):
    store_conversation(rasa_store, "anna", EMAIL)
    lead_id = save_lead(eraser, "anna")
    monkeypatch.setenv("ADVISOR_TRACKER_URL", tracker_url)
    assert cli.main(["--database-url", tracker_url, "leads", "erase", "--id", str(lead_id)]) == 0
    assert "erased 1 lead(s) and 1 conversation(s)" in capsys.readouterr().out
    assert EMAIL not in stored_text(eraser)


def test_purge_deletes_old_conversations_and_old_needs_only_leads(eraser, rasa_store):
    now = datetime.now(timezone.utc)
    store_conversation(rasa_store, "old", "hello", at=(now - timedelta(days=91)).timestamp())
    store_conversation(rasa_store, "recent", "hello", at=(now - timedelta(days=89)).timestamp())
    old_needs, old_contact = save_lead(eraser, "old", consent=False), save_lead(eraser, "old-contact")
    save_lead(eraser, "recent", consent=False)
    with eraser.leads._session_factory() as session, session.begin():
        moment = now - timedelta(days=91)
        session.execute(update(Lead).where(Lead.id.in_([old_needs, old_contact])).values(updated_at=moment))

    erased = eraser.purge(days=90)

    assert (erased.leads, erased.conversations) == (1, 1)
    assert [lead["conversation_id"] for lead in eraser.leads.all()] == ["old-contact", "recent"]
    with eraser.tracker.connect() as connection:
        senders = {row.sender_id for row in connection.execute(EVENTS.select())}
    assert senders == {"recent"}


def test_nothing_to_erase_without_a_tracker_store(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    ensure_schema(engine)
    eraser = Eraser(LeadStore(make_session_factory(engine)), engine)
    assert eraser.erase_conversation("nobody").events == 0
    assert eraser.purge(days=1).conversations == 0
