"""The dashboard's load time over a generated tracker store: 10,000 conversations, 100,000 events.

    python -m bench.dashboard      (also part of `make bench`)

The events have the shape Rasa's SQLTrackerStore writes (same columns, the event's JSON in `data`, user
events with a full intent ranking), spread over 60 days, in SQLite and in a throwaway PostgreSQL server.
Each query is timed as the dashboard's API runs it (the median of 5 runs after one warm-up), on Rasa's own
schema (an index on sender_id only); table statistics are gathered (ANALYZE) after the load, as
PostgreSQL's autovacuum does in a running system.
"""

from __future__ import annotations

import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import requests
from sqlalchemy import insert, text
from sqlalchemy.engine import Engine

from deploy.postgres import PostgresServer
from deploy.processes import Service, free_port, http_ok
from knowledge.analytics import Period, overview
from knowledge.db import make_engine
from knowledge.leads import Lead
from knowledge.loader import ensure_schema
from knowledge.tracker_events import events, make_tracker_engine, metadata
from knowledge.transcripts import conversations, unanswered

CONVERSATIONS = 10_000
EVENTS_PER_CONVERSATION = 10
DAYS = 60
TOPICS = [
    "ask_what_is_bpo",
    "ask_pricing",
    "ask_services",
    "ask_skills",
    "ask_salaries",
    "ask_languages",
    "ask_nearshore",
    "ask_kpis",
    "ask_channels",
    "ask_history",
]
OPENERS = [
    ("greet", "utter_greet"),
    ("out_of_scope", "utter_out_of_scope"),
    ("nlu_fallback", "utter_ask_rephrase"),
    *[(topic, "action_answer_question") for topic in TOPICS],
]


def _event(sender: str, kind: str, stamp: float, **fields) -> dict:
    data = {"event": kind, "timestamp": stamp, "metadata": {"model_id": "bench"}, **fields}
    intent = (fields.get("parse_data") or {}).get("intent", {}).get("name")
    return {
        "sender_id": sender,
        "type_name": kind,
        "timestamp": stamp,
        "intent_name": intent,
        "action_name": fields.get("name"),
        "data": json.dumps(data),
    }


def _user(sender: str, stamp: float, text: str, intent: str, channel: str, rng: random.Random) -> dict:
    ranking = [{"name": name, "confidence": rng.random()} for name in rng.sample(TOPICS, 10)]
    parse = {
        "intent": {"name": intent, "confidence": 0.8},
        "entities": [],
        "text": text,
        "intent_ranking": ranking,
        "message_id": f"{rng.getrandbits(64):x}",
    }
    return _event(
        sender,
        "user",
        stamp,
        text=text,
        parse_data=parse,
        input_channel=channel,
        message_id=parse["message_id"],
    )


def conversation(index: int, now: float, rng: random.Random) -> list[dict]:
    """Ten events; some conversations go through the form to the recommendation and consent."""
    sender = f"bench-{index:05d}"
    t = now - rng.random() * DAYS * 86400
    channel = rng.choice(["rest", "socketio", "socketio", "telegram"])
    intent, reply = rng.choice(OPENERS)
    text = f"question number {rng.randint(1, 300)} about {intent}"
    rows = [
        _event(sender, "action", t, name="action_session_start"),
        _event(sender, "slot", t, name="language", value=rng.choice(["en", "en", "it"])),
        _user(sender, t + 1, text, intent, channel, rng),
        _event(sender, "action", t + 1, name=reply),
        _event(sender, "bot", t + 1, text="A reply.", data={}, metadata={"utter_action": "utter_answer"}),
        _event(sender, "action", t + 1, name="action_listen"),
    ]
    if rng.random() < 0.3:
        rows += [
            _event(sender, "active_loop", t + 2, name="prospect_form"),
            _event(sender, "slot", t + 3, name="timeline", value="in 3 months"),
            _event(
                sender,
                "bot",
                t + 3,
                text="My recommendation: ...",
                data={},
                metadata={"utter_action": "utter_recommendation"},
            ),
            _event(sender, "slot", t + 4, name="consent", value=rng.random() < 0.5),
        ]
    else:
        rows += [
            _user(sender, t + 2, "and the price?", rng.choice(TOPICS), channel, rng),
            _event(sender, "action", t + 2, name="action_answer_question"),
            _event(
                sender, "bot", t + 2, text="An answer.", data={}, metadata={"utter_action": "utter_answer"}
            ),
            _event(sender, "action", t + 2, name="action_listen"),
        ]
    return rows


