"""`make bench`: quality and speed, printed and written to reports/bench.json and reports/bench.md."""

from __future__ import annotations

import json

from bench import answer_bench, dashboard, delivery, soak
from bench.quality import REPORTS, quality, story_accuracy
from bench.speed import measure


def markdown(report: dict) -> str:
    lines = ["## Quality", "", "| language | held-out examples | accuracy | macro F1 | 5-fold CV macro F1 |",
             "|---|---|---|---|---|"]  # fmt: skip
    for language, r in report["quality"].items():
        lines.append(
            f"| {language} | {r['held_out_examples']} | {r['held_out_accuracy']:.3f} | "
            f"{r['held_out_macro_f1']:.3f} | {r['cross_validated_macro_f1']:.3f} |"
        )
    stories = report["stories"]
    lines += [
        "",
        f"Story tests: action accuracy {stories['action_accuracy']:.3f}, "
        f"weighted F1 {stories['weighted_f1']:.3f}",
    ]
    speed = report["speed"]
    lines += ["", "## Speed (REST, loopback, closed loop)", "",
              "| users | advisor rps | p50/p95/p99 ms | errors | rasa init rps | rasa init p95 ms | ratio |",
              "|---|---|---|---|---|---|---|"]  # fmt: skip
    for a, b in zip(speed["advisor"]["levels"], speed["baseline"]["levels"], strict=True):
        ratio = speed[f"p95_ratio_at_{a['users']}_users"]
        lines.append(
            f"| {a['users']} | {a['throughput_rps']} | {a['p50_ms']}/{a['p95_ms']}/{a['p99_ms']} | "
            f"{a['errors']} | {b['throughput_rps']} | {b['p95_ms']} | {ratio} |"
        )
    advisor = speed["advisor"]
    lines += [
        "",
        f"Resident memory: Rasa server {advisor['rasa_server_rss_mb']} MB, action server "
        f"{advisor['action_server_rss_mb']} MB (rasa init: {speed['baseline']['rasa_server_rss_mb']} MB).",
        f"Training: {speed['training_s']} s. Start to first answer: {advisor['start_to_first_answer_s']} s.",
    ]
    if "dashboard" in report:
        lines += ["", dashboard.markdown(report["dashboard"]).rstrip()]
    if "faults" in report:
        lines += soak.markdown(report["faults"])
    return "\n".join(lines) + "\n"


def main() -> None:
    report = {"answers": answer_bench.run(), "quality": quality(), "stories": story_accuracy()}
    report["speed"] = measure()
    report["delivery"] = delivery.measure()
    report["dashboard"] = dashboard.measure()
    report["faults"] = soak.soak()
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "bench.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    delivery_text = delivery.markdown(report["delivery"])
    text = "\n".join([answer_bench.markdown(report["answers"]), markdown(report), delivery_text])
    (REPORTS / "bench.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
