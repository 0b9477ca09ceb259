"""Lead delivery: the outbox written with the lead, the signed webhook, retries, failures, the CLI.

Real HTTP receivers on loopback; the worker runs in a thread here (tests/test_delivery_workers.py runs it as
processes). Every test runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import text

from knowledge.cli import main as cli_main
from knowledge.delivery import admin, outbox
from knowledge.delivery.settings import Retry, Settings
from knowledge.delivery.worker import Worker
from knowledge.leads import LeadData, LeadStore
from knowledge.loader import ensure_schema
from tests.receivers import SECRET, WebhookReceiver, wait_until

README = Path(__file__).resolve().parent.parent / "README.md"
SCHEMA = Path(outbox.__file__).with_name("event.schema.json")
FAST = Retry(start=0.2, cap=1.0, give_up_after=3600)


def readme_verify():
    """The signature check the README shows receivers, run as written."""
    block = re.search(r"<!-- receiver-verifies -->\s*```python\n(.*?)```", README.read_text(), re.S)
    assert block, "README lost its signature-verification example"
    namespace: dict = {}
    exec(block.group(1), namespace)
    return namespace["verify"]


def validate_event(payload: dict) -> None:
    """The documented JSON schema (knowledge/delivery/event.schema.json) holds for what is sent."""
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text())).validate(payload)


def test_the_readme_example_follows_the_schema():
    block = re.search(r"The body .*?```json\n(.*?)```", README.read_text(), re.S)
    assert block, "README lost its example event"
    validate_event(json.loads(block.group(1)))
    with pytest.raises(jsonschema.ValidationError):
        validate_event({**json.loads(block.group(1)), "type": "lead.deleted"})


def lead(conversation_id: str = "conv-1", **overrides) -> LeadData:
    values = dict(
        conversation_id=conversation_id, language="it", processes=["customer_service", "payroll"],
        processes_text="assistenza clienti e buste paga", channels=["phone"], languages=["italian", "german"],
        hours="24_7", volume="3000 chiamate al mese", timeline="entro marzo", recommended_model="bpo_full",
        reasons=["front_office"], consent=True, company="Rossi Srl", contact_name="Maria Rossi",
        email="maria.rossi@rossi.it", channel="rest",
    )  # fmt: skip
    values.update(overrides)
    return LeadData(**values)


@pytest.fixture
def store(session_factory) -> LeadStore:
    ensure_schema(session_factory.kw["bind"])
    return LeadStore(session_factory)


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver().start()
    yield receiver
    receiver.stop()


class RunningWorker:
    def __init__(self, session_factory, settings: Settings):
        self.worker = Worker(session_factory, settings, "test-worker")
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.worker.run, args=(self.stop,), daemon=True)

    def __enter__(self) -> Worker:
        self.thread.start()
        return self.worker

    def __exit__(self, *_exc) -> None:
        self.stop.set()
        self.thread.join(timeout=30)


def worker(session_factory, url: str, **overrides) -> RunningWorker:
    values = dict(webhook_url=url, webhook_secret=SECRET, retry=FAST, timeout=2.0, lease=10.0, poll=0.05)
    values.update(overrides)
    return RunningWorker(session_factory, Settings(**values))


def events(session_factory, status: str | None = None) -> list[dict]:
    return admin.list_events(session_factory, status)


def payloads(session_factory) -> list[dict]:
    with session_factory() as session:
        rows = session.query(outbox.OutboxEvent).order_by(outbox.OutboxEvent.position).all()
        return [row.payload for row in rows]


# ---------------------------------------------------------------- the outbox


def test_each_lead_change_queues_its_event_with_the_lead(loaded_kb, store, session_factory):
    store.save(lead())
    store.save(lead(languages=["italian", "german", "french"]))  # a correction
    store.save(lead(handoff_requested=True))  # "talk to a person"
    created, updated, handoff = payloads(session_factory)
    types = [created["type"], updated["type"], handoff["type"]]
    assert types == ["lead.created", "lead.updated", "lead.handoff"]
    assert len({created["id"], updated["id"], handoff["id"]}) == 3
    data = created["data"]
    assert data["recommended_model"] == {"code": "bpo_full", "name": "Full BPO (front + back office)"}
    assert data["contact"] == {"company": "Rossi Srl", "name": "Maria Rossi", "email": "maria.rossi@rossi.it"}
    assert (data["language"], data["channel"], data["handoff_requested"]) == ("it", "rest", False)
    assert data["needs"]["processes"] == ["customer_service", "payroll"] and data["needs"]["hours"] == "24_7"
    assert updated["data"]["needs"]["languages"] == ["italian", "german", "french"]
    assert handoff["data"]["handoff_requested"] is True
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", created["created_at"])


def test_without_consent_no_event_carries_contact_data(store, session_factory):
    store.save(lead(consent=False))
    (created,) = payloads(session_factory)
    assert created["data"]["contact"] is None and created["data"]["consent"] is False
    assert "rossi.it" not in str(created) and "Maria" not in str(created)


def test_erasure_drops_the_leads_events_and_queues_one_with_ids_only(store, session_factory):
    lead_id = store.save(lead())
    store.save(lead(timeline="subito"))
    store.save(lead("conv-2", email="other@example.com"))
    assert store.erase(conversation_id="conv-1") == 1
    remaining = [(e["conversation_id"], e["event_type"]) for e in events(session_factory)]
    assert sorted(remaining) == [("conv-1", "lead.erased"), ("conv-2", "lead.created")]
    erased = next(p for p in payloads(session_factory) if p["type"] == "lead.erased")
    assert erased["data"] == {"lead_id": lead_id, "conversation_id": "conv-1"}


def test_a_lead_is_not_stored_when_its_event_cannot_be(store, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr("knowledge.leads.record_lead", broken)
    with pytest.raises(RuntimeError):
        store.save(lead())
    assert store.get("conv-1") is None


# ---------------------------------------------------------------- the webhook


def test_the_receiver_gets_signed_events_in_order(store, session_factory, receiver):
    verify = readme_verify()
    store.save(lead("conv-a"))
    store.save(lead("conv-b", consent=False))
    store.save(lead("conv-a", volume="5000"))
    store.erase(conversation_id="conv-b")
    with worker(session_factory, receiver.url):
        receiver.wait_for(lambda: len(receiver.requests) == 3)
        wait_until(lambda: not events(session_factory, "pending"), what="all delivered")
    a = receiver.of("conv-a")
    assert [r.payload["type"] for r in a] == ["lead.created", "lead.updated"]
    assert [r.payload["type"] for r in receiver.of("conv-b")] == ["lead.erased"]
    for request in receiver.requests:
        validate_event(request.payload)
        assert verify(SECRET, request.body, request.headers["X-Advisor-Signature"])
        assert not verify("another secret", request.body, request.headers["X-Advisor-Signature"])
        assert request.event_id == request.payload["id"]
    assert a[0].payload["data"]["contact"]["email"] == "maria.rossi@rossi.it"
    assert a[0].payload["data"]["recommended_model"]["code"] == "bpo_full"
    assert {e["status"] for e in events(session_factory)} == {"delivered"}


def test_a_receiver_down_for_a_while_gets_every_event_once_back_in_order(store, session_factory):
    receiver = WebhookReceiver()  # not started: connections are refused
    for n in range(3):
        store.save(lead(f"conv-{n}"))
        store.save(lead(f"conv-{n}", timeline=f"in {n} months"))
    with worker(session_factory, receiver.url):
        heads = lambda: [e for e in events(session_factory) if e["event_type"] == "lead.created"]  # noqa: E731
        wait_until(lambda: all(e["attempts"] >= 3 for e in heads()), what="three refused attempts per lead")
        assert {e["status"] for e in events(session_factory)} == {"pending"}
        assert "ConnectionError" in events(session_factory)[0]["last_error"]
        receiver.start()
        try:
            receiver.wait_for(lambda: len(receiver.requests) == 6)
            wait_until(lambda: not events(session_factory, "pending"), what="all delivered")
        finally:
            receiver.stop()
    for n in range(3):
        assert [r.payload["type"] for r in receiver.of(f"conv-{n}")] == ["lead.created", "lead.updated"]
    assert len({r.event_id for r in receiver.requests}) == 6


def test_a_500_is_retried_and_a_400_is_failed_and_listed_by_the_cli(
    store, session_factory, database_url, receiver, capsys
):
    answers = {"conv-ok": [500, 503, 200], "conv-bad": [400]}
    receiver.answer = lambda r: (answers[r.payload["data"]["conversation_id"]] or [200]).pop(0)
    store.save(lead("conv-ok"))
    store.save(lead("conv-bad"))
    store.save(lead("conv-bad", volume="more"))  # a later event of the failed lead still goes out
    with worker(session_factory, receiver.url):
        wait_until(lambda: not events(session_factory, "pending"), what="nothing pending")
    by_conversation = {(e["conversation_id"], e["event_type"]): e for e in events(session_factory)}
    assert by_conversation["conv-ok", "lead.created"]["status"] == "delivered"
    assert by_conversation["conv-ok", "lead.created"]["attempts"] == 3
    failed = by_conversation["conv-bad", "lead.created"]
    assert failed["status"] == "failed" and "HTTP 400" in failed["last_error"]
    assert by_conversation["conv-bad", "lead.updated"]["status"] == "delivered"

    assert cli_main(["--database-url", database_url, "leads", "deliveries", "--status", "failed"]) == 0
    listed = capsys.readouterr().out
    assert failed["event_id"] in listed and "HTTP 400" in listed and "1 failed" in listed
    assert cli_main(["--database-url", database_url, "leads", "deliveries", "retry", "--failed"]) == 0
    with worker(session_factory, receiver.url):
        wait_until(lambda: not events(session_factory, "pending"), what="the retried event delivered")
    assert {e["status"] for e in events(session_factory)} == {"delivered"}
    assert [r.event_id for r in receiver.of("conv-bad")].count(failed["event_id"]) == 2


def test_a_receiver_that_does_not_answer_in_time_gets_the_event_again(store, session_factory, receiver):
    calls = []

    def slow_first(_received) -> int:
        calls.append(1)
        if len(calls) == 1:
            threading.Event().wait(1.5)
        return 200

    receiver.answer = slow_first
    store.save(lead())
    with worker(session_factory, receiver.url, timeout=0.5):
        receiver.wait_for(lambda: len(receiver.requests) == 2)
        wait_until(lambda: not events(session_factory, "pending"), what="delivered")
    first, second = receiver.requests
    assert first.event_id == second.event_id
    assert events(session_factory)[0]["attempts"] == 2


def test_without_a_target_events_wait_in_the_outbox(store, session_factory, receiver):
    store.save(lead())
    with RunningWorker(session_factory, Settings(poll=0.05)) as idle:
        assert idle.run_once() == 0
    (event,) = events(session_factory)
    assert event["status"] == "pending" and event["attempts"] == 0
    with worker(session_factory, receiver.url):  # configured later: sent then
        receiver.wait_for(lambda: len(receiver.requests) == 1)


def test_backoff_doubles_from_seconds_to_ten_minutes_and_goes_on_for_a_day():
    retry = Settings.from_env({}).retry
    assert [retry.delay(n) for n in range(1, 6)] == [5, 10, 20, 40, 80]
    assert retry.delay(20) == 600
    assert retry.give_up_after >= 24 * 3600
    configured = Settings.from_env({"LEAD_DELIVERY_BACKOFF_START": "0.5", "LEAD_DELIVERY_BACKOFF_CAP": "2"})
    assert [configured.retry.delay(n) for n in range(1, 5)] == [0.5, 1, 2, 2]


def test_giving_up_marks_the_event_failed(store, session_factory):
    store.save(lead())
    refused = WebhookReceiver()  # never started
    with worker(session_factory, refused.url, retry=Retry(start=0.05, cap=0.1, give_up_after=0.5)):
        wait_until(lambda: events(session_factory, "failed"), what="given up")
    (event,) = events(session_factory)
    assert event["status"] == "failed" and "gave up after" in event["last_error"]


def test_a_leads_table_from_before_the_channel_column_gets_it(session_factory):
    engine = session_factory.kw["bind"]
    ensure_schema(engine)
    with engine.begin() as connection:
        connection.execute(text("ALTER TABLE leads DROP COLUMN channel"))  # as created by the first release
    ensure_schema(engine)  # what `make kb` and every start run
    LeadStore(session_factory).save(lead(channel="socketio"))
    assert LeadStore(session_factory).get("conv-1")["channel"] == "socketio"


def test_the_targets_come_from_the_environment():
    settings = Settings.from_env(
        {
            "LEAD_WEBHOOK_URL": "https://crm.example/hooks",
            "LEAD_WEBHOOK_SECRET": "s",
            "LEAD_EMAIL_TO": "sales@example.com, boss@example.com",
            "SMTP_HOST": "smtp.example.com",
            "SMTP_PORT": "2525",
            "SMTP_USER": "bot",
            "SMTP_PASSWORD": "pw",
            "LEAD_EMAIL_LANGUAGE": "it",
            "ADVISOR_PUBLIC_URL": "https://advisor.example/",
        }
    )
    assert settings.webhook_url == "https://crm.example/hooks" and settings.webhook_secret == "s"
    smtp = settings.smtp
    assert smtp.to == ("sales@example.com", "boss@example.com") and smtp.language == "it"
    assert (smtp.host, smtp.port, smtp.user, smtp.password) == ("smtp.example.com", 2525, "bot", "pw")
    assert smtp.sender == "Outsourcing Advisor <advisor@localhost>"
    assert settings.public_url == "https://advisor.example"
    assert not Settings.from_env({}).has_target
