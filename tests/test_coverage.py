"""Every fact of shared/knowledge-facts.md is reachable in every required language."""

from __future__ import annotations

import re

import pytest
import yaml

from knowledge.languages import REQUIRED_LANGUAGES
from knowledge.loader import read_content
from tests.conftest import PROJECT_ROOT

FACT_IDS = {f"A{n}" for n in range(1, 18)} | {f"B{n}" for n in range(1, 8)}


def test_every_fact_is_cited_by_an_answer_in_every_required_language(loaded_kb):
    covered = loaded_kb.facts_by_language()
    for language in REQUIRED_LANGUAGES:
        assert covered.get(language, set()) >= FACT_IDS, f"{language}: {sorted(FACT_IDS - covered[language])}"


def test_facts_file_lists_exactly_the_known_facts():
    assert {fact.id for fact in read_content().facts} == FACT_IDS


def test_passages_with_dated_figures_state_the_year():
    content = read_content()
    years = {source.key: source.year for source in content.sources}
    dated_facts = {fact.id for fact in content.facts if years[fact.source]}
    for topic in content.topics:
        for answer in topic.answers:
            for index, passage in enumerate(answer.passages):
                if not dated_facts & set(passage.facts):
                    continue
                for language, text in passage.text.items():
                    assert re.search(r"\b(19|20)\d\d\b", text), (
                        f"{topic.key}/{answer.variant}/passage {index + 1}/{language}: no year"
                    )


def test_every_knowledge_intent_of_the_domain_has_a_topic_and_back():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    domain_intents = {i for i in domain["intents"] if isinstance(i, str) and i.startswith("ask_")} - {
        "ask_examples"
    }
    assert domain_intents == {topic.intent for topic in read_content().topics}


MISPRINT = {"en": "misprint", "it": "refuso", "de": "Druckfehler"}


@pytest.mark.parametrize("language", REQUIRED_LANGUAGES)
def test_the_articles_27_7_is_only_ever_named_as_a_misprint_for_24_7(language):
    # The Italian article writes "27/7" (A13): an answer may say so, never repeat it as the service hours.
    named = 0
    for topic in read_content().topics:
        for answer in topic.answers:
            for passage in answer.passages:
                text = passage.text[language]
                if "27/7" in text:
                    named += 1
                    assert "24/7" in text and MISPRINT[language] in text, text
    assert named >= 1  # a visitor who read the Italian article can ask about it
