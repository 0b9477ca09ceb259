"""Words one typo away from a glossary word ("Lohnabrechung", "backofice", "bookeeping"), read as that word.

A real word a letter away from a glossary word ("viaggio" from "viaggi", "Notruf" from "Notrufe") is no
typo: a word in spaCy's lemma tables (spacy-lookups-data, its forms and lemmas) is left alone. Plain text,
tested without Rasa; the actions add what this finds to the entity ruler's terms.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

# Shorter words are too often other words a letter apart.
MIN_MISSPELT_LENGTH = 7


@lru_cache(maxsize=4)
def known_words(language: str) -> frozenset[str]:
    """The language's word forms and lemmas of at least MIN_MISSPELT_LENGTH letters, lower-case; empty when
    spacy-lookups-data has no table for it."""
    import spacy_lookups_data

    table_path = Path(spacy_lookups_data.__file__).parent / "data" / f"{language}_lemma_lookup.json.gz"
    if not table_path.exists():
        return frozenset()
    with gzip.open(table_path, "rt", encoding="utf-8") as table_file:
        table = json.load(table_file)
    return frozenset(
        word.lower()
        for pair in table.items()
        for word in pair
        if isinstance(word, str) and len(word) >= MIN_MISSPELT_LENGTH
    )


def misspelt_terms(
    text: str, language: str, surfaces: Mapping[str, str], known: frozenset[str] | set[str]
) -> Iterator[tuple[str, int, int]]:
    """(term key, start, end) of each word one typo away from the one-word surfaces of exactly one term.

    `surfaces` maps lower-case one-word surfaces to term keys; `known` holds the surfaces of every kind,
    which are no typos. The first letter must match: typos rarely start a word.
    """
    for match in re.finditer(r"\w+", text):
        word = match.group().lower()
        if len(word) < MIN_MISSPELT_LENGTH or word in known or word in known_words(language):
            continue
        keys = {
            key
            for surface, key in surfaces.items()
            if surface[:1] == word[:1] and one_edit_apart(word, surface)
        }
        if len(keys) == 1:
            yield keys.pop(), match.start(), match.end()


def one_edit_apart(first: str, second: str) -> bool:
    """One letter left out, added or changed, or two neighbours swapped ("Lohnabrechung", "Buchhaltnug")."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        differ = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
        if len(differ) == 1:
            return True
        return (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and first[differ[0]] == second[differ[1]]
            and first[differ[1]] == second[differ[0]]
        )
    shorter, longer = sorted((first, second), key=len)
    cut = next((i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter))
    return shorter[cut:] == longer[cut + 1 :]
