"""Lead delivery speed (part of `make bench`): how soon the sales team's webhook hears of a confirmed lead,
and whether a configured webhook slows the conversation (it must not: the action only writes the outbox).

On loopback: the trained assistant (REST channel, action server, SQLite), a webhook receiver, and the worker
process with its default timings (`python -m knowledge.delivery`, polling every 0.25 s).
- consent and confirm turn latency (the confirm turn saves the lead and its outbox row), with the worker
  running without a target (make run's default) and with it delivering to a webhook, alternately;
- time from sending the confirm answer to the receiver's request, for 1 conversation at a time and for
  10 conversations confirming at the same moment.

Usage: python -m bench.delivery
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from knowledge.db import make_engine, make_session_factory
from knowledge.loader import load
from tests.receivers import SECRET, WebhookReceiver, start_worker, stop_worker
from tests.servers import RasaStack

BEFORE_CONSENT = (
    "we need agents to answer phone calls in Italian and German, 24/7",
    "about 5000 calls a month",
    "next month",
)
AFTER_CONSENT = ("Rossi Srl", "Maria Rossi", "maria.rossi@rossi.it")
SEQUENTIAL = 3
ROUNDS = 2
SIMULTANEOUS = 10


def say(url: str, sender: str, text: str) -> float:
    """Send one message; return how long the reply took (s)."""
    started = time.monotonic()
    response = requests.post(url, json={"sender": sender, "message": text}, timeout=120)
    response.raise_for_status()
    return time.monotonic() - started


def conversation(url: str, sender: str, barrier: threading.Barrier | None = None) -> dict:
    """A prospect up to the summary, then the confirm answer; times of the consent and confirm turns."""
    for text in BEFORE_CONSENT:
        say(url, sender, text)
    consent = say(url, sender, "yes")
    for text in AFTER_CONSENT:
        say(url, sender, text)
    if barrier is not None:
        barrier.wait(timeout=300)
    confirm_sent = time.monotonic()
    confirm = say(url, sender, "yes")
    return {"sender": sender, "consent_s": consent, "confirm_s": confirm, "confirm_sent": confirm_sent}


def arrival(receiver: WebhookReceiver, sender: str, timeout: float = 60) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for request in receiver.of(sender):
            if request.payload["type"] == "lead.created":
                return request.at
        time.sleep(0.01)
    raise RuntimeError(f"no lead.created for {sender} within {timeout} s")


def ms(values: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(values) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
        "n": len(values),
        "samples_ms": [round(v * 1000, 1) for v in values],
    }


def turns(results: list[dict]) -> dict:
    return {
        "consent_turn": ms([r["consent_s"] for r in results]),
        "confirm_turn": ms([r["confirm_s"] for r in results]),
    }


def delivery_seconds(receiver: WebhookReceiver, results: list[dict]) -> list[float]:
    return [arrival(receiver, r["sender"]) - r["confirm_sent"] for r in results]


def simultaneous(url: str, count: int) -> list[dict]:
    """`count` conversations that send their confirm answer at the same moment."""
    barrier = threading.Barrier(count)
    results: list[dict] = []

    def run() -> None:
        results.append(conversation(url, f"bench-many-{uuid.uuid4().hex[:8]}", barrier))

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    return results


def measure() -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(os.environ.get("BENCH_DELIVERY_DIR") or scratch)
        database_url = f"sqlite:///{workdir / 'advisor.db'}"
        load(make_session_factory(make_engine(database_url)))
        stack = RasaStack(workdir, database_url).start()
        receiver = WebhookReceiver().start()
        webhook = {"LEAD_WEBHOOK_URL": receiver.url, "LEAD_WEBHOOK_SECRET": SECRET}
        url, log = stack.rest_url, workdir / "worker.log"
        without: list[dict] = []
        with_webhook: list[dict] = []
        one_delivery: list[float] = []
        try:
            conversation(url, "bench-warm-up")
            # Alternate the two set-ups so that the machine's other load affects both alike.
            for _ in range(ROUNDS):
                with running_worker(database_url, {}, log):  # make run's default: no target, events wait
                    without += [
                        conversation(url, f"bench-off-{uuid.uuid4().hex[:8]}") for _ in range(SEQUENTIAL)
                    ]
                with running_worker(database_url, webhook, log):
                    arrival(receiver, without[-1]["sender"])  # the backlog is out
                    one = [conversation(url, f"bench-one-{uuid.uuid4().hex[:8]}") for _ in range(SEQUENTIAL)]
                    one_delivery += delivery_seconds(receiver, one)  # before this worker stops
                    with_webhook += one
            with running_worker(database_url, webhook, log):
                many = simultaneous(url, SIMULTANEOUS)
                many_delivery = delivery_seconds(receiver, many)
        finally:
            receiver.stop()
            stack.stop()
    return {
        "without_webhook": turns(without),
        "with_webhook": turns(with_webhook),
        "confirm_to_webhook_1": ms(one_delivery),
        f"confirm_to_webhook_{SIMULTANEOUS}": ms(many_delivery),
        f"with_webhook_{SIMULTANEOUS}_simultaneous": turns(many),
    }


@contextmanager
def running_worker(database_url: str, env: dict[str, str], log: Path) -> Iterator[None]:
    worker = start_worker(database_url, env, log, "bench")
    try:
        yield
    finally:
        stop_worker(worker)


def markdown(report: dict) -> str:
    many = f"confirm_to_webhook_{SIMULTANEOUS}"
    lines = [
        "## Lead delivery (loopback, SQLite, the worker's default timings)",
        "",
        "| measure | median ms | max ms | n |",
        "|---|---|---|---|",
    ]
    rows = [
        ("consent turn, no webhook", report["without_webhook"]["consent_turn"]),
        ("consent turn, webhook configured", report["with_webhook"]["consent_turn"]),
        ("confirm turn (saves the lead), no webhook", report["without_webhook"]["confirm_turn"]),
        ("confirm turn, webhook configured", report["with_webhook"]["confirm_turn"]),
        ("confirm sent → webhook request, 1 conversation", report["confirm_to_webhook_1"]),
        (
            f"confirm turn, {SIMULTANEOUS} at once, webhook configured",
            report[f"with_webhook_{SIMULTANEOUS}_simultaneous"]["confirm_turn"],
        ),
        (f"confirm sent → webhook request, {SIMULTANEOUS} at once", report[many]),
    ]
    for name, values in rows:
        lines.append(f"| {name} | {values['median_ms']} | {values['max_ms']} | {values['n']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    result = measure()
    print(json.dumps(result, indent=2))
    print(markdown(result))
