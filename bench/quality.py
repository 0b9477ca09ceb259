"""Quality half of `make bench`: intent quality per language and story accuracy.

- held-out accuracy and macro F1: tests/nlu_heldout/<lang>, paraphrases never trained on;
- cross-validated intent macro F1 (5 folds) on the training data of each language.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from rasa.core.agent import Agent

from bench.nlu_heldout import HELD_OUT, evaluate, held_out_examples

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports"
RASA = str(Path(sys.executable).parent / "rasa")


def cross_validated_f1(language: str, folds: int = 5) -> float:
    out = REPORTS / f"cross-validation-{language}"
    subprocess.run(
        [RASA, "test", "nlu", "--nlu", f"bot/data/nlu/{language}", "--config", "config.yml",
         "--cross-validation", "--folds", str(folds), "--out", str(out)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    report = json.loads((out / "intent_report.json").read_text())
    return round(report["macro avg"]["f1-score"], 4)


def quality() -> dict:
    """Per language: held-out accuracy and macro F1, top confusions, 5-fold cross-validated macro F1."""
    REPORTS.mkdir(exist_ok=True)
    agent = Agent.load(str(ROOT / "models" / "advisor.tar.gz"))
    results = {}
    for language in sorted(p.name for p in HELD_OUT.iterdir() if p.is_dir()):
        held_out = asyncio.run(evaluate(agent, held_out_examples(language)))
        results[language] = {
            "held_out_examples": held_out["examples"],
            "held_out_accuracy": held_out["accuracy"],
            "held_out_macro_f1": held_out["macro_f1"],
            "top_confusions": held_out["confusions"][:5],
            "cross_validated_macro_f1": cross_validated_f1(language),
        }
    return results


def story_accuracy() -> dict:
    """Rasa's story test (tests/stories): share of correctly predicted actions and stories."""
    out = REPORTS / "stories"
    subprocess.run(
        [RASA, "test", "core", "--model", "models/advisor.tar.gz", "--stories", "tests/stories",
         "--endpoints", "endpoints.yml", "--out", str(out)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    report = json.loads((out / "story_report.json").read_text())
    return {
        "action_accuracy": round(report["accuracy"], 4),
        "weighted_f1": round(report["weighted avg"]["f1-score"], 4),
    }
