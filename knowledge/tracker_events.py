"""Rasa's SQL tracker store, read through SQLAlchemy Core (no Rasa imports).

Rasa's `SQLTrackerStore` writes one row per event into the table `events`: `sender_id` (the conversation),
`type_name` (user, bot, action, slot, active_loop, ...), `timestamp` (seconds since the epoch),
`intent_name` (user events), `action_name` (the `name` of action, slot and active_loop events) and `data`
(the whole event as JSON text). The dashboard (knowledge.analytics, knowledge.transcripts) only reads it,
with Rasa's own index on sender_id: extra indexes made no difference at 100,000 events (bench/dashboard.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    cast,
    create_engine,
    func,
    inspect,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement

TRACKER_URL_ENV = "ADVISOR_TRACKER_URL"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TRACKER_PATH = PROJECT_ROOT / "var" / "tracker.db"

metadata = MetaData()
# The columns Rasa 3.6 declares (rasa.core.tracker_store.SQLTrackerStore.SQLEvent).
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)

FALLBACK_ACTIONS = ("action_default_fallback", "utter_default", "utter_ask_rephrase")
OUT_OF_SCOPE_ACTIONS = ("utter_out_of_scope",)
OUT_OF_SCOPE_INTENT = "out_of_scope"
HANDOFF_ACTION = "action_handoff"
FORM_NAME = "prospect_form"


def tracker_url() -> str:
    """$ADVISOR_TRACKER_URL, or the SQLite file that `make run` uses."""
    return os.environ.get(TRACKER_URL_ENV) or f"sqlite:///{DEFAULT_TRACKER_PATH}"


def make_tracker_engine(url: str | None = None) -> Engine:
    return create_engine(url or tracker_url(), future=True, pool_pre_ping=True)


def has_events(engine: Engine) -> bool:
    """False until Rasa has created its table (no conversation yet): the dashboard then shows zeros."""
    return inspect(engine).has_table("events")


def event_data(raw: str | None) -> dict:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def json_value(engine: Engine, *path: str) -> ColumnElement:
    """`data` -> path in SQL: text for strings; booleans are 1/0 in SQLite, 'true'/'false' in PostgreSQL."""
    if engine.dialect.name == "postgresql":
        expression = cast(events.c.data, postgresql.JSON)
        for key in path[:-1]:
            expression = expression[key]
        return expression[path[-1]].astext
    return func.json_extract(events.c.data, "$." + ".".join(path))


def json_true(engine: Engine, *path: str) -> ColumnElement:
    value = json_value(engine, *path)
    return value == ("true" if engine.dialect.name == "postgresql" else 1)
