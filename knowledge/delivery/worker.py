"""The delivery worker: claims pending outbox events with a lease, sends them, records the outcome.

- In order per lead: an event is not claimed while an earlier event of its lead is still pending.
- Claiming is a compare-and-set UPDATE on the lease (works on SQLite and PostgreSQL): of several workers
  exactly one gets each event. A worker that dies mid-send leaves the lease to expire, and the event is sent
  again by whichever worker comes next, with the same event id (at-least-once; receivers de-duplicate).
- A target that accepted the event is marked, so a retry resends only to the target that failed.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, or_, select, update
from sqlalchemy.orm import aliased, sessionmaker

from knowledge.db import transaction
from knowledge.delivery import mail, webhook
from knowledge.delivery.outbox import (
    DELIVERED,
    FAILED,
    PENDING,
    OutboxEvent,
    as_utc,
    model_name,
    utcnow,
)
from knowledge.delivery.settings import Settings
from knowledge.delivery.webhook import Outcome
from knowledge.models import TermLabel

log = logging.getLogger("knowledge.delivery")
WEBHOOK, EMAIL = "webhook", "email"


@dataclass(frozen=True)
class Claimed:
    event_id: str
    event_type: str
    payload: dict
    attempts: int
    pending_since: datetime
    webhook_done: bool
    email_done: bool


class Worker:
    def __init__(self, session_factory: sessionmaker, settings: Settings | None = None, name: str = "worker"):
        self.session_factory = session_factory
        self.settings = settings or Settings.from_env()
        self.name = name

    # ------------------------------------------------------------------ claiming

    def claim(self, limit: int) -> list[Claimed]:
        now = utcnow()
        earlier = aliased(OutboxEvent)
        blocked = exists().where(
            earlier.lead_id == OutboxEvent.lead_id,
            earlier.status == PENDING,
            earlier.position < OutboxEvent.position,
        )
        free = or_(OutboxEvent.lease_until.is_(None), OutboxEvent.lease_until < now)
        with self.session_factory() as session:
            candidates = (
                session.execute(
                    select(OutboxEvent.event_id)
                    .where(OutboxEvent.status == PENDING, OutboxEvent.next_attempt_at <= now, free, ~blocked)
                    .order_by(OutboxEvent.created_at, OutboxEvent.event_id)  # one lock order for all workers
                    .limit(limit)
                )
                .scalars()
                .all()
            )
        if not candidates:
            return []
        lease_until = now + timedelta(seconds=self.settings.lease)
        claimed = []
        # Write first, read after: on SQLite a transaction that starts with a write waits for the lock
        # instead of failing; on PostgreSQL the UPDATE re-checks the lease after a concurrent claim commits.
        with transaction(self.session_factory) as session:
            for event_id in candidates:
                won = session.execute(
                    update(OutboxEvent)
                    .where(OutboxEvent.event_id == event_id, OutboxEvent.status == PENDING, free)
                    .values(lease_until=lease_until, attempts=OutboxEvent.attempts + 1)
                    .execution_options(synchronize_session=False)
                ).rowcount
                if won == 1:
                    claimed.append(event_id)
            rows = session.execute(select(OutboxEvent).where(OutboxEvent.event_id.in_(claimed))).scalars()
            by_id = {row.event_id: _snapshot(row) for row in rows}
        return [by_id[event_id] for event_id in claimed if event_id in by_id]

    # ------------------------------------------------------------------ sending

    def targets(self, event: Claimed) -> list[str]:
        wanted = []
        if self.settings.webhook_url and not event.webhook_done:
            wanted.append(WEBHOOK)
        if self.settings.smtp and event.event_type in mail.MAILED_EVENTS and not event.email_done:
            wanted.append(EMAIL)
        return wanted

    def send(self, event: Claimed) -> dict[str, Outcome]:
        outcomes = {}
        for target in self.targets(event):
            try:
                outcomes[target] = self._send_to(target, event)
            except Exception as error:  # a bug or an odd payload must not stop the worker
                log.exception("%s: sending %s to %s crashed", self.name, event.event_id, target)
                outcomes[target] = Outcome(False, retry=True, error=f"{type(error).__name__}: {error}")
        return outcomes

    def _send_to(self, target: str, event: Claimed) -> Outcome:
        settings = self.settings
        if target == WEBHOOK:
            assert settings.webhook_url is not None
            return webhook.post(
                settings.webhook_url, event.payload, settings.webhook_secret, settings.timeout
            )
        assert settings.smtp is not None
        message = mail.compose(event.payload, settings.smtp, settings.public_url, self.label)
        return mail.send(message, settings.smtp, settings.timeout)

    def label(self, kind: str, key: str, language: str) -> str | None:
        with self.session_factory() as session:
            if kind == "model":
                return model_name(session, key, language)
            return session.execute(
                select(TermLabel.label).where(TermLabel.term_key == key, TermLabel.language == language)
            ).scalar_one_or_none()

    # ------------------------------------------------------------------ recording

    def record(self, event: Claimed, outcomes: dict[str, Outcome]) -> str:
        """Store what the attempt came to; returns the event's new status."""
        now = utcnow()
        values: dict = {"lease_until": None}
        if outcomes.get(WEBHOOK, Outcome(False)).delivered:
            values["webhook_delivered_at"] = now
        if outcomes.get(EMAIL, Outcome(False)).delivered:
            values["email_delivered_at"] = now
        errors = [f"{target}: {o.error}" for target, o in outcomes.items() if not o.delivered]
        if not errors:
            values.update(status=DELIVERED, delivered_at=now, last_error=None)
        elif any(not o.delivered and not o.retry for o in outcomes.values()):
            values.update(status=FAILED, last_error="; ".join(errors))
        elif (now - event.pending_since).total_seconds() >= self.settings.retry.give_up_after:
            values.update(
                status=FAILED, last_error=f"gave up after {event.attempts} attempts: " + "; ".join(errors)
            )
        else:
            delay = self.settings.retry.delay(event.attempts)
            values.update(next_attempt_at=now + timedelta(seconds=delay), last_error="; ".join(errors))
        with transaction(self.session_factory) as session:
            session.execute(
                update(OutboxEvent)
                .where(OutboxEvent.event_id == event.event_id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
        status = values.get("status", PENDING)
        if status == DELIVERED:
            log.info(
                "%s: %s %s delivered (%s)", self.name, event.event_type, event.event_id, ", ".join(outcomes)
            )
        elif status == FAILED:
            log.error(
                "%s: %s %s FAILED: %s", self.name, event.event_type, event.event_id, values["last_error"]
            )
        else:
            log.warning("%s: %s %s will be retried: %s", self.name, event.event_type, event.event_id, errors)
        return status

    # ------------------------------------------------------------------ the loop

    def run_once(self, pool: ThreadPoolExecutor | None = None) -> int:
        """Claim what is due, send it (concurrently, one event per lead), record it; returns how many."""
        if not self.settings.has_target:
            return 0
        events = self.claim(self.settings.concurrency)
        if pool is None or len(events) < 2:
            results = [self.send(event) for event in events]
        else:
            results = list(pool.map(self.send, events))
        for event, outcomes in zip(events, results, strict=True):
            self.record(event, outcomes)
        return len(events)

    def run(self, stop: threading.Event) -> None:
        if not self.settings.has_target:
            log.warning(
                "%s: neither LEAD_WEBHOOK_URL nor LEAD_EMAIL_TO is set: events wait in the outbox "
                "and are sent once a target is configured",
                self.name,
            )
        with ThreadPoolExecutor(max_workers=max(1, self.settings.concurrency)) as pool:
            while not stop.is_set():
                try:
                    busy = self.run_once(pool)
                except Exception:  # the database restarting, a lock timeout: try again shortly
                    log.exception("%s: delivery round failed; retrying", self.name)
                    busy = 0
                if not busy:
                    stop.wait(self.settings.poll)


def _snapshot(row: OutboxEvent) -> Claimed:
    return Claimed(
        event_id=row.event_id,
        event_type=row.event_type,
        payload=row.payload,
        attempts=row.attempts,
        pending_since=as_utc(row.pending_since),
        webhook_done=row.webhook_delivered_at is not None,
        email_done=row.email_delivered_at is not None,
    )
