"""The glossary: canonical terms, their labels, and the surface forms that name them.

Queries over an open session; `KnowledgeBase` (knowledge.queries) opens one and delegates here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge import models
from knowledge.languages import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Term:
    key: str
    kind: str
    label: str
    broader: str | None
    code: str | None
    served: bool | None


# "EN+DE", "EN. maybe ES later": a language's ISO code in capitals, not part of a longer word.
LANGUAGE_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{2})(?![A-Za-z])")


# Two-letter words that are yes, no or ok before they are codes ("Ja" is no Japanese).
NOT_CODES = frozenset({"ja", "si", "no", "ok"})


def only_language_codes(text: str, codes: Iterable[str]) -> list[re.Match[str]]:
    """The codes of a message of nothing but two or more language codes in any case ("it en es", "de/en"),
    or none: "ja ok" and "it is" are words."""
    words = list(re.finditer(r"[^\W\d_]+", text))
    known = {code.lower() for code in codes}
    if len(words) < 2 or re.search(r"\d", text):
        return []
    lowered = [word.group().lower() for word in words]
    if any(len(word) != 2 or word not in known or word in NOT_CODES for word in lowered):
        return []
    return words


def languages_by_code(text: str, languages: Iterable[Term]) -> list[tuple[str, int]]:
    """(term key, position) of each language whose ISO code the text writes in capitals, or in any case when
    the text is nothing but codes ("it en es"). Only for an answer to "which languages?": "IT" elsewhere is
    information technology."""
    by_code = {term.code.upper(): term.key for term in languages if term.code}
    if codes := only_language_codes(text, by_code):
        return [(by_code[m.group().upper()], m.start()) for m in codes]
    return [(by_code[m.group(1)], m.start()) for m in LANGUAGE_CODE.finditer(text) if m.group(1) in by_code]


def normalise_surface(text: str) -> str:
    """Lower case, single spaces, typographic apostrophes and dashes made plain."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-")
    return " ".join(text.lower().split())


def resolve_term(session: Session, surface: str, language: str | None = None) -> Term | None:
    """The canonical term a surface form names ("buste paga" -> payroll), in any language.

    The given language is tried first; the label comes back in that language.
    """
    wanted = normalise_surface(surface)
    rows = session.execute(
        select(models.TermSynonym.term_key, models.TermSynonym.language).where(
            models.TermSynonym.surface == wanted
        )
    ).all()
    if not rows:
        return None
    rows.sort(key=lambda row: row.language != language)
    return term(session, rows[0].term_key, language or rows[0].language)


def surface_languages(session: Session, surface: str) -> set[str]:
    """The languages whose synonyms include this surface form ("Kundenservice": de; "BPO": all three)."""
    rows = session.execute(
        select(models.TermSynonym.language).where(models.TermSynonym.surface == normalise_surface(surface))
    ).scalars()
    return set(rows)


def term(session: Session, key: str, language: str) -> Term | None:
    row = session.get(models.Term, key)
    if row is None:
        return None
    return Term(row.key, row.kind, label(session, key, language), row.broader_key, row.code, row.served)


def terms(session: Session, kind: str, language: str) -> list[Term]:
    keys = session.execute(
        select(models.Term.key).where(models.Term.kind == kind).order_by(models.Term.key)
    ).scalars()
    return [found for key in list(keys) if (found := term(session, key, language))]


def surfaces(session: Session, language: str | None = None) -> dict[str, dict[str, list[str]]]:
    """Every surface form (of one language, if given) by term kind and key: {kind: {key: [surface, ...]}}."""
    query = (
        select(models.Term.kind, models.Term.key, models.TermSynonym.surface)
        .join(models.TermSynonym, models.TermSynonym.term_key == models.Term.key)
        .order_by(models.Term.key, models.TermSynonym.surface)
    )
    if language is not None:
        query = query.where(models.TermSynonym.language == language)
    rows = session.execute(query).all()
    glossary: dict[str, dict[str, list[str]]] = {}
    for kind, key, surface in rows:
        glossary.setdefault(kind, {}).setdefault(key, []).append(surface)
    return glossary


def loanwords(session: Session) -> list[str]:
    """Surface forms used in more than one language ("bpo", "call center", "payroll", ...)."""
    return list(
        session.execute(
            select(models.TermSynonym.surface)
            .group_by(models.TermSynonym.surface)
            .having(func.count(func.distinct(models.TermSynonym.language)) > 1)
            .order_by(models.TermSynonym.surface)
        ).scalars()
    )


def label(session: Session, key: str, language: str) -> str:
    labels = dict(
        session.execute(
            select(models.TermLabel.language, models.TermLabel.label).where(models.TermLabel.term_key == key)
        ).all()
    )
    return labels.get(language) or labels.get(DEFAULT_LANGUAGE) or key


def term_chain(session: Session, term: str | None) -> list[str]:
    """The term, its broader term, that one's broader term ... (cycle-safe)."""
    chain: list[str] = []
    while term and term not in chain:
        chain.append(term)
        term = session.execute(
            select(models.Term.broader_key).where(models.Term.key == term)
        ).scalar_one_or_none()
    return chain
