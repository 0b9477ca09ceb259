"""The operator dashboard's numbers: SQL over Rasa's tracker store and the leads (no Rasa imports).

A conversation is a sender id with at least one visitor message in the period; every count below only looks
at events inside the period. Definitions (shown on the dashboard too):
- fallback: a visitor message answered by the core fallback or a request to rephrase;
- out of scope: a visitor message answered with the out-of-scope reply;
- handoff: a conversation in which `action_handoff` ran;
- funnel: form started (prospect_form activated), needs complete (timeline slot filled, the last needs
  question), recommendation shown (`action_ask_consent` ran: it sends the recommendation), contact consented
  (consent slot true), lead delivered (a `lead.created` outbox row with status delivered, once the
  lead-delivery outbox exists).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlalchemy import MetaData, Table, and_, case, distinct, func, inspect, or_, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import Select

from knowledge.leads import Lead
from knowledge.tracker_events import (
    FALLBACK_ACTIONS,
    FORM_NAME,
    HANDOFF_ACTION,
    OUT_OF_SCOPE_ACTIONS,
    events,
    has_events,
    json_true,
    json_value,
)

PERIODS = {"7d": 7, "30d": 30, "all": None}
DAY = 86400
FUNNEL_STEPS = (
    ("conversation", "Conversation"),
    ("form_started", "Form started"),
    ("needs_complete", "Needs complete"),
    ("recommendation_shown", "Recommendation shown"),
    ("contact_consented", "Contact consented"),
    ("lead_delivered", "Lead delivered"),
)


@dataclass
class Labels:
    """Human names for intents and model codes (from the knowledge base); identity when absent."""

    topic_title: Callable[[str], str | None] = lambda intent: None
    model_name: Callable[[str], str | None] = lambda code: None


@dataclass
class Period:
    name: str
    since: float | None  # epoch seconds; None = everything
    now: float = field(default_factory=time.time)

    @classmethod
    def named(cls, name: str, now: float | None = None) -> Period:
        if name not in PERIODS:
            raise ValueError(f"unknown period {name!r}: choose one of {', '.join(PERIODS)}")
        now = time.time() if now is None else now
        days = PERIODS[name]
        if days is None:
            return cls(name, None, now)
        # Whole UTC days: today and the days before it.
        today = datetime.fromtimestamp(now, timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
        return cls(name, (today - timedelta(days=days - 1)).timestamp(), now)

    def where(self, query: Select, table=events) -> Select:
        return query if self.since is None else query.where(table.c.timestamp >= self.since)


def _in_period(period: Period, *conditions) -> Select:
    return period.where(select(events.c.sender_id).where(*conditions))


RECOMMENDATION_ACTION = "action_ask_consent"


def answered_by(actions: tuple[str, ...], period: Period) -> Select:
    """Ids of the visitor messages whose reply included one of `actions` (the last user event before it)."""
    user = events.alias("user_event")
    previous_user = (
        select(func.max(user.c.id))
        .where(user.c.sender_id == events.c.sender_id, user.c.type_name == "user", user.c.id < events.c.id)
        .scalar_subquery()
    )
    # The reply is a response action ("utter_out_of_scope") or a custom action that sent that response
    # (action_answer_or_fallback): Rasa records the response's name as the bot message's utter_action.
    sent = [events.c.data.like(f'%"utter_action": "{action}"%') for action in actions]
    replied = or_(
        and_(events.c.type_name == "action", events.c.action_name.in_(actions)),
        and_(events.c.type_name == "bot", or_(*sent)),
    )
    return period.where(select(previous_user.label("user_id")).where(replied))


def _first_messages(period: Period) -> Select:
    """The id of each conversation's first visitor message in the period."""
    return (
        _in_period(period, events.c.type_name == "user")
        .with_only_columns(func.min(events.c.id))
        .group_by(events.c.sender_id)
    )


