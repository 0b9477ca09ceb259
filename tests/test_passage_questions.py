"""The passages' example questions rank their passage first."""

from __future__ import annotations

import pytest
import yaml

from knowledge.answering import Answerer
from knowledge.loader import load
from knowledge.queries import KnowledgeBase
from knowledge.question import Question


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_example_question_added_in_the_yaml_ranks_its_passage_first(session_factory, content_copy):
    path = content_copy / "market.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    topic = next(t for t in data["topics"] if t["intent"] == "ask_kpis")
    target = topic["answers"][0]["passages"][-1]
    question = "do the zebras of Tirana sing at night?"
    load(session_factory, content_copy)
    answerer = Answerer(KnowledgeBase(session_factory))
    before = answerer.reply(Question(question, "en", (("ask_kpis", 0.9),)))

    target.setdefault("questions", {}).setdefault("en", []).append(question)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load(session_factory, content_copy)
    after = answerer.reply(Question(question, "en", (("ask_kpis", 0.9),)))

    assert after.passages[0].text == " ".join(target["text"]["en"].split())
    assert before.passages[0].text != after.passages[0].text
