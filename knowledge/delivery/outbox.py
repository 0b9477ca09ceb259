"""The lead outbox: one row per event, written in the same transaction as the lead it describes.

The worker (knowledge/delivery/worker.py) reads it; nothing here talks to the network, so saving a lead
costs one more INSERT and never waits for the sales team's systems.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import JSON, Column, DateTime, Index, Integer, String, Text, delete, func, select
from sqlalchemy.orm import Session

from knowledge.models import Base, ServiceModelText

CREATED, UPDATED, HANDOFF, ERASED = "lead.created", "lead.updated", "lead.handoff", "lead.erased"
EVENT_TYPES = (CREATED, UPDATED, HANDOFF, ERASED)
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
STATUSES = (PENDING, DELIVERED, FAILED)
# The display name in the payload is the English one; the e-mail looks up its own language's name.
PAYLOAD_LANGUAGE = "en"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time stored here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


class OutboxEvent(Base):
    __tablename__ = "lead_outbox"
    event_id = Column(String(36), primary_key=True)
    lead_id = Column(Integer, nullable=False)  # no foreign key: lead.erased outlives its lead
    conversation_id = Column(String(255), nullable=False)
    event_type = Column(String(16), nullable=False)
    position = Column(Integer, nullable=False)  # order of the lead's events
    payload = Column(JSON, nullable=False)
    status = Column(String(16), nullable=False, default=PENDING)
    attempts = Column(Integer, nullable=False, default=0)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    pending_since = Column(DateTime(timezone=True), nullable=False, default=utcnow)  # give-up clock
    next_attempt_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    lease_until = Column(DateTime(timezone=True))  # a worker owns the event until then
    webhook_delivered_at = Column(DateTime(timezone=True))
    email_delivered_at = Column(DateTime(timezone=True))
    delivered_at = Column(DateTime(timezone=True))
    last_error = Column(Text)

    __table_args__ = (
        Index("ix_lead_outbox_status_next", "status", "next_attempt_at"),
        Index("ix_lead_outbox_lead_position", "lead_id", "position"),
    )


def iso(value: datetime) -> str:
    return as_utc(value).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def model_name(session: Session, code: str | None, language: str = PAYLOAD_LANGUAGE) -> str | None:
    if code is None:
        return None
    return session.execute(
        select(ServiceModelText.text).where(
            ServiceModelText.model_code == code,
            ServiceModelText.field == "name",
            ServiceModelText.language == language,
        )
    ).scalar_one_or_none()


def lead_data(session: Session, lead) -> dict:
    """The `data` of a lead event: needs, recommendation, consented contact, handoff flag."""
    contact = None
    if lead.consent:
        contact = {"company": lead.company, "name": lead.contact_name, "email": lead.email}
    model = None
    if lead.recommended_model:
        model = {"code": lead.recommended_model, "name": model_name(session, lead.recommended_model)}
    return {
        "lead_id": lead.id,
        "conversation_id": lead.conversation_id,
        "language": lead.language,
        "channel": lead.channel,
        "needs": {
            "processes": list(lead.processes or []),
            "processes_text": lead.processes_text,
            "channels": list(lead.channels or []),
            "languages": list(lead.languages or []),
            "hours": lead.hours,
            "volume": lead.volume,
            "timeline": lead.timeline,
        },
        "recommended_model": model,
        "reasons": list(lead.reasons or []),
        "consent": bool(lead.consent),
        "contact": contact,
        "handoff_requested": bool(lead.handoff_requested),
    }


def add_event(session: Session, event_type: str, lead_id: int, conversation_id: str, data: dict) -> str:
    """Queue one event in the caller's transaction; returns its id."""
    assert event_type in EVENT_TYPES, event_type
    last = session.execute(
        select(func.max(OutboxEvent.position)).where(OutboxEvent.lead_id == lead_id)
    ).scalar_one_or_none()
    now = utcnow()
    event_id = str(uuid.uuid4())
    payload = {"id": event_id, "type": event_type, "created_at": iso(now), "data": data}
    session.add(
        OutboxEvent(
            event_id=event_id, lead_id=lead_id, conversation_id=conversation_id, event_type=event_type,
            position=(last or 0) + 1, payload=payload, status=PENDING, attempts=0, created_at=now,
            pending_since=now, next_attempt_at=now,
        )
    )  # fmt: skip
    return event_id


def record_lead(session: Session, lead, *, handoff: bool) -> str:
    """lead.handoff for "talk to a person", lead.created the first time needs are confirmed, else updated."""
    if handoff:
        event_type = HANDOFF
    else:
        created_before = session.execute(
            select(OutboxEvent.event_id).where(
                OutboxEvent.lead_id == lead.id, OutboxEvent.event_type == CREATED
            )
        ).first()
        event_type = UPDATED if created_before else CREATED
    return add_event(session, event_type, lead.id, lead.conversation_id, lead_data(session, lead))


def record_erasure(session: Session, lead_id: int, conversation_id: str) -> str:
    """Drop the lead's queued and past events (they hold its data) and queue lead.erased: ids only."""
    session.execute(delete(OutboxEvent).where(OutboxEvent.lead_id == lead_id))
    data = {"lead_id": lead_id, "conversation_id": conversation_id}
    return add_event(session, ERASED, lead_id, conversation_id, data)
