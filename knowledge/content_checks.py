"""The checks that span entries and files: unique keys and synonyms, known references.

knowledge.loader reads and validates each entry on its own (knowledge.content_schema), then runs these over
all of them together; every problem found is listed, none stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from knowledge.content_schema import Spec

if TYPE_CHECKING:
    from knowledge.loader import Content


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.entry}" if self.entry else self.file
        return f"{where}: {self.message}"


def cross_check(content: Content) -> list[Problem]:
    """Checks that span entries and files: unique keys, known references."""
    problems: list[Problem] = []

    def problem(entry: Spec, label: str, message: str) -> None:
        problems.append(Problem(content.file_of(entry), label, message))

    def unique(entries: Iterable[Spec], attribute: str, kind: str) -> set[str]:
        seen: dict[str, Spec] = {}
        for entry in entries:
            value = getattr(entry, attribute)
            if value in seen:
                other = content.file_of(seen[value])
                problem(entry, f"{kind} '{value}'", f"duplicate {attribute} (also in {other})")
            seen[value] = entry
        return set(seen)

    source_keys = unique(content.sources, "key", "source")
    fact_ids = unique(content.facts, "id", "fact")
    topic_keys = unique(content.topics, "key", "topic")
    unique(content.topics, "intent", "topic")
    term_keys = unique(content.terms, "key", "term")
    unique(content.service_models, "code", "service model")

    for fact in content.facts:
        if fact.source not in source_keys:
            problem(fact, f"fact '{fact.id}'", f"unknown source '{fact.source}'")
    for topic in content.topics:
        label = f"topic '{topic.key}'"
        for fact_id in sorted(set(topic.facts) - fact_ids):
            problem(topic, label, f"unknown fact ID '{fact_id}'")
        for related in topic.related:
            if related not in topic_keys or related == topic.key:
                problem(topic, label, f"related topic '{related}' is unknown or itself")
        for term, counterpart in topic.same_question_about.items():
            if term not in term_keys:
                problem(topic, label, f"same_question_about: unknown glossary term '{term}'")
            if counterpart not in topic_keys or counterpart == topic.key:
                problem(topic, label, f"same_question_about: topic '{counterpart}' is unknown or itself")
        for answer in topic.answers:
            if answer.variant != "default" and answer.variant not in term_keys:
                problem(topic, label, f"variant '{answer.variant}' is neither 'default' nor a glossary term")
    for model in content.service_models:
        for fact_id in sorted(set(model.facts) - fact_ids):
            problem(model, f"service model '{model.code}'", f"unknown fact ID '{fact_id}'")
    problems.extend(_check_glossary(content, term_keys))
    return problems


def _check_glossary(content: Content, term_keys: set[str]) -> list[Problem]:
    problems = []
    owner: dict[tuple[str, str], str] = {}
    # A group of languages ("a language not on the list"): the broader term of languages, itself not served
    # and part of no other group. It is no language of its own, so it has no code.
    language_groups = {
        group.key
        for group in content.terms
        if group.kind == "language"
        and group.served is False
        and group.broader is None
        and any(term.broader == group.key for term in content.terms)
    }
    for term in content.terms:
        label = f"term '{term.key}'"
        if term.broader is not None and (term.broader not in term_keys or term.broader == term.key):
            problems.append(Problem(content.file_of(term), label, f"unknown broader term '{term.broader}'"))
        if term.kind == "language" and term.code is None and term.key not in language_groups:
            problems.append(Problem(content.file_of(term), label, "a language needs its ISO 639-1 'code'"))
        for language, surfaces in term.synonyms.items():
            for surface in surfaces:
                previous = owner.setdefault((language, surface), term.key)
                if previous != term.key:
                    problems.append(
                        Problem(
                            content.file_of(term),
                            label,
                            f"synonym '{surface}' ({language}) already names term '{previous}'",
                        )
                    )
    return problems
