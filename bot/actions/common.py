"""What every action shares: the knowledge base, the language slot, entities resolved to glossary terms."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rasa_sdk import Tracker

from knowledge.answering import Answerer
from knowledge.db import make_engine, make_session_factory
from knowledge.glossary import Term
from knowledge.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from knowledge.queries import KnowledgeBase
from knowledge.text_analysis import is_negated, only_joins
from knowledge.typos import misspelt_terms
from knowledge.work_description import (
    compound_heads,
    describes_the_company,
    is_asked_about,
    is_kept_in_house,
    is_negated_after,
    is_refused_by_a_bare_no,
)

logger = logging.getLogger(__name__)

ENTITY_KINDS = ("service", "channel", "language", "office", "outsourcing_type", "role", "hours")
# Compounds name work and channels ("Honorarrechnungen", "Störungshotline"); "werktäglich" is no hours term.
COMPOUND_KINDS = ("service", "channel")
# A typo in a word for the work, a channel or an office is read as that word ("Lohnabrechung"); not in
# languages or hours, whose words lie a letter apart ("English", "Englisch").
TYPO_KINDS = ("service", "channel", "office")


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


def last_subject(tracker: Tracker, kb: KnowledgeBase) -> list[Term]:
    """The subject the last answer left for follow-ups, as a term ([] when it left none)."""
    key = tracker.get_slot("last_term")
    term = kb.term(key, current_language(tracker)) if key else None
    return [term] if term else []


@dataclass(frozen=True)
class NamedTerm:
    """A glossary term as the message names it, with the words around it."""

    term: Term
    before: str
    after: str
    surface: str = ""


def named_terms(
    tracker: Tracker, kb: KnowledgeBase, kinds: tuple[str, ...] = ENTITY_KINDS
) -> list[NamedTerm]:
    """The glossary terms of the latest message in order: the entity ruler's, and those it cannot see
    (German compounds, typos)."""
    return terms_of_message(tracker.latest_message, kb, current_language(tracker), kinds)


def terms_of_message(
    message: dict, kb: KnowledgeBase, language: str, kinds: tuple[str, ...] = ENTITY_KINDS
) -> list[NamedTerm]:
    """The glossary terms of a parsed message (text and entities, as Rasa stores it) in order."""
    text = message.get("text") or ""
    # Read once: the form asks for the terms of each kind of every message, and surfaces and terms only
    # change with the content.
    digest = kb.content_digest()
    spans = [
        (entity["value"], entity.get("start"), entity.get("end"))
        for entity in message.get("entities") or []
        if entity.get("entity") in kinds and isinstance(entity.get("value"), str)
    ]
    covered = [(start, end) for _, start, end in spans if isinstance(start, int) and isinstance(end, int)]
    for key, start, end in _terms_the_ruler_cannot_see(kb, text, language, kinds, digest):
        if not any(start < other_end and other_start < end for other_start, other_end in covered):
            spans.append((key, start, end))
            covered.append((start, end))
    named = []
    for value, start, end in sorted(spans, key=lambda span: span[1] if isinstance(span[1], int) else 0):
        term = _term_named(kb, value, language, digest)
        if term is None or term.kind not in kinds:
            continue
        before = text[:start] if isinstance(start, int) else ""
        after = text[end:] if isinstance(end, int) else ""
        surface = text[start:end] if isinstance(start, int) and isinstance(end, int) else ""
        named.append(NamedTerm(term, before, after, surface))
    return named


def _terms_the_ruler_cannot_see(
    kb: KnowledgeBase, text: str, language: str, kinds: tuple[str, ...], digest: str | None
) -> Iterator[tuple[str, int, int]]:
    """German compounds ending in a glossary word ("Honorarrechnungen"), then words one typo away from one
    ("Lohnabrechung"): (term key, start, end)."""
    compound_kinds = tuple(kind for kind in kinds if kind in COMPOUND_KINDS)
    if compound_kinds:
        yield from compound_heads(text, language, _one_word_surfaces(kb, language, compound_kinds, digest))
    typo_kinds = tuple(kind for kind in kinds if kind in TYPO_KINDS)
    if typo_kinds:
        near = _one_word_surfaces(kb, language, typo_kinds, digest)
        yield from misspelt_terms(
            text, language, near, _one_word_surfaces(kb, language, ENTITY_KINDS, digest)
        )


@lru_cache(maxsize=4096)
def _term_named(kb: KnowledgeBase, value: str, language: str, digest: str | None) -> Term | None:
    """The term a surface form (or, for a compound's head, a term key) names, per content version."""
    return kb.resolve_term(value, language) or kb.term(value, language)


@lru_cache(maxsize=16)
def _one_word_surfaces(kb: KnowledgeBase, language: str, kinds: tuple[str, ...], digest: str | None) -> dict:
    """The language's one-word glossary surfaces of these kinds, to their term keys."""
    glossary = kb.glossary(language)
    return {
        surface: key
        for kind in kinds
        for key, surfaces in glossary.get(kind, {}).items()
        for surface in surfaces
        if " " not in surface and "-" not in surface
    }


def message_terms(
    tracker: Tracker,
    kb: KnowledgeBase,
    kinds: tuple[str, ...] = ENTITY_KINDS,
    skip_negated: bool = False,
    skip_asked_about: bool = False,
) -> list[Term]:
    """The glossary terms the latest message names, in the order they appear, without repeats.

    `skip_negated` leaves out the terms the message says no to ("phone only, no chat or e-mail", "per Mail
    nehmen wir nichts an") and the work it keeps ("billing stays with us"); `skip_asked_about` the work
    named as what customers ask about ("billing questions").
    """
    return terms_among(
        named_terms(tracker, kb, kinds), current_language(tracker), skip_negated, skip_asked_about
    )


def terms_among(
    found: list[NamedTerm],
    language: str,
    skip_negated: bool = False,
    skip_asked_about: bool = False,
    skip_trade: bool | None = None,
) -> list[Term]:
    """`message_terms` over terms already found, for callers that need them filtered more than one way;
    `skip_trade` (by default as `skip_asked_about`) leaves out the terms that say what the prospect's own
    company is ("siamo un operatore di fibra e telefonia")."""
    skip_trade = skip_asked_about if skip_trade is None else skip_trade
    kept = refused_everywhere(found, language) if skip_negated else set()
    terms: dict[str, Term] = {}
    previous: NamedTerm | None = None
    previous_refused = False
    for named in found:
        carried = previous_refused and only_joins(words_between(previous, named), language)
        refused = skip_negated and (named.term.key in kept or is_said_no_to(named, language) or carried)
        previous, previous_refused = named, refused
        if refused:
            continue
        if skip_asked_about and is_asked_about(named.before, named.after, language):
            continue
        if skip_trade and describes_the_company(named.before, named.after, language):
            continue  # "siamo una ditta di trasporti": what the company is, not work to hand over
        terms.setdefault(named.term.key, named.term)
    return list(terms.values())


def refused_everywhere(found: list[NamedTerm], language: str) -> set[str]:
    """Work kept in house once is kept wherever the message names it ("trasporti, resi ... La logistica la
    gestiamo noi"), and so is a channel refused once ("we tried e-mail campaigns ... so no e-mail"). A no
    to work counts only where it is said ("customer service by phone; we don't want it by chat")."""
    return {
        named.term.key
        for named in found
        if is_kept_in_house(named.before, named.after, language)
        or (named.term.kind == "channel" and is_said_no_to(named, language))
    }


def words_between(first: NamedTerm | None, second: NamedTerm) -> str:
    """The text between two terms of the same message."""
    return second.before[len(first.before) + len(first.surface) :] if first else second.before


def is_said_no_to(named: NamedTerm, language: str) -> bool:
    """ "No chat", "telefono no", "per Mail nehmen wir nichts an"; an "or" after a no carries it on ("no
    WhatsApp or chat", see `terms_among`)."""
    if is_negated(named.before, language):
        return True
    if named.term.kind == "channel":
        return is_negated_after(named.after, language)
    return is_refused_by_a_bare_no(named.after, language)  # "Buchhaltung und so weiter nicht"


def form_asks_for(tracker: Tracker, slot: str) -> bool:
    """The prospect form is waiting for this slot: a bare "Italian" then answers it."""
    return tracker.active_loop_name == "prospect_form" and tracker.get_slot("requested_slot") == slot
