"""Conversations, transcripts and unanswered questions from Rasa's tracker store (no Rasa imports)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Engine

from knowledge.analytics import Period, answered_by
from knowledge.tracker_events import (
    FALLBACK_ACTIONS,
    FORM_NAME,
    HANDOFF_ACTION,
    OUT_OF_SCOPE_ACTIONS,
    event_data,
    events,
    has_events,
    json_value,
)

MAX_UNANSWERED = 5000  # the most recent ones: enough for the content team, bounded work for the page
SIMILARITY = 0.6  # cosine similarity of character n-grams above which two questions are one group
MARKED_ACTIONS = {
    **dict.fromkeys(FALLBACK_ACTIONS, "fallback"),
    **dict.fromkeys(OUT_OF_SCOPE_ACTIONS, "out of scope"),
    HANDOFF_ACTION: "handoff",
}


def _like_pattern(text: str) -> str:
    """`text` as stored in the JSON column (non-ASCII is \\u-escaped there), for LIKE with escape '\\'."""
    stored = json.dumps(text)[1:-1]
    return "%" + stored.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def conversations(engine: Engine, search: str = "", limit: int = 50, offset: int = 0) -> dict:
    """The conversations, latest first; `search` matches visitor text or the conversation id."""
    if not has_events(engine):
        return {"total": 0, "conversations": []}
    c = events.c
    query = select(c.sender_id, func.min(c.timestamp), func.max(c.timestamp), func.count()).where(
        c.type_name == "user"
    )
    if search.strip():
        pattern = _like_pattern(search.strip())
        matching = select(c.sender_id).where(
            c.type_name == "user",
            or_(c.data.ilike(pattern, escape="\\"), c.sender_id.ilike(pattern, escape="\\")),
        )
        query = query.where(c.sender_id.in_(matching))
    query = query.group_by(c.sender_id)
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = connection.execute(
            query.order_by(func.max(c.timestamp).desc(), c.sender_id).limit(limit).offset(offset)
        ).all()
        senders = [row[0] for row in rows]
        first_text = _first_texts(connection, engine, senders)
        language = _last_languages(connection, engine, senders)
    return {
        "total": total,
        "conversations": [
            {
                "conversation_id": sender,
                "started": start,
                "last": last,
                "messages": n,
                "first_message": first_text.get(sender, ("", ""))[0],
                "channel": first_text.get(sender, ("", ""))[1],
                "language": language.get(sender) or "",
            }
            for sender, start, last, n in rows
        ],
    }


def _first_texts(connection, engine: Engine, senders: list[str]) -> dict[str, tuple[str, str]]:
    c = events.c
    firsts = (
        select(func.min(c.id)).where(c.type_name == "user", c.sender_id.in_(senders)).group_by(c.sender_id)
    )
    query = select(c.sender_id, json_value(engine, "text"), json_value(engine, "input_channel")).where(
        c.id.in_(firsts)
    )
    return {sender: (text or "", channel or "") for sender, text, channel in connection.execute(query)}


def _last_languages(connection, engine: Engine, senders: list[str]) -> dict[str, str]:
    c = events.c
    lasts = (
        select(func.max(c.id))
        .where(c.type_name == "slot", c.action_name == "language", c.sender_id.in_(senders))
        .group_by(c.sender_id)
    )
    query = select(c.sender_id, json_value(engine, "value")).where(c.id.in_(lasts))
    return dict(connection.execute(query).all())


def transcript(engine: Engine, conversation_id: str) -> list[dict] | None:
    """The visitor's words and the replies, with intent, confidence and entities; None if unknown."""
    if not has_events(engine):
        return None
    c = events.c
    query = (
        select(c.id, c.type_name, c.timestamp, c.action_name, c.data)
        .where(c.sender_id == conversation_id, c.type_name.in_(("user", "bot", "action", "active_loop")))
        .order_by(c.id)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    if not rows:
        return None
    turns, last_action = [], None
    for _id, kind, stamp, action, raw in rows:
        data = event_data(raw)
        # A fallback or out-of-scope reply sent by a custom action (action_answer_or_fallback) is marked by
        # the response it sent; a response action is marked by its own action event.
        sent = (data.get("metadata") or {}).get("utter_action") if kind == "bot" else None
        if sent in MARKED_ACTIONS and last_action not in MARKED_ACTIONS:
            turns.append({"kind": "marker", "time": stamp, "text": MARKED_ACTIONS[sent], "action": sent})
        last_action = action if kind == "action" else last_action
        turn = _turn(kind, stamp, action, data)
        if turn is not None:
            turns.append(turn)
    return turns


def _turn(kind: str, stamp: float | None, action: str | None, data: dict) -> dict | None:
    if kind == "user":
        parse = data.get("parse_data") or {}
        intent = parse.get("intent") or {}
        return {
            "kind": "user",
            "time": stamp,
            "text": data.get("text") or "",
            "intent": intent.get("name"),
            "confidence": intent.get("confidence"),
            "channel": data.get("input_channel"),
            "entities": [
                {"entity": e.get("entity"), "value": e.get("value")} for e in parse.get("entities") or []
            ],
        }
    if kind == "bot":
        buttons = (data.get("data") or {}).get("buttons") or []
        return {
            "kind": "bot",
            "time": stamp,
            "text": data.get("text") or "",
            "buttons": [b.get("title", "") for b in buttons if isinstance(b, dict)],
        }
    if kind == "action" and action in MARKED_ACTIONS:
        return {"kind": "marker", "time": stamp, "text": MARKED_ACTIONS[action], "action": action}
    if kind == "active_loop" and action == FORM_NAME:
        return {"kind": "marker", "time": stamp, "text": "form started", "action": action}
    return None


def normalise(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: "Qual è il PREZZO?!" -> "qual e il prezzo"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def unanswered(engine: Engine, period: Period, max_groups: int = 100) -> list[dict]:
    """Visitor messages that got a fallback, a rephrase request or the out-of-scope reply, grouped by
    similar text, most frequent first; each group lists its messages with their conversations."""
    if not has_events(engine):
        return []
    c = events.c
    kinds: dict[int, str] = {}
    with engine.connect() as connection:
        for actions, kind in ((OUT_OF_SCOPE_ACTIONS, "out of scope"), (FALLBACK_ACTIONS, "fallback")):
            for user_id in connection.execute(answered_by(actions, period)).scalars():
                if user_id is not None:
                    kinds[user_id] = kind
        ids = sorted(kinds, reverse=True)[:MAX_UNANSWERED]
        rows = []
        for start in range(0, len(ids), 500):  # bounded IN lists
            chunk = ids[start : start + 500]
            query = select(c.id, c.sender_id, c.timestamp, json_value(engine, "text")).where(c.id.in_(chunk))
            rows.extend(connection.execute(query).all())
    messages = [
        {"id": i, "conversation_id": s, "time": t, "text": text or "", "kind": kinds[i]}
        for i, s, t, text in sorted(rows, key=lambda r: -r[0])
    ]
    return group_similar(messages)[:max_groups]


def group_similar(messages: list[dict]) -> list[dict]:
    """Groups of messages with similar normalised text (TF-IDF over character n-grams, cosine similarity)."""
    by_text: dict[str, list[dict]] = defaultdict(list)
    for message in messages:
        by_text[normalise(message["text"])].append(message)
    texts = sorted(by_text, key=lambda t: (-len(by_text[t]), t))
    if not texts:
        return []
    owner = _cluster(texts)
    groups: dict[int, list[str]] = defaultdict(list)
    for index, text in enumerate(texts):
        groups[owner[index]].append(text)
    result = []
    for members in groups.values():
        items = [m for text in members for m in by_text[text]]
        items.sort(key=lambda m: -(m["time"] or 0))
        counts = Counter(m["text"] for m in items)
        result.append(
            {
                "text": counts.most_common(1)[0][0],
                "count": len(items),
                "variants": len(counts),
                "kinds": dict(Counter(m["kind"] for m in items)),
                "messages": items[:20],
            }
        )
    result.sort(key=lambda g: (-g["count"], g["text"]))
    return result


def _cluster(texts: list[str]) -> list[int]:
    """For each text (most frequent first), the index of the first earlier text it is similar to."""
    if len(texts) == 1:
        return [0]
    from sklearn.feature_extraction.text import TfidfVectorizer  # heavy import: only when there is work

    try:
        vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit_transform(
            [t or "_" for t in texts]
        )
    except ValueError:  # nothing but empty strings
        return list(range(len(texts)))
    similarity = (vectors @ vectors.T).tocsr()
    owner: list[int] = []
    is_leader = [False] * len(texts)
    for index in range(len(texts)):
        row = similarity.getrow(index)
        close = sorted(j for j, score in zip(row.indices, row.data, strict=True) if score >= SIMILARITY)
        leader = next((j for j in close if j < index and is_leader[j]), index)
        is_leader[leader] = True
        owner.append(leader)
    return owner
