"""`make bench` keeps every section it measured in reports/bench.json: none replaces the others."""

from __future__ import annotations

import json

from bench import report


def test_every_measured_section_reaches_the_report(tmp_path, monkeypatch):
    sections = {
        "answers": lambda: {"answers": "measured"},
        "quality": lambda: {"quality": "measured"},
        "stories": lambda: {"stories": "measured"},
        "speed": lambda: {"speed": "measured"},
        "delivery": lambda: {"delivery": "measured"},
        "dashboard": lambda: {"dashboard": "measured"},
        "faults": lambda: {"faults": "measured"},
    }
    monkeypatch.setattr(report.answer_bench, "run", sections["answers"])
    monkeypatch.setattr(report, "quality", sections["quality"])
    monkeypatch.setattr(report, "story_accuracy", sections["stories"])
    monkeypatch.setattr(report, "measure", sections["speed"])
    monkeypatch.setattr(report.delivery, "measure", sections["delivery"])
    monkeypatch.setattr(report.dashboard, "measure", sections["dashboard"])
    monkeypatch.setattr(report.soak, "soak", sections["faults"])
    # The markdown renderers are tested with the benches; here only what reaches the JSON counts.
    monkeypatch.setattr(report.answer_bench, "markdown", lambda r: "")
    monkeypatch.setattr(report.delivery, "markdown", lambda r: "")
    monkeypatch.setattr(report, "markdown", lambda r: "")
    monkeypatch.setattr(report, "REPORTS", tmp_path)

    report.main()

    written = json.loads((tmp_path / "bench.json").read_text())
    assert written == {name: make() for name, make in sections.items()}
