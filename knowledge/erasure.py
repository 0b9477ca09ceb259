"""Complete erasure and retention: a conversation's lead and its events in Rasa's SQL tracker store.

No Rasa imports: the tracker store is read as plain SQL (table `events` with `sender_id`, `type_name`,
`timestamp`, `data`, as Rasa's `SQLTrackerStore` creates it) at $ADVISOR_TRACKER_URL, default
var/tracker.db. Used by `python -m knowledge leads erase|purge` and by `action_delete_my_data`.

Rasa saves a turn by counting the events already stored for the conversation and appending the rest of the
in-memory tracker, so events deleted while a turn runs would be written again when it ends. The Rasa side
therefore deletes once more when it saves the turn that erased (bot/tracker_store.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, delete, func, inspect, select
from sqlalchemy.engine import Engine

from knowledge.db import PROJECT_ROOT, make_engine
from knowledge.leads import LeadStore

TRACKER_URL_ENV = "ADVISOR_TRACKER_URL"
DEFAULT_TRACKER_PATH = PROJECT_ROOT / "var" / "tracker.db"
RETENTION_ENV = "CONVERSATION_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 90
CHUNK = 500

# The columns of Rasa's `events` table that erasure needs (the same names as SQLTrackerStore.SQLEvent).
EVENTS = Table(
    "events",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255)),
    Column("type_name", String(255)),
    Column("timestamp", Float),
    Column("data", Text),
)


def tracker_url() -> str:
    return os.environ.get(TRACKER_URL_ENV) or f"sqlite:///{DEFAULT_TRACKER_PATH}"


def tracker_engine(url: str | None = None) -> Engine:
    """One engine (and pool) per tracker-store URL and process."""
    return _engine(url or tracker_url())


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    return make_engine(url)


def retention_days() -> int:
    return int(os.environ.get(RETENTION_ENV) or DEFAULT_RETENTION_DAYS)


@dataclass(frozen=True)
class Erased:
    leads: int = 0
    events: int = 0
    messages: int = 0  # the user's messages among the events
    conversations: int = 0

    def __add__(self, other: Erased) -> Erased:
        return Erased(*(a + b for a, b in zip(self._values(), other._values(), strict=True)))

    def _values(self) -> tuple[int, int, int, int]:
        return self.leads, self.events, self.messages, self.conversations

    def summary(self) -> str:
        return (
            f"erased {self.leads} lead(s) and {self.conversations} conversation(s): "
            f"{self.events} tracker event(s), {self.messages} of them user messages"
        )


def has_events_table(engine: Engine) -> bool:
    return inspect(engine).has_table(EVENTS.name)


def delete_conversation_events(engine: Engine, conversation_ids: list[str]) -> Erased:
    """Delete every stored event of these conversations, from all their sessions."""
    if not conversation_ids or not has_events_table(engine):
        return Erased()
    erased = Erased()
    for start in range(0, len(conversation_ids), CHUNK):  # SQLite caps the parameters of one statement
        erased += _delete_events(engine, conversation_ids[start : start + CHUNK])
    return erased


def _delete_events(engine: Engine, conversation_ids: list[str]) -> Erased:
    where = EVENTS.c.sender_id.in_(conversation_ids)
    with engine.begin() as connection:
        messages = connection.execute(
            select(func.count()).where(where, EVENTS.c.type_name == "user")
        ).scalar_one()
        conversations = connection.execute(
            select(func.count(EVENTS.c.sender_id.distinct())).where(where)
        ).scalar_one()
        events = connection.execute(delete(EVENTS).where(where)).rowcount
    return Erased(events=events, messages=messages, conversations=conversations)


class Eraser:
    """Leads (knowledge base database) and conversations (tracker store), erased together."""

    def __init__(self, leads: LeadStore, tracker: Engine | None = None) -> None:
        self.leads = leads
        self.tracker = tracker if tracker is not None else tracker_engine()

    def erase_conversation(self, conversation_id: str) -> Erased:
        """Everything stored from one conversation: its lead and all its events."""
        erased_leads = self.leads.erase(conversation_id=conversation_id)
        return Erased(leads=erased_leads) + delete_conversation_events(self.tracker, [conversation_id])

    def erase(
        self, *, conversation_id: str | None = None, lead_id: int | None = None, email: str | None = None
    ) -> Erased:
        """By conversation, lead id or e-mail address (then also every conversation that mentions it)."""
        if conversation_id is not None:
            return self.erase_conversation(conversation_id)
        conversations = {lead["conversation_id"] for lead in self._matching_leads(lead_id, email)}
        if email is not None:
            conversations |= self._conversations_mentioning(email)
        erased = Erased()
        for conversation in sorted(conversations):
            erased += self.erase_conversation(conversation)
        return erased

    def _matching_leads(self, lead_id: int | None, email: str | None) -> list[dict]:
        address = email.strip().lower() if email else None
        return [
            lead for lead in self.leads.all()
            if (lead_id is not None and lead["id"] == lead_id) or (address and lead["email"] == address)
        ]  # fmt: skip

    def _conversations_mentioning(self, email: str) -> set[str]:
        if not has_events_table(self.tracker):
            return set()
        pattern = f"%{email.strip().lower()}%"
        with self.tracker.connect() as connection:
            rows = connection.execute(
                select(EVENTS.c.sender_id).where(func.lower(EVENTS.c.data).like(pattern)).distinct()
            )
            return {row.sender_id for row in rows}

    def purge(self, days: int | None = None, now: datetime | None = None) -> Erased:
        """Conversations whose last event is older than `days`, and needs-only leads (no consent) as old."""
        cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=days or retention_days())
        erased = Erased()
        for lead in self.leads.all():
            if not lead["consent"] and _aware(lead["updated_at"]) < cutoff:
                erased += Erased(leads=self.leads.erase(lead_id=lead["id"]))
        return erased + delete_conversation_events(self.tracker, self._idle_since(cutoff))

    def _idle_since(self, cutoff: datetime) -> list[str]:
        if not has_events_table(self.tracker):
            return []
        with self.tracker.connect() as connection:
            rows = connection.execute(
                select(EVENTS.c.sender_id)
                .group_by(EVENTS.c.sender_id)
                .having(func.max(EVENTS.c.timestamp) < cutoff.timestamp())
            )
            return [row.sender_id for row in rows]


def _aware(moment: datetime) -> datetime:
    # SQLite hands timezone-aware columns back naive (in UTC).
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
