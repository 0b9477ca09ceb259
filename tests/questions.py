"""One question put to the real knowledge base's answerer, as the answer action builds it."""

from __future__ import annotations

from knowledge.answering import Answerer, Reply
from knowledge.question import Question


def ask(answerer: Answerer, text: str, intents, terms=(), language="en", **previous) -> Reply | None:
    kb = answerer.kb
    resolved = tuple(kb.resolve_term(surface, language) for surface in terms)
    assert all(resolved), f"test setup: unknown glossary term in {terms}"
    return answerer.reply(Question(text, language, tuple(intents), resolved, **previous))
