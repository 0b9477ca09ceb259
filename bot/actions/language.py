"""The conversation's language: detected per message, switched on request, seeded from session metadata."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.common import current_language, form_asks_for, knowledge_base, message_terms
from bot.language_detection import LanguageDetector
from knowledge.languages import SUPPORTED_LANGUAGES
from knowledge.text_analysis import without_spans

logger = logging.getLogger(__name__)

NAME_SLOTS = ("company", "contact_name", "email")


@lru_cache(maxsize=1)
def language_detector() -> LanguageDetector:
    return LanguageDetector(SUPPORTED_LANGUAGES, loanwords=knowledge_base().loanwords())


def requested_languages(tracker: Tracker) -> list[str]:
    """ISO codes of the languages a switch_language message names ("parla italiano" -> ["it"]).

    While the prospect form asks which languages the team needs, a language name answers that question.
    """
    if (tracker.latest_message.get("intent") or {}).get("name") != "switch_language":
        return []
    if form_asks_for(tracker, "languages"):
        return []
    terms = message_terms(tracker, knowledge_base(), kinds=("language",))
    return [term.code for term in terms if term.code]


def metadata_language(metadata: Any) -> str | None:
    language = metadata.get("language") if isinstance(metadata, dict) else None
    return language if language in SUPPORTED_LANGUAGES else None


def without_entities(text: str, entities: list[dict] | None) -> str:
    """The message minus its glossary terms: "Italian" or "payroll" alone say nothing about the language."""
    spans = [
        (e["start"], e["end"]) for e in entities or [] if isinstance(e.get("start"), int) and e.get("end")
    ]
    return without_spans(text, spans)


def language_for_message(tracker: Tracker) -> str | None:
    """An explicit request wins, then what the text is written in, then the client's metadata."""
    supported_requests = [code for code in requested_languages(tracker) if code in SUPPORTED_LANGUAGES]
    if supported_requests:
        return supported_requests[0]
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):  # a button payload says nothing about the user's language
        return None
    if any(form_asks_for(tracker, slot) for slot in NAME_SLOTS):
        return None  # "Rossi Srl" or "Hans Müller" is a name, not a choice of language
    metadata = metadata_language(tracker.latest_message.get("metadata"))
    words = without_entities(text, tracker.latest_message.get("entities"))
    first = metadata is None and is_first_message(tracker)
    detected = language_detector().detect(words, first_message=first).language
    if detected is None and first:
        detected = language_of_the_terms(tracker.latest_message.get("entities"))
    return detected or metadata


def language_of_the_terms(entities: list[dict] | None) -> str | None:
    """An opening made only of glossary terms ("Kundenservice rund um die Uhr, auf Deutsch"): the one
    language all its language-specific terms belong to ("BPO" or "24/7" belong to every language)."""
    kb = knowledge_base()
    try:
        specific = [
            found for entity in entities or []
            if (found := kb.surface_languages(str(entity.get("value") or "")))
            and len(found) < len(SUPPORTED_LANGUAGES)
        ]  # fmt: skip
    except SQLAlchemyError:
        logger.exception("knowledge base unreachable: the terms' language is unknown")
        return None
    shared = set.intersection(*specific) if specific else set()
    return next(iter(shared)) if len(shared) == 1 else None


def is_first_message(tracker: Tracker) -> bool:
    """No earlier visitor message and no language from the client: the conversation has none to keep yet."""
    earlier = [e for e in tracker.events if e.get("event") == "user"][:-1]
    return not earlier and metadata_language(tracker.get_slot("session_started_metadata")) is None


class ActionDetectLanguage(Action):
    """Custom slot mapping of `language`: runs at the start of every user turn."""

    def name(self) -> str:
        return "action_detect_language"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        language = language_for_message(tracker)
        if language and language != tracker.get_slot("language"):
            return [SlotSet("language", language)]
        return []


class ActionSwitchLanguage(Action):
    """Confirms a switch (the slot is already set for this turn) or says which languages are spoken.

    Inside the prospect form, when the question is which languages the team needs, "Italian" is the answer.
    """

    def name(self) -> str:
        return "action_switch_language"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if form_asks_for(tracker, "languages"):
            team_languages = [t.key for t in message_terms(tracker, knowledge_base(), kinds=("language",))]
            return [SlotSet("languages", team_languages)] if team_languages else []
        requested = requested_languages(tracker)
        if not requested or requested[0] in SUPPORTED_LANGUAGES:
            dispatcher.utter_message(response="utter_language_switched")
            return []
        kb = knowledge_base()
        language = current_language(tracker)
        names = [t.label for t in kb.terms("language", language) if t.code == requested[0]]
        dispatcher.utter_message(response="utter_language_unsupported", requested_language=names[0])
        return []


class ActionSessionStart(Action):
    """Starts a session carrying the slots over, in the language the client asked for in its metadata."""

    def name(self) -> str:
        return "action_session_start"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        carried = {k: v for k, v in tracker.current_slot_values().items() if k != "session_started_metadata"}
        events += [SlotSet(key, value) for key, value in carried.items() if value is not None]
        language = metadata_language(tracker.get_slot("session_started_metadata"))
        if language:
            events.append(SlotSet("language", language))
        events.append(ActionExecuted("action_listen"))
        return events
