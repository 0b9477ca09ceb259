"""`make bench`: intent quality per language, printed and written to reports/ (JSON and Markdown).

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


def main() -> None:
    REPORTS.mkdir(exist_ok=True)
    agent = Agent.load(str(ROOT / "models" / "advisor.tar.gz"))
    languages = sorted(p.name for p in HELD_OUT.iterdir() if p.is_dir())
    results = {}
    for language in languages:
        held_out = asyncio.run(evaluate(agent, held_out_examples(language)))
        results[language] = {
            "held_out_examples": held_out["examples"],
            "held_out_accuracy": held_out["accuracy"],
            "held_out_macro_f1": held_out["macro_f1"],
            "top_confusions": held_out["confusions"],
            "cross_validated_macro_f1": cross_validated_f1(language),
        }
    (REPORTS / "quality.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    lines = ["| language | held-out examples | held-out accuracy | held-out macro F1 | 5-fold CV macro F1 |",
             "|---|---|---|---|---|"]  # fmt: skip
    for language, r in results.items():
        lines.append(
            f"| {language} | {r['held_out_examples']} | {r['held_out_accuracy']:.3f} | "
            f"{r['held_out_macro_f1']:.3f} | {r['cross_validated_macro_f1']:.3f} |"
        )
    (REPORTS / "quality.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    for language, r in results.items():
        print(f"{language} most frequent confusions: {r['top_confusions'][:5]}")


if __name__ == "__main__":
    main()
