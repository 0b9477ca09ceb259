"""What every action shares: the knowledge base, the language slot, entities resolved to glossary terms."""

from __future__ import annotations

import logging
from functools import lru_cache

from rasa_sdk import Tracker

from knowledge.answering import Answerer
from knowledge.db import make_engine, make_session_factory
from knowledge.glossary import Term
from knowledge.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from knowledge.queries import KnowledgeBase
from knowledge.text_analysis import is_kept_in_house, is_negated

logger = logging.getLogger(__name__)

ENTITY_KINDS = ("service", "channel", "language", "office", "outsourcing_type", "role", "hours")


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The knowledge base at $ADVISOR_DATABASE_URL; created once per action-server process."""
    return KnowledgeBase(make_session_factory(make_engine()))


@lru_cache(maxsize=1)
def answerer() -> Answerer:
    """Passage ranking over the knowledge base; its indexes are kept per process and follow `make kb`."""
    return Answerer(knowledge_base())


def current_language(tracker: Tracker) -> str:
    language = tracker.get_slot("language")
    return language if language in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def message_terms(
    tracker: Tracker, kb: KnowledgeBase, kinds: tuple[str, ...] = ENTITY_KINDS, skip_negated: bool = False
) -> list[Term]:
    """The glossary terms the latest message names, in the order they appear, without repeats.

    `skip_negated` leaves out the terms the message says no to ("phone only, no chat or e-mail") and the work
    it keeps ("billing stays with us").
    """
    language = current_language(tracker)
    text = tracker.latest_message.get("text") or ""
    terms: dict[str, Term] = {}
    entities = sorted(tracker.latest_message.get("entities") or [], key=lambda e: e.get("start") or 0)
    for entity in entities:
        if entity.get("entity") not in kinds or not isinstance(entity.get("value"), str):
            continue
        start, end = entity.get("start"), entity.get("end")
        if skip_negated and isinstance(start, int) and is_negated(text[:start], language):
            continue
        if skip_negated and isinstance(end, int) and is_kept_in_house(text[end:], language):
            continue  # "billing stays with us": named, but not to be outsourced
        term = kb.resolve_term(entity["value"], language)
        if term is not None and term.kind in kinds:
            terms.setdefault(term.key, term)
    return list(terms.values())


def form_asks_for(tracker: Tracker, slot: str) -> bool:
    """The prospect form is waiting for this slot: a bare "Italian" then answers it."""
    return tracker.active_loop_name == "prospect_form" and tracker.get_slot("requested_slot") == slot
