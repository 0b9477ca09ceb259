"""What the CLI shows and does about deliveries: list the outbox, send events again."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import sessionmaker

from knowledge.db import transaction
from knowledge.delivery.outbox import DELIVERED, FAILED, PENDING, OutboxEvent, utcnow


def list_events(session_factory: sessionmaker, status: str | None = None) -> list[dict]:
    query = select(OutboxEvent).order_by(OutboxEvent.created_at, OutboxEvent.position)
    if status:
        query = query.where(OutboxEvent.status == status)
    columns = (
        "event_id", "event_type", "lead_id", "conversation_id", "status", "attempts", "created_at",
        "next_attempt_at", "delivered_at", "last_error",
    )  # fmt: skip
    with session_factory() as session:
        return [{c: getattr(row, c) for c in columns} for row in session.execute(query).scalars()]


def retry(session_factory: sessionmaker, event_id: str | None = None, failed: bool = False) -> int:
    """Make events pending again, due now, with a fresh give-up clock; returns how many.

    A delivered event named by id is sent to every target again; a failed one only to the targets that did
    not take it yet.
    """
    now = utcnow()
    fresh = {"status": PENDING, "next_attempt_at": now, "pending_since": now, "lease_until": None}
    with transaction(session_factory) as session:
        if failed:
            query = update(OutboxEvent).where(OutboxEvent.status == FAILED).values(**fresh)
            return session.execute(query.execution_options(synchronize_session=False)).rowcount
        row = session.get(OutboxEvent, event_id)
        if row is None:
            return 0
        if row.status == DELIVERED:
            row.webhook_delivered_at = row.email_delivered_at = row.delivered_at = None
        for name, value in fresh.items():
            setattr(row, name, value)
        return 1
