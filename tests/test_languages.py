"""One design for N languages: every text a visitor can read exists in every supported language.

Adding a language to knowledge/languages.py makes these fail until every knowledge-base text, glossary term,
response, button and training-data file has it (README, "Adding a language").
"""

from __future__ import annotations

import yaml

from knowledge import contact_words, followup_words, languages, model_choice_words, work_words
from knowledge.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from knowledge.loader import read_content
from tests.conftest import PROJECT_ROOT

DOMAIN = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())


def missing_languages(texts: dict | None) -> list[str]:
    return [language for language in SUPPORTED_LANGUAGES if not (texts or {}).get(language)]


def test_every_knowledge_base_text_and_keyword_list_has_every_language():
    content, gaps = read_content(), []

    def check(texts: dict | None, where: str) -> None:
        gaps.extend(f"{where}: {language}" for language in missing_languages(texts))

    for topic in content.topics:
        check(topic.title, f"topic {topic.key} title")
        for answer in topic.answers:
            where = f"topic {topic.key}/{answer.variant}"
            for number, passage in enumerate(answer.passages, start=1):
                check(passage.text, f"{where} passage {number} text")
                check(passage.keywords, f"{where} passage {number} keywords")
                check(passage.questions, f"{where} passage {number} questions")
            if answer.examples:
                check(answer.examples, f"{where} examples")
    for source in content.sources:
        check(source.title, f"source {source.key} title")
    for model in content.service_models:
        for field in ("names", "summary", "workforce", "not_covered"):
            check(getattr(model, field), f"service model {model.code} {field}")
    assert not gaps, "\n".join(gaps)


def test_every_glossary_term_has_a_label_and_synonyms_in_every_language():
    gaps = [
        f"term {term.key} {part}: {language}"
        for term in read_content().terms
        for part, texts in (("label", term.labels), ("synonyms", term.synonyms))
        for language in missing_languages(texts)
    ]
    assert not gaps, "\n".join(gaps)


def variation_language(variation: dict) -> str:
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return condition["value"]
    return DEFAULT_LANGUAGE


def test_every_response_and_button_has_every_language():
    gaps = []
    for name, variations in DOMAIN["responses"].items():
        by_language = {variation_language(v): v for v in variations}
        default_buttons = len(by_language[DEFAULT_LANGUAGE].get("buttons") or [])
        for language in SUPPORTED_LANGUAGES:
            variation = by_language.get(language)
            if variation is None:
                gaps.append(f"{name}: no {language} variation")
            elif len(variation.get("buttons") or []) != default_buttons:
                gaps.append(f"{name}: the {language} variation has other buttons than the default")
            elif not all(button.get("title") for button in variation.get("buttons") or []):
                gaps.append(f"{name}: a {language} button has no title")
    assert not gaps, "\n".join(gaps)


def test_the_language_slot_takes_every_language():
    assert DOMAIN["slots"]["language"]["values"] == list(SUPPORTED_LANGUAGES)


def test_training_data_covers_the_same_topics_in_every_language():
    topics = {
        language: sorted(p.name for p in (PROJECT_ROOT / "bot" / "data" / "nlu" / language).glob("*.yml"))
        for language in SUPPORTED_LANGUAGES
    }
    reference = topics[DEFAULT_LANGUAGE]
    assert reference and all(files == reference for files in topics.values()), topics


def test_the_sales_team_email_exists_in_every_language():
    from knowledge.delivery.texts import EMAIL_TEXTS

    keys = set(EMAIL_TEXTS[DEFAULT_LANGUAGE])
    assert {
        language: set(EMAIL_TEXTS.get(language, {})) == keys for language in SUPPORTED_LANGUAGES
    } == dict.fromkeys(SUPPORTED_LANGUAGES, True)


def test_every_phrase_list_of_the_form_and_the_ranking_has_every_language():
    # Negation after the term (verb last) and compound prefixes are German; the others every language needs.
    phrase_lists = {
        name: value
        for module in (languages, work_words, contact_words, followup_words, model_choice_words)
        for name, value in vars(module).items()
        if name.isupper()
        and isinstance(value, dict)
        and name not in ("NEGATION_AFTER", "COMPOUND_PREFIXES", "NOT_COMPOUND_HEADS")
    }
    assert len(phrase_lists) >= 12
    assert {
        name: missing_languages(texts) for name, texts in phrase_lists.items() if missing_languages(texts)
    } == {}
