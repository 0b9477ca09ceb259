"""The answer benchmark counts its questions that are copies of training examples or example questions."""

from __future__ import annotations

from bench import overlap
from bench.overlap import copied_turns, normalised


def test_copies_are_found_whatever_the_case_punctuation_and_annotations(tmp_path, monkeypatch):
    data = tmp_path / "nlu" / "en"
    data.mkdir(parents=True)
    (data / "topic.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: ask_x\n  examples: |\n'
        "    - what is [BPO](outsourcing_type)?\n"
        '    - is [HR]{"entity": "service"} front office?\n'
    )
    content = tmp_path / "content"
    content.mkdir()
    (content / "t.yml").write_text(
        'topics:\n  - passages:\n      - questions:\n          en: ["Is HR back office?"]\n'
    )
    monkeypatch.setattr(overlap, "TRAINING_DATA", tmp_path / "nlu")
    monkeypatch.setattr(overlap, "CONTENT", content)
    questions = [
        {"half": "C", "turns": [{"say": "What is BPO"}, {"say": "is hr back-office?"}]},
        {"half": "C", "turns": [{"say": "What is a call center?"}, {"say": "Is HR front office"}]},
    ]
    assert copied_turns("en", questions, "ABC") == {"C": {"copied": 3, "turns": 4}}
    assert normalised("Is HR back-office?") == "is hr back office"
