"""Follow-ups about the reply just given rather than a new question: "what else?" gets the passages of its
answer not shown yet, "source?" the sources of what it showed. Word lists: knowledge.followup_words."""

from __future__ import annotations

import logging

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.common import answerer, current_language, knowledge_base, last_subject
from bot.actions.replies import listed_sources, send_and_remember
from knowledge.answering import Reply
from knowledge.queries import SourceRef
from knowledge.question import asks_for_more, asks_for_the_source

logger = logging.getLogger(__name__)
MORE, SOURCE = "more", "source"
# The visitor turns whose replies count as shown (the current one included).
TURNS_LOOKED_BACK = 4


def asks_about_the_last_reply(tracker: Tracker) -> str | None:
    """MORE, SOURCE, or None when the message is not about the reply just given (or none was given)."""
    if not tracker.get_slot("last_topic"):
        return None
    text, language = tracker.latest_message.get("text") or "", current_language(tracker)
    if asks_for_the_source(text, language):
        return SOURCE
    return MORE if asks_for_more(text, language) else None


def shown_lately(tracker: Tracker) -> str:
    """The texts the assistant sent over the last few turns: "thanks" → "you're welcome" → "what else?"
    still knows what the answer before showed."""
    texts: list[str] = []
    visitor_messages = 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            visitor_messages += 1
            if visitor_messages > TURNS_LOOKED_BACK:
                break
        elif visitor_messages and event.get("event") == "bot" and event.get("text"):
            texts.append(event["text"])
    return "\n".join(reversed(texts))


def rest_of_the_last_answer(tracker: Tracker) -> Reply | None:
    topic, language, subjects = _last_answer(tracker)
    return answerer().rest_of_the_answer(topic, language, subjects, shown_lately(tracker))


def sources_of_the_last_answer(tracker: Tracker) -> tuple[SourceRef, ...]:
    topic, language, subjects = _last_answer(tracker)
    return answerer().sources_shown(topic, language, subjects, shown_lately(tracker))


def _last_answer(tracker: Tracker) -> tuple[str, str, list]:
    return tracker.get_slot("last_topic"), current_language(tracker), last_subject(tracker, knowledge_base())


def answer_about_the_last_reply(
    dispatcher: CollectingDispatcher, tracker: Tracker, asked: str
) -> list[EventType]:
    """ "Source?" gets the sources of what was shown; "what else?" the rest of the answer, or a note that
    there is no more."""
    try:
        if asked == SOURCE:
            sources = listed_sources(sources_of_the_last_answer(tracker))
            if sources:
                dispatcher.utter_message(response="utter_sources_of_the_answer", sources=sources)
            else:
                dispatcher.utter_message(response="utter_nothing_more")
            return []
        reply = rest_of_the_last_answer(tracker)
    except SQLAlchemyError:
        logger.exception("knowledge base unreachable")
        dispatcher.utter_message(response="utter_knowledge_unavailable")
        return []
    if reply is None:
        dispatcher.utter_message(response="utter_nothing_more")
        return []
    return send_and_remember(dispatcher, tracker, reply)
