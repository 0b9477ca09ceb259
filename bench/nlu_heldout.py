"""Intent accuracy and macro F1 of the trained model on the held-out paraphrases (never trained on).

Usage: python -m bench.nlu_heldout [--model models/advisor.tar.gz] [--json out.json]
Prints one line per language and the misclassified examples.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections import Counter
from pathlib import Path

from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from rasa.utils.log_utils import configure_structlog
from sklearn.metrics import accuracy_score, f1_score

HELD_OUT = Path(__file__).resolve().parent.parent / "tests" / "nlu_heldout"


def held_out_examples(language: str) -> list[tuple[str, str]]:
    data = load_data(str(HELD_OUT / language))
    return [(example.get("text"), example.get("intent")) for example in data.intent_examples]


async def evaluate(agent: Agent, examples: list[tuple[str, str]]) -> dict:
    configure_structlog(logging.WARNING)  # Rasa logs every parse at debug level otherwise
    predicted = []
    for text, _ in examples:
        parsed = await agent.parse_message(text)
        predicted.append(parsed["intent"]["name"])
    expected = [intent for _, intent in examples]
    errors = [(t, e, p) for (t, e), p in zip(examples, predicted, strict=True) if e != p]
    return {
        "examples": len(examples),
        "accuracy": round(accuracy_score(expected, predicted), 4),
        # Macro F1 over the intents of the held-out set (a fallback prediction counts as an error).
        "macro_f1": round(
            f1_score(expected, predicted, labels=sorted(set(expected)), average="macro", zero_division=0), 4
        ),
        "confusions": Counter(f"{e} -> {p}" for _, e, p in errors).most_common(10),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="models/advisor.tar.gz")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    agent = Agent.load(args.model)
    report = {}
    for language in sorted(p.name for p in HELD_OUT.iterdir() if p.is_dir()):
        report[language] = asyncio.run(evaluate(agent, held_out_examples(language)))
    for language, result in report.items():
        print(
            f"{language}: {result['examples']} held-out examples, accuracy {result['accuracy']:.3f}, "
            f"macro F1 {result['macro_f1']:.3f}"
        )
        for text, expected, predicted in result["errors"]:
            print(f"    {expected:>26} -> {predicted:<26} {text}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
