"""The dashboard's numbers over events written by Rasa's own SQLTrackerStore, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import time

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import update

from knowledge.analytics import Labels, Period, overview
from knowledge.db import make_engine, make_session_factory
from knowledge.delivery.outbox import OutboxEvent
from knowledge.leads import LeadData, LeadStore
from knowledge.loader import ensure_schema
from knowledge.tracker_events import make_tracker_engine
from knowledge.transcripts import conversations, group_similar, normalise, transcript, unanswered

NOW = time.time()
DAY = 86400


def user(text: str, intent: str, at: float, channel: str = "rest", entities=None) -> UserUttered:
    parse = {"intent": {"name": intent, "confidence": 0.91}, "entities": entities or [], "text": text}
    return UserUttered(text, parse["intent"], entities or [], parse, timestamp=at, input_channel=channel)


def action(name: str, at: float) -> ActionExecuted:
    return ActionExecuted(name, timestamp=at)


def bot(text: str, response: str | None, at: float) -> BotUttered:
    return BotUttered(text, metadata={"utter_action": response} if response else {}, timestamp=at)


def conversation_events(start: float) -> dict[str, list]:
    t = start
    return {
        "c1-en": [
            action("action_session_start", t),
            SlotSet("language", "en", timestamp=t),
            user("hello", "greet", t + 1),
            action("utter_greet", t + 1),
            bot("Hello!", "utter_greet", t + 1),
            user(
                "what is BPO?",
                "ask_what_is_bpo",
                t + 2,
                entities=[{"entity": "outsourcing_type", "value": "bpo"}],
            ),
            bot("BPO means...", "utter_answer", t + 2),
            user("what's the weather", "out_of_scope", t + 3),
            action("action_answer_or_fallback", t + 3),  # sends utter_out_of_scope when no passage fits
            bot("Sorry, that's outside what I know.", "utter_out_of_scope", t + 3),
            user("asdf qwer", "nlu_fallback", t + 4),
            action("utter_ask_rephrase", t + 4),
            user("recommend a service", "request_recommendation", t + 5),
            action("prospect_form", t + 5),
            ActiveLoop("prospect_form", timestamp=t + 5),
            user("in 3 months", "inform", t + 6),
            SlotSet("timeline", "in 3 months", timestamp=t + 6),
            action("action_ask_consent", t + 6),  # the recommendation, then the consent question
            bot("My recommendation: **BPO back office**. ...", None, t + 6),
            user("yes", "affirm", t + 7),
            SlotSet("consent", True, timestamp=t + 7),
        ],
        "c2-it": [
            action("action_session_start", t - 2 * DAY),
            SlotSet("language", "it", timestamp=t - 2 * DAY),
            user("cos'è il BPO?", "ask_what_is_bpo", t - 2 * DAY, "socketio"),
            user("qual è il prezzo?", "ask_pricing", t - 2 * DAY + 1, "socketio"),
            user("voglio una persona", "human_handoff", t - 2 * DAY + 2, "socketio"),
            action("action_handoff", t - 2 * DAY + 2),
            ActiveLoop("prospect_form", timestamp=t - 2 * DAY + 2),
            SlotSet("timeline", None, timestamp=t - 2 * DAY + 2),
            SlotSet("consent", False, timestamp=t - 2 * DAY + 2),
        ],
        "c3-old": [
            user("how much does it cost", "ask_pricing", t - 40 * DAY),
            user("What's the weather today?", "out_of_scope", t - 40 * DAY + 1),
            action("utter_out_of_scope", t - 40 * DAY + 1),
        ],
    }


@pytest.fixture
def store_url(database_url) -> str:
    """Rasa's SQLTrackerStore writes the conversations; the leads live in the same database."""
    store = SQLTrackerStore(Domain.empty(), host=database_url)
    for sender, events in conversation_events(NOW - 60).items():
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    store.engine.dispose()
    engine = make_engine(database_url)
    ensure_schema(engine)
    leads = LeadStore(make_session_factory(engine))
    leads.save(
        LeadData("c1-en", "en", processes=["payroll"], recommended_model="bpo_back_office", consent=True)
    )
    leads.save(LeadData("c2-it", "it", handoff_requested=True))
    engine.dispose()
    return database_url


def funnel_counts(result: dict) -> dict[str, int]:
    return {step["step"]: step["conversations"] for step in result["funnel"]}


