"""Sending a knowledge reply: its text, its dated sources and, outside the form, the next steps."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge.answering import Reply
from knowledge.queries import Answer, SourceRef


def send_reply(dispatcher: CollectingDispatcher, reply: Answer | Reply, next_step: bool = True) -> None:
    """The answer, its dated sources and, outside the form (whose question follows), the next steps."""
    if reply.is_fallback:
        dispatcher.utter_message(response="utter_translation_fallback")
    dispatcher.utter_message(text=reply.text)
    dated = [f"{s.title} ({s.year})" for s in reply.sources if s.year]
    if dated:
        dispatcher.utter_message(response="utter_sources", sources="; ".join(dated))
    if next_step:
        related = [{"title": r.title, "payload": f"/{r.intent}"} for r in reply.related]
        dispatcher.utter_message(response="utter_answer_next_step", buttons=related)


def send_and_remember(
    dispatcher: CollectingDispatcher, tracker: Tracker, reply: Reply, inside_form: bool = False
) -> list[EventType]:
    """The reply sent (next steps only outside the form), its topic and subject kept for follow-ups."""
    send_reply(dispatcher, reply, next_step=not inside_form and tracker.active_loop_name is None)
    return [SlotSet("last_topic", reply.topic), SlotSet("last_term", reply.subject)]


def listed_sources(sources: tuple[SourceRef, ...]) -> str:
    """ "Title (2025), https://...; Title, https://..." for a visitor who asks where an answer comes from."""
    return "; ".join(
        source.title
        + (f" ({source.year})" if source.year else "")
        + (f", {source.url}" if source.url else "")
        for source in sources
    )