def _per_day(connection: Connection, period: Period) -> list[dict]:
    firsts = period.where(
        select(func.min(events.c.timestamp)).where(events.c.type_name == "user").group_by(events.c.sender_id)
    )
    days = Counter(
        datetime.fromtimestamp(stamp, timezone.utc).date() for stamp in connection.execute(firsts).scalars()
    )
    if not days:
        return []
    first = (
        datetime.fromtimestamp(period.since, timezone.utc).date() if period.since is not None else min(days)
    )
    last = max(datetime.fromtimestamp(period.now, timezone.utc).date(), max(days))
    span = (last - first).days + 1
    return [
        {
            "day": (first + timedelta(days=i)).isoformat(),
            "conversations": days.get(first + timedelta(days=i), 0),
        }
        for i in range(span)
    ]


def _by_channel(connection: Connection, engine: Engine, period: Period) -> list[dict]:
    channel = json_value(engine, "input_channel")
    query = (
        select(channel, func.count())
        .where(events.c.id.in_(_first_messages(period)))
        .group_by(channel)
        .order_by(func.count().desc())
    )
    return [{"name": name or "unknown", "conversations": n} for name, n in connection.execute(query)]


def _by_language(connection: Connection, engine: Engine, period: Period, total: int) -> list[dict]:
    """The conversation's last `language` slot value (the language it ended in)."""
    last = (
        _in_period(period, events.c.type_name == "slot", events.c.action_name == "language")
        .with_only_columns(func.max(events.c.id))
        .group_by(events.c.sender_id)
    )
    value = json_value(engine, "value")
    query = select(value, func.count()).where(events.c.id.in_(last)).group_by(value)
    rows = {(name or "unknown"): n for name, n in connection.execute(query)}
    if total > sum(rows.values()):
        rows["unknown"] = rows.get("unknown", 0) + total - sum(rows.values())
    return [{"name": k, "conversations": v} for k, v in sorted(rows.items(), key=lambda kv: -kv[1])]


def _topics(connection: Connection, period: Period, labels: Labels) -> list[dict]:
    query = period.where(
        select(events.c.intent_name, func.count(), func.count(distinct(events.c.sender_id)))
        .where(events.c.type_name == "user", events.c.intent_name.like("ask\\_%", escape="\\"))
        .group_by(events.c.intent_name)
    )
    rows = sorted(connection.execute(query), key=lambda row: (-row[1], row[0]))
    return [
        {"intent": intent, "title": labels.topic_title(intent) or intent, "questions": n, "conversations": c}
        for intent, n, c in rows
    ]


def _senders_where(condition, then=None):
    """COUNT(DISTINCT sender) of the rows matching `condition` (and then `then`, only evaluated on those:
    CASE keeps the JSON parsing off every other row)."""
    inner = events.c.sender_id if then is None else case((then, events.c.sender_id))
    return func.count(distinct(case((condition, inner))))


def _counts(connection: Connection, engine: Engine, period: Period) -> dict[str, int]:
    """The funnel's steps, the visitor messages and the handoffs: one pass over the period's events."""
    c = events.c
    columns = {
        "conversation": _senders_where(c.type_name == "user"),
        "form_started": _senders_where(and_(c.type_name == "active_loop", c.action_name == FORM_NAME)),
        "needs_complete": _senders_where(
            and_(c.type_name == "slot", c.action_name == "timeline"), json_value(engine, "value").is_not(None)
        ),
        # The recommendation is one message composed by action_ask_consent (bot/actions/recommendation.py).
        "recommendation_shown": _senders_where(
            and_(c.type_name == "action", c.action_name == RECOMMENDATION_ACTION)
        ),
        "contact_consented": _senders_where(
            and_(c.type_name == "slot", c.action_name == "consent"), json_true(engine, "value")
        ),
        "handoff": _senders_where(and_(c.type_name == "action", c.action_name == HANDOFF_ACTION)),
        "messages": func.count(case((c.type_name == "user", c.id))),
    }
    query = period.where(select(*(column.label(name) for name, column in columns.items())))
    return dict(connection.execute(query).one()._mapping)


def _turn_counts(connection: Connection, period: Period) -> tuple[int, int]:
    """Visitor messages answered by a fallback, and by the out-of-scope reply."""

    def answered(actions: tuple[str, ...]) -> set[int]:
        return {user_id for user_id in connection.execute(answered_by(actions, period)).scalars() if user_id}

    fallback, out_of_scope = answered(FALLBACK_ACTIONS), answered(OUT_OF_SCOPE_ACTIONS)
    return len(fallback - out_of_scope), len(out_of_scope)