def test_overview_counts_conversations_topics_rates_and_the_funnel(store_url):
    tracker = make_tracker_engine(store_url)
    labels = Labels(topic_title=lambda intent: {"ask_pricing": "Pricing"}.get(intent))
    month = overview(tracker, make_engine(store_url), Period.named("30d"), labels)
    assert month["conversations"] == 2
    assert month["user_messages"] == 10
    assert [(t["intent"], t["title"], t["questions"]) for t in month["topics"]] == [
        ("ask_what_is_bpo", "ask_what_is_bpo", 2),
        ("ask_pricing", "Pricing", 1),
    ]
    assert month["rates"]["fallback"] == {"messages": 1, "rate": 0.1}
    assert month["rates"]["out_of_scope"]["messages"] == 1
    assert month["rates"]["handoff"] == {"conversations": 1, "rate": 0.5}
    assert {c["name"]: c["conversations"] for c in month["channels"]} == {"rest": 1, "socketio": 1}
    assert {c["name"]: c["conversations"] for c in month["languages"]} == {"en": 1, "it": 1}
    assert funnel_counts(month) == {
        "conversation": 2,
        "form_started": 2,
        "needs_complete": 1,
        "recommendation_shown": 1,
        "contact_consented": 1,
        "lead_delivered": 0,  # the leads' events wait in the outbox: none delivered yet
    }
    assert [step["drop"] for step in month["funnel"]] == [None, 0, 1, 0, 0, 1]
    assert sum(day["conversations"] for day in month["per_day"]) == 2
    assert len(month["per_day"]) == 30
    assert {m["model"]: m["leads"] for m in month["leads_by_model"]} == {"bpo_back_office": 1, "none": 1}

    everything = overview(tracker, make_engine(store_url), Period.named("all"), labels)
    assert everything["conversations"] == 3
    assert everything["topics"][0] == {
        "intent": "ask_pricing",
        "title": "Pricing",
        "questions": 2,
        "conversations": 2,
    }
    assert everything["rates"]["out_of_scope"]["messages"] == 2
    assert {c["name"]: c["conversations"] for c in everything["languages"]} == {
        "en": 1,
        "it": 1,
        "unknown": 1,
    }
    assert len(everything["per_day"]) == 41  # every day from the first conversation to today


def test_lead_delivered_step_counts_conversations_whose_lead_created_event_was_delivered(store_url):
    knowledge = make_engine(store_url)
    # The saved leads wrote their events to the outbox (knowledge/delivery); the worker delivers c1-en's.
    with knowledge.begin() as connection:
        connection.execute(
            update(OutboxEvent).where(OutboxEvent.conversation_id == "c1-en").values(status="delivered")
        )
    result = overview(make_tracker_engine(store_url), knowledge, Period.named("30d"))
    assert funnel_counts(result)["lead_delivered"] == 1
    assert result["funnel"][-1]["drop"] == 0


def test_unanswered_questions_are_grouped_by_similar_text_with_their_conversations(store_url):
    groups = unanswered(make_tracker_engine(store_url), Period.named("all"))
    assert [(g["text"].lower()[:18], g["count"]) for g in groups] == [
        ("what's the weather", 2),
        ("asdf qwer", 1),
    ]
    assert {m["conversation_id"] for m in groups[0]["messages"]} == {"c1-en", "c3-old"}
    assert groups[0]["kinds"] == {"out of scope": 2}
    assert groups[1]["kinds"] == {"fallback": 1}
    recent = unanswered(make_tracker_engine(store_url), Period.named("7d"))
    assert [g["count"] for g in recent] == [1, 1]


def test_conversation_search_and_transcript(store_url):
    tracker = make_tracker_engine(store_url)
    listing = conversations(tracker)
    assert listing["total"] == 3
    assert next(c["conversation_id"] for c in listing["conversations"]) == "c1-en"
    assert {c["conversation_id"]: c["language"] for c in listing["conversations"]}["c2-it"] == "it"
    assert {c["conversation_id"] for c in conversations(tracker, "WEATHER")["conversations"]} == {
        "c1-en",
        "c3-old",
    }
    assert [c["conversation_id"] for c in conversations(tracker, "è il prezzo")["conversations"]] == ["c2-it"]
    assert conversations(tracker, "100%_")["total"] == 0
    turns = transcript(tracker, "c1-en")
    first_question = next(t for t in turns if t["kind"] == "user" and t["text"] == "what is BPO?")
    assert first_question["intent"] == "ask_what_is_bpo"
    assert first_question["confidence"] == pytest.approx(0.91)
    assert first_question["entities"] == [{"entity": "outsourcing_type", "value": "bpo"}]
    assert any(t["kind"] == "bot" and t["text"] == "BPO means..." for t in turns)
    assert [t["text"] for t in turns if t["kind"] == "marker"] == ["out of scope", "fallback", "form started"]
    assert transcript(tracker, "nobody") is None


def test_an_empty_store_gives_zeros(tmp_path):
    empty = make_tracker_engine(f"sqlite:///{tmp_path / 'none.db'}")
    result = overview(empty, None, Period.named("7d"))
    assert result["conversations"] == 0
    assert funnel_counts(result)["conversation"] == 0
    assert unanswered(empty, Period.named("7d")) == []
    assert conversations(empty)["total"] == 0


def test_normalise_and_group_similar():
    assert normalise("Qual è il PREZZO?!") == "qual e il prezzo"
    messages = [
        {"id": i, "conversation_id": f"s{i}", "time": i, "text": text, "kind": "fallback"}
        for i, text in enumerate(["How much is it?", "how much is it", "How much is it ?!", "Tell me a joke"])
    ]
    groups = group_similar(messages)
    assert [(g["count"], g["variants"]) for g in groups] == [(3, 3), (1, 1)]
