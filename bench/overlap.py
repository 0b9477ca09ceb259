"""Benchmark questions that appear word for word among the training examples or the content's example
questions. A copy measures memory, not understanding, so the answer benchmark reports how many there are.
The comparison ignores case, punctuation and entity annotations."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TRAINING_DATA = ROOT / "bot" / "data" / "nlu"
CONTENT = ROOT / "knowledge" / "content"
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\{[^}]*\}|\([^)]*\))")


def normalised(text: str) -> str:
    text = unicodedata.normalize("NFC", text.lower())
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def training_examples(language: str) -> set[str]:
    found = set()
    for path in sorted((TRAINING_DATA / language).glob("*.yml")):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    found.add(normalised(ANNOTATION.sub(r"\1", line.strip()[2:])))
    return found


def example_questions(language: str) -> set[str]:
    found: set[str] = set()
    for path in sorted(CONTENT.glob("*.yml")):
        found.update(normalised(q) for q in _questions(yaml.safe_load(path.read_text()), language))
    return found


def _questions(node: Any, language: str) -> Iterable[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "questions" and isinstance(value, dict):
                yield from value.get(language) or []
            else:
                yield from _questions(value, language)
    elif isinstance(node, list):
        for value in node:
            yield from _questions(value, language)


def copied_turns(language: str, questions: list[dict], halves: Iterable[str]) -> dict[str, dict[str, int]]:
    """Per half: how many of its question turns are copies of a training example or an example question."""
    seen = training_examples(language) | example_questions(language)
    counts = {}
    for half in halves:
        turns = [t["say"] for q in questions if q["half"] == half for t in q["turns"]]
        if turns:
            counts[half] = {"copied": sum(normalised(t) in seen for t in turns), "turns": len(turns)}
    return counts