def _delivered(knowledge: Engine | None, tracker: Connection, period: Period) -> int | None:
    """Conversations of the period whose lead was delivered; None before the lead-delivery outbox exists."""
    if knowledge is None or not inspect(knowledge).has_table("lead_outbox"):
        return None
    outbox = Table("lead_outbox", MetaData(), autoload_with=knowledge)
    query = select(distinct(outbox.c.conversation_id)).where(
        outbox.c.event_type == "lead.created", outbox.c.status == "delivered"
    )
    with knowledge.connect() as connection:
        delivered = set(connection.execute(query).scalars())
    senders = tracker.execute(_in_period(period, events.c.type_name == "user").distinct()).scalars()
    return len(delivered & set(senders))


def funnel(counts: dict[str, int]) -> list[dict]:
    """Each step with its count, the share of conversations and the drop from the step before."""
    steps, previous = [], None
    for key, label in FUNNEL_STEPS:
        if key not in counts:
            continue
        n = counts[key]
        drop = None if previous is None else previous - n
        total = counts["conversation"]
        steps.append(
            {
                "step": key,
                "label": label,
                "conversations": n,
                "drop": drop,
                "share": round(n / total, 4) if total else 0.0,
            }
        )
        previous = n
    return steps


def leads_by_model(knowledge: Engine | None, period: Period, labels: Labels) -> list[dict]:
    if knowledge is None or not inspect(knowledge).has_table(Lead.__tablename__):
        return []
    query = select(Lead.recommended_model, func.count()).group_by(Lead.recommended_model)
    if period.since is not None:
        query = query.where(Lead.created_at >= datetime.fromtimestamp(period.since, timezone.utc))
    with knowledge.connect() as connection:
        rows = sorted(connection.execute(query), key=lambda row: (-row[1], row[0] or ""))
    return [
        {
            "model": code or "none",
            "name": (labels.model_name(code) if code else None) or code or "No model",
            "leads": n,
        }
        for code, n in rows
    ]


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def overview(
    tracker: Engine,
    knowledge: Engine | None = None,
    period: Period | None = None,
    labels: Labels | None = None,
) -> dict:
    """Everything the overview page shows, for one period."""
    period = period or Period.named("30d")
    labels = labels or Labels()
    result: dict = {"period": period.name, "since": period.since}
    if not has_events(tracker):
        counts = {key: 0 for key, _ in FUNNEL_STEPS[:-1]}
        return {
            **result,
            "conversations": 0,
            "user_messages": 0,
            "per_day": [],
            "channels": [],
            "languages": [],
            "topics": [],
            "rates": _rates(0, 0, 0, 0, 0),
            "funnel": funnel(counts),
            "leads_by_model": leads_by_model(knowledge, period, labels),
        }
    with tracker.connect() as connection:
        counts = _counts(connection, tracker, period)
        messages, handoff = counts.pop("messages"), counts.pop("handoff")
        fallback, out_of_scope = _turn_counts(connection, period)
        total = counts["conversation"]
        result.update(
            conversations=total,
            user_messages=messages,
            per_day=_per_day(connection, period),
            channels=_by_channel(connection, tracker, period),
            languages=_by_language(connection, tracker, period, total),
            topics=_topics(connection, period, labels),
            rates=_rates(messages, fallback, out_of_scope, total, handoff),
        )
        delivered = _delivered(knowledge, connection, period)
    if delivered is not None:
        counts["lead_delivered"] = delivered
    result["funnel"] = funnel(counts)
    result["leads_by_model"] = leads_by_model(knowledge, period, labels)
    return result


def _rates(messages: int, fallback: int, out_of_scope: int, conversations: int, handoff: int) -> dict:
    return {
        "fallback": {"messages": fallback, "rate": _rate(fallback, messages)},
        "out_of_scope": {"messages": out_of_scope, "rate": _rate(out_of_scope, messages)},
        "handoff": {"conversations": handoff, "rate": _rate(handoff, conversations)},
    }
