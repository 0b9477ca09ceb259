"""What the prospect form says about a message beyond the question it asked.

"And if later we also want them to handle our invoicing?" while the form asks for languages adds invoicing
to the needs. The form then asks about languages again; without a word the visitor cannot tell that the
addition was taken.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import current_language, knowledge_base
from bot.actions.responses import joined, render
from knowledge.queries import KnowledgeBase

# The needs a visitor adds to in passing; the office of each added service is named with it.
ADDABLE = ("processes", "channels")
OFFICES = ("front_office", "back_office")


def added_values(events: list[EventType], slot: str, before: dict[str, Any]) -> list[str]:
    """The values this message added to a list slot (in the order the form keeps them); none when it also
    took values away ("chat instead of phone" is a correction, confirmed by the summary)."""
    known = set(before.get(slot) or [])
    new: list[str] = []
    for event in events:
        value = event.get("value")
        if event.get("event") == "slot" and event.get("name") == slot and isinstance(value, list):
            new = [item for item in value if item not in known] if known <= set(value) else []
    return new


def labelled(kb: KnowledgeBase, key: str, language: str, with_office: bool) -> str:
    """ "invoicing (back office)": a service with its office, a channel alone."""
    term = kb.term(key, language)
    if term is None:
        return key
    office = kb.term(term.broader, language) if with_office and term.broader in OFFICES else None
    return f"{term.label} ({office.label})" if office else term.label


def acknowledge_added_needs(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: dict,
    events: list[EventType],
    asked: str | None,
    before: dict[str, Any],
) -> None:
    """Say which needs a message added while it left the question asked open (that question comes again)."""
    answered = any(
        e.get("event") == "slot" and e.get("name") == asked and e.get("value") is not None for e in events
    )
    if asked is None or answered:
        return
    kb, language = knowledge_base(), current_language(tracker)
    for slot in ADDABLE:
        new = added_values(events, slot, before) if slot != asked else []
        if new:
            labels = [labelled(kb, key, language, with_office=slot == "processes") for key in new]
            added = joined(labels, render(domain, "utter_list_and", language))
            dispatcher.utter_message(response=f"utter_added_{slot}", added=added)
