"""The worker as a process (`python -m knowledge.delivery`): killed mid-send it delivers again after a
restart, and two workers together deliver each event exactly once. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest

from knowledge.delivery import admin
from knowledge.leads import LeadStore
from knowledge.loader import ensure_schema
from tests.receivers import WebhookReceiver, fast_env, start_worker, stop_worker, wait_until
from tests.test_delivery import lead


@pytest.fixture
def store(session_factory) -> LeadStore:
    ensure_schema(session_factory.kw["bind"])
    return LeadStore(session_factory)


def test_a_worker_killed_before_the_acknowledgement_sends_again_after_restart(
    store, session_factory, database_url, tmp_path
):
    arrived, release = threading.Event(), threading.Event()

    def hold_the_first(_received) -> int:
        if len(receiver.requests) == 1:
            arrived.set()
            release.wait(30)  # the worker dies while waiting for this answer
        return 200

    receiver = WebhookReceiver(answer=hold_the_first).start()
    env = fast_env(LEAD_WEBHOOK_URL=receiver.url, LEAD_DELIVERY_LEASE="2", LEAD_DELIVERY_TIMEOUT="1")
    try:
        store.save(lead())
        first = start_worker(database_url, env, tmp_path / "worker-1.log")
        assert arrived.wait(60), (tmp_path / "worker-1.log").read_text()
        first.kill()
        first.wait()
        release.set()
        (event,) = admin.list_events(session_factory)
        assert event["status"] == "pending" and event["attempts"] == 1
        second = start_worker(database_url, env, tmp_path / "worker-2.log")
        try:
            receiver.wait_for(lambda: len(receiver.requests) == 2, timeout=60)
            wait_until(lambda: not admin.list_events(session_factory, "pending"), what="delivered")
        finally:
            stop_worker(second)
    finally:
        release.set()
        receiver.stop()
    first_try, resent = receiver.requests
    assert first_try.event_id == resent.event_id == event["event_id"]
    assert first_try.body == resent.body  # the same event, byte for byte
    assert admin.list_events(session_factory)[0]["status"] == "delivered"


def test_two_workers_deliver_every_event_exactly_once(store, session_factory, database_url, tmp_path):
    both_up = threading.Event()

    def a_little_slow(_received) -> int:
        both_up.wait(60)  # hold the first sends until the other worker runs too: they compete
        time.sleep(0.01)
        return 200

    conversations = [f"conv-{n}" for n in range(12)]
    for conversation in conversations:
        store.save(lead(conversation))
        store.save(lead(conversation, timeline="next week"))
        store.save(lead(conversation, handoff_requested=True))
    receiver = WebhookReceiver(answer=a_little_slow).start()
    env = fast_env(LEAD_WEBHOOK_URL=receiver.url, LEAD_DELIVERY_CONCURRENCY="3")
    workers = [start_worker(database_url, env, tmp_path / f"worker-{n}.log", f"w{n}") for n in (1, 2)]
    try:
        logs = [tmp_path / f"worker-{n}.log" for n in (1, 2)]
        wait_until(lambda: all("delivering to" in log.read_text() for log in logs), 60, "both started")
        both_up.set()
        receiver.wait_for(lambda: len(receiver.requests) >= 36, timeout=90)
        wait_until(lambda: not admin.list_events(session_factory, "pending"), what="all delivered")
    finally:
        for worker in workers:
            stop_worker(worker)
        receiver.stop()
    counts = Counter(r.event_id for r in receiver.requests)
    assert len(counts) == 36 and set(counts.values()) == {1}
    for conversation in conversations:
        types = [r.payload["type"] for r in receiver.of(conversation)]
        assert types == ["lead.created", "lead.updated", "lead.handoff"]
    assert all("delivered" in log.read_text() for log in logs), "both workers took part"
