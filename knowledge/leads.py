"""Prospect leads: one row per conversation, updated on correction, personal data only with consent."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, Column, DateTime, Integer, String, Text, event, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from knowledge.db import transaction
from knowledge.delivery.outbox import record_erasure, record_lead
from knowledge.models import Base

PERSONAL_FIELDS = ("company", "contact_name", "email")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Lead(Base):
    __tablename__ = "leads"
    id = Column(Integer, primary_key=True, autoincrement=True)
    conversation_id = Column(String(255), nullable=False, unique=True)
    language = Column(String(8), nullable=False)
    channel = Column(String(64))  # the Rasa input channel the conversation came through (rest, socketio, ...)
    processes = Column(JSON, nullable=False, default=list)  # glossary service keys
    processes_text = Column(Text)  # what the user wrote, as given
    channels = Column(JSON, nullable=False, default=list)
    languages = Column(JSON, nullable=False, default=list)
    hours = Column(String(32))
    volume = Column(Text)
    timeline = Column(Text)
    recommended_model = Column(String(32))
    reasons = Column(JSON, nullable=False, default=list)
    consent = Column(Boolean, nullable=False, default=False)
    company = Column(Text)
    contact_name = Column(Text)
    email = Column(String(320))
    handoff_requested = Column(Boolean, nullable=False, default=False)
    # The visitor's own words for a question the form could not match twice: {slot: text}.
    notes = Column(JSON, nullable=False, default=dict)
    created_at = Column(DateTime(timezone=True), nullable=False, default=_now)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=_now, onupdate=_now)


@dataclass
class LeadData:
    """What a conversation has gathered. Personal fields are dropped unless consent is True."""

    conversation_id: str
    language: str
    channel: str | None = None  # Rasa's input channel of the latest message
    processes: list[str] = field(default_factory=list)
    processes_text: str | None = None
    channels: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    hours: str | None = None
    volume: str | None = None
    timeline: str | None = None
    recommended_model: str | None = None
    reasons: list[str] = field(default_factory=list)
    consent: bool = False
    company: str | None = None
    contact_name: str | None = None
    email: str | None = None
    handoff_requested: bool = False
    notes: dict[str, str] = field(default_factory=dict)

    def storable(self) -> dict:
        values = dict(self.__dict__)
        if not self.consent:
            for name in PERSONAL_FIELDS:
                values[name] = None
            values["notes"] = {k: v for k, v in self.notes.items() if k not in PERSONAL_FIELDS}
        return values


EXPORT_FIELDS = [c.key for c in Lead.__table__.columns]


@event.listens_for(Base.metadata, "after_create")
def _add_missing_columns(_metadata, connection, **_kw) -> None:
    """After every create_all (ensure_schema): a leads table made by an earlier release gets the columns
    added since (as nullable: its old rows have no value). create_all makes missing tables, not columns."""
    inspector = inspect(connection)
    if not inspector.has_table(Lead.__tablename__):
        return
    present = {column["name"] for column in inspector.get_columns(Lead.__tablename__)}
    for column in Lead.__table__.columns:
        if column.name not in present:
            column_type = column.type.compile(dialect=connection.dialect)
            connection.execute(text(f"ALTER TABLE leads ADD COLUMN {column.name} {column_type}"))


class LeadStore:
    def __init__(self, session_factory: sessionmaker):
        self._session_factory = session_factory

    def save(self, data: LeadData) -> int:
        """Insert the conversation's lead, or update it: never a second row for one conversation.

        The lead's event (lead.created, lead.updated or lead.handoff when `handoff_requested`) goes to the
        outbox in the same transaction: both are stored, or neither.
        """
        with transaction(self._session_factory) as session:
            return self._save(session, data)

    def _save(self, session: Session, data: LeadData) -> int:
        values = data.storable()
        lead = session.execute(
            select(Lead).where(Lead.conversation_id == data.conversation_id)
        ).scalar_one_or_none()
        if lead is None:
            lead = Lead(**values)
            session.add(lead)
        else:
            for name, value in values.items():
                if name == "handoff_requested":
                    value = value or lead.handoff_requested  # a handoff request is never withdrawn here
                setattr(lead, name, value)
        session.flush()
        record_lead(session, lead, handoff=data.handoff_requested)
        return lead.id

    def get(self, conversation_id: str) -> dict | None:
        with self._session_factory() as session:
            lead = session.execute(
                select(Lead).where(Lead.conversation_id == conversation_id)
            ).scalar_one_or_none()
            return _as_dict(lead) if lead else None

    def all(self) -> list[dict]:
        with self._session_factory() as session:
            return [_as_dict(lead) for lead in session.execute(select(Lead).order_by(Lead.id)).scalars()]

    def erase(
        self, *, conversation_id: str | None = None, lead_id: int | None = None, email: str | None = None
    ) -> int:
        """Delete the matching leads and their outbox events, queue one lead.erased each; returns how many."""
        conditions = []
        if conversation_id is not None:
            conditions.append(Lead.conversation_id == conversation_id)
        if lead_id is not None:
            conditions.append(Lead.id == lead_id)
        if email is not None:
            conditions.append(Lead.email == email.strip().lower())
        if not conditions:
            raise ValueError("say which lead to erase: conversation id, lead id or e-mail")
        with transaction(self._session_factory) as session:
            return _erase(session, conditions)

    def export_json(self) -> str:
        return json.dumps(self.all(), indent=2, ensure_ascii=False, default=str)

    def export_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        for lead in self.all():
            writer.writerow({k: _csv_value(v) for k, v in lead.items()})
        return buffer.getvalue()


def _erase(session: Session, conditions: list) -> int:
    leads = session.execute(select(Lead).where(*conditions)).scalars().all()
    for lead in leads:
        record_erasure(session, lead.id, lead.conversation_id)
        session.delete(lead)
    return len(leads)


def _as_dict(lead: Lead) -> dict:
    return {name: getattr(lead, name) for name in EXPORT_FIELDS}


def _csv_value(value):
    if isinstance(value, list):
        return ";".join(map(str, value))
    # Spreadsheets execute cells that start with these; prefix a quote so user text stays text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