def fill(tracker: Engine, knowledge: Engine, seed: int = 13) -> int:
    rng = random.Random(seed)
    now = time.time()
    metadata.create_all(tracker)
    with tracker.begin() as connection:
        batch: list[dict] = []
        for index in range(CONVERSATIONS):
            batch += conversation(index, now, rng)
            if len(batch) >= 5000:
                connection.execute(insert(events), batch)
                batch = []
        if batch:
            connection.execute(insert(events), batch)
    ensure_schema(knowledge)
    leads = [
        {
            "conversation_id": f"bench-{i:05d}",
            "language": "en",
            "processes": [],
            "channels": [],
            "languages": [],
            "reasons": [],
            "consent": False,
            "handoff_requested": False,
            "recommended_model": rng.choice(["call_center", "bpo_front_office", "bpo_back_office", None]),
            "created_at": datetime.fromtimestamp(now - rng.random() * DAYS * 86400, timezone.utc),
            "updated_at": datetime.now(timezone.utc),
        }
        for i in range(0, CONVERSATIONS, 5)
    ]
    with knowledge.begin() as connection:
        connection.execute(insert(Lead.__table__), leads)
    return CONVERSATIONS * EVENTS_PER_CONVERSATION


def analyze(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("ANALYZE events"))


def timed(function: Callable[[], object], runs: int = 5) -> float:
    function()  # warm-up: caches, query plans
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        durations.append(time.perf_counter() - start)
    return round(statistics.median(durations), 3)


def measure_queries(tracker: Engine, knowledge: Engine) -> dict[str, float]:
    return {
        "overview_all_s": timed(lambda: overview(tracker, knowledge, Period.named("all"))),
        "overview_30d_s": timed(lambda: overview(tracker, knowledge, Period.named("30d"))),
        "overview_7d_s": timed(lambda: overview(tracker, knowledge, Period.named("7d"))),
        "unanswered_all_s": timed(lambda: unanswered(tracker, Period.named("all")), runs=3),
        "conversations_page_s": timed(lambda: conversations(tracker)),
        "conversation_search_s": timed(lambda: conversations(tracker, "number 42 about")),
    }


def measure_http(tracker_url: str, knowledge_url: str) -> dict[str, float]:
    """GET /admin/api/overview from the page server, logged in: what the overview page waits for."""
    port, password = free_port(), secrets.token_urlsafe(12)
    env = {
        "ADVISOR_TRACKER_URL": tracker_url,
        "ADVISOR_DATABASE_URL": knowledge_url,
        "ADVISOR_ADMIN_PASSWORD": password,
    }
    with tempfile.TemporaryDirectory(prefix="bench-web-") as work:
        command = [sys.executable, "web/server.py", "--port", str(port)]
        web = Service(
            "web", command, Path(work) / "web.log", http_ok(f"http://127.0.0.1:{port}/"), env
        ).start(60)
        try:
            session = requests.Session()
            session.post(
                f"http://127.0.0.1:{port}/admin/login", data={"password": password}
            ).raise_for_status()

            def get(period: str) -> None:
                url = f"http://127.0.0.1:{port}/admin/api/overview?period={period}"
                session.get(url, timeout=60).raise_for_status()

            return {
                "http_overview_all_s": timed(lambda: get("all")),
                "http_overview_30d_s": timed(lambda: get("30d")),
            }
        finally:
            web.stop()


def measure_database(tracker_url: str, knowledge_url: str) -> dict:
    tracker, knowledge = make_tracker_engine(tracker_url), make_engine(knowledge_url)
    try:
        start = time.perf_counter()
        count = fill(tracker, knowledge)
        analyze(tracker)  # what PostgreSQL's autovacuum does soon after a bulk load; the planner needs it
        result: dict = {
            "events": count,
            "conversations": CONVERSATIONS,
            "fill_s": round(time.perf_counter() - start, 1),
        }
        return {**result, **measure_queries(tracker, knowledge), **measure_http(tracker_url, knowledge_url)}
    finally:
        tracker.dispose()
        knowledge.dispose()


def measure() -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as work:
        sqlite = measure_database(
            f"sqlite:///{Path(work) / 'tracker.db'}", f"sqlite:///{Path(work) / 'kb.db'}"
        )
    server = PostgresServer.start()
    try:
        postgresql = measure_database(
            server.ensure_database("bench_tracker"), server.ensure_database("bench_kb")
        )
    finally:
        server.stop()
    return {"sqlite": sqlite, "postgresql": postgresql}


def markdown(report: dict) -> str:
    lines = [
        "## Dashboard (10,000 conversations, 100,000 events; median seconds)",
        "",
        "| database | overview all | 30 days | 7 days | over HTTP: all / 30 days | unanswered "
        "| conversations | search |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for database, r in report.items():
        lines.append(
            f"| {database} | {r['overview_all_s']} | {r['overview_30d_s']} | {r['overview_7d_s']} "
            f"| {r['http_overview_all_s']} / {r['http_overview_30d_s']} | {r['unanswered_all_s']} "
            f"| {r['conversations_page_s']} | {r['conversation_search_s']} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    result = measure()
    print(json.dumps(result, indent=2))
    print(markdown(result))
