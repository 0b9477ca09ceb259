"""How a prospect's description of their work reads around the glossary terms it names.

Text rules over the phrase lists of knowledge.work_words (no Rasa), used by the prospect form:
- work named but kept in house ("die Abrechnung macht unsere Verwaltung");
- a channel negated after it, where German puts the verb last ("per Mail nehmen wir das nicht an");
- work named only as the subject of customers' questions ("billing questions", "Fragen zur Abrechnung");
- whether the description talks to customers, or says it is only that;
- German compounds whose last part is a glossary word ("Honorarrechnungen": invoices).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from knowledge.languages import CLAUSE_BREAKS, NOT_ONLY
from knowledge.work_words import (
    COMPOUNDING_LANGUAGES,
    CUSTOMER_CONTACT,
    FRONT_OFFICE_ONLY,
    KEPT_IN_HOUSE,
    NEGATION_AFTER,
    QUESTION_NOUNS,
)

PUNCTUATION_BREAK = re.compile(r"[,;.:!?()]")
WORDS = re.compile(r"[\w'’-]+")
# Of the words before a term, only these last few say it is kept: "die Buchhaltung machen wir selbst und die
# Gehaltsabrechnung lagern wir aus" keeps the first and not the second.
KEPT_WINDOW_BEFORE = 4
# "Fragen zur Betriebskostenabrechnung", "questions about our billing": the question noun this close before.
ASKED_WINDOW_BEFORE = 3
JOINING_WORDS = frozenset({"and", "or", "plus", "e", "ed", "o", "und", "oder", "sowie"})
# "Nicht mehr" is "no longer" ("schaffen wir nicht mehr"): a need, not a refusal.
NOT_NEGATING_AFTER = frozenset({"mehr"})
# A compound's last part must be a word of its own (five letters at least) after a real first part.
MIN_COMPOUND_HEAD = 5
MIN_COMPOUND_MODIFIER = 3


def _clause_before(before: str, language: str) -> list[str]:
    words = WORDS.findall(PUNCTUATION_BREAK.split(before.lower())[-1])
    breaks = CLAUSE_BREAKS.get(language, ())
    last_break = max((i for i, word in enumerate(words) if word in breaks), default=-1)
    return words[last_break + 1 :]


def _clause_after(after: str, language: str) -> list[str]:
    words = WORDS.findall(PUNCTUATION_BREAK.split(after.lower())[0])
    breaks = CLAUSE_BREAKS.get(language, ())
    return words[: next((i for i, word in enumerate(words) if word in breaks), len(words))]


def _has_phrase(words: list[str], phrases: tuple[str, ...]) -> bool:
    padded = f" {' '.join(words)} "
    return any(f" {phrase} " in padded for phrase in phrases)


def is_kept_in_house(before: str, after: str, language: str) -> bool:
    """Whether the term's clause keeps the work: "billing stays with us", "la contabilità la facciamo noi",
    "die Prüfung machen wir selbst im Lager". The clause ends at punctuation or "but"."""
    cues = KEPT_IN_HOUSE.get(language, ())
    window = _clause_before(before, language)[-KEPT_WINDOW_BEFORE:]
    return _has_phrase(window, cues) or _has_phrase(_clause_after(after, language), cues)


def is_negated_after(after: str, language: str) -> bool:
    """Whether the rest of the clause says no to the term: "per Mail oder Chat nehmen wir Störungen nicht
    an". Not "nicht nur" (not only) nor "nicht mehr" (no longer)."""
    words = _clause_after(after, language)
    cues, exceptions = NEGATION_AFTER.get(language, ()), {*NOT_ONLY.get(language, ()), *NOT_NEGATING_AFTER}
    return any(
        word in cues and (index + 1 >= len(words) or words[index + 1] not in exceptions)
        for index, word in enumerate(words)
    )


def is_asked_about(before: str, after: str, language: str) -> bool:
    """Whether the work is named as what customers ask about ("login and billing questions", "Fragen zur
    Betriebskostenabrechnung", "domande sulla fatturazione"), not as work to hand over."""
    nouns = QUESTION_NOUNS.get(language, ())
    following = _clause_after(after, language)[:1]
    if following and following[0] in nouns:
        return True
    window = _clause_before(before, language)[-ASKED_WINDOW_BEFORE:]
    asked_at = max((i for i, word in enumerate(window) if word in nouns), default=None)
    return asked_at is not None and not JOINING_WORDS.intersection(window[asked_at + 1 :])


def mentions_phrase(text: str, phrases: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether the text uses one of the phrases as whole words, in any language (a short answer may have
    been taken for another language)."""
    listed = [phrase for language_phrases in phrases.values() for phrase in language_phrases]
    return bool(re.search(rf"\b({'|'.join(map(re.escape, listed))})\b", text.lower()))


def describes_customer_contact(text: str) -> bool:
    """ "When a client has an accident they call us", "Anfragen von Mietern beantworten"."""
    return mentions_phrase(text, CUSTOMER_CONTACT)


def says_front_office_only(text: str) -> bool:
    """ "Only talking to users, nothing internal", "reine Kundenkommunikation"."""
    return mentions_phrase(text, FRONT_OFFICE_ONLY)


def compound_heads(text: str, language: str, surfaces: Mapping[str, str]) -> Iterator[tuple[str, int, int]]:
    """(term key, start, end) of each compound word ending in a one-word glossary surface.

    `surfaces` maps lower-case one-word surface forms to term keys. "Honorarrechnungen" ends in
    "rechnungen" (invoicing); the longest ending wins, and a word that is a surface itself is left to the
    entity ruler.
    """
    if language not in COMPOUNDING_LANGUAGES:
        return
    for match in re.finditer(r"\w+", text):
        word = match.group().lower()
        if word in surfaces:
            continue
        for cut in range(MIN_COMPOUND_MODIFIER, len(word) - MIN_COMPOUND_HEAD + 1):
            if (key := surfaces.get(word[cut:])) is not None:
                yield key, match.start(), match.end()
                break
