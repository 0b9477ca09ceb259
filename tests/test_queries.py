"""The query API the actions use, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest


def test_answer_in_each_language(loaded_kb):
    english = loaded_kb.answer("what_is_bpo", "en")
    italian = loaded_kb.answer("what_is_bpo", "it")
    assert english.language == "en" and not english.is_fallback
    assert italian.language == "it" and not italian.is_fallback
    assert "payroll" in english.text.lower()
    assert "buste paga" in italian.text.lower()
    assert english.facts == ("A2", "A4", "A6", "A7", "A11")
    assert [s.key for s in english.sources] == ["article"]


def test_a_named_subject_selects_its_variant(loaded_kb):
    agents = loaded_kb.answer("skills", "en", "call_center")
    bpo = loaded_kb.answer("skills", "en", "bpo")
    both = loaded_kb.answer("skills", "en")
    assert (agents.variant, bpo.variant, both.variant) == ("call_center", "bpo", "default")
    assert "emotional intelligence" in agents.text
    assert "degree" in bpo.text and "degree" not in agents.passages[0].text  # agents: no degree needed


def test_a_term_without_its_own_variant_uses_its_broader_term(loaded_kb):
    # payroll -> back_office; the label is filled in, in the answer's language
    english = loaded_kb.answer("service_office", "en", "payroll")
    italian = loaded_kb.answer("service_office", "it", "payroll")
    assert english.variant == italian.variant == "back_office"
    assert "payroll" in english.text.lower() and "back" in english.text.lower()
    assert "buste paga" in italian.text and "{term}" not in italian.text
    # agent (a role) -> call_center
    assert loaded_kb.answer("skills", "en", "agent").variant == "call_center"


def test_the_same_question_about_another_subject_is_answered_by_its_topic(loaded_kb):
    # "what is BPO?" then "and for call centers?" (or "agents", whose broader term is call_center)
    for term in ("call_center", "agent"):
        answer = loaded_kb.answer("what_is_bpo", "en", term)
        assert answer.topic == "what_is_call_center" and "front-office work only" in answer.text
    assert loaded_kb.answer("what_is_call_center", "it", "bpo").topic == "what_is_bpo"
    assert loaded_kb.answer("what_is_bpo", "en", "payroll").topic == "what_is_bpo"


def test_missing_translation_falls_back_to_english_and_says_so(loaded_kb):
    answer = loaded_kb.answer("kpis", "fr")  # a language the content does not have (yet)
    assert answer.is_fallback
    assert (answer.language, answer.requested_language) == ("en", "fr")
    assert "AHT" in answer.text


@pytest.mark.parametrize(
    ("language", "title_words"),
    [("en", "average gross monthly wage"), ("it", "Salario lordo medio"), ("de", "Bruttomonatslohn")],
)
def test_sources_are_titled_in_the_answer_language(loaded_kb, language, title_words):
    answer = loaded_kb.answer("salaries", language, "call_center")
    instat = next(s for s in answer.sources if s.key == "instat_average_wage_2025")
    assert title_words in instat.title and instat.year == 2025
    assert [s.title for s in loaded_kb.sources_of_facts(("B1",), language)] == [instat.title]


def test_german_answers_come_in_german(loaded_kb):
    answer = loaded_kb.answer("salaries", "de", "call_center")
    assert answer.language == "de" and not answer.is_fallback
    assert "Callcenter" in answer.text or "Call-Center" in answer.text


def test_examples_go_with_the_variant(loaded_kb):
    back = loaded_kb.answer("front_back_office", "en", "back_office", kind="examples")
    front = loaded_kb.answer("front_back_office", "it", "front_office", kind="examples")
    assert back.kind == "examples" and "payroll" in back.text.lower()
    assert "clienti" in front.text.lower()


def test_unknown_topic_gives_none(loaded_kb):
    assert loaded_kb.answer("weather", "en") is None
    assert loaded_kb.topic_for_intent("ask_weather") is None
    assert loaded_kb.topic_for_intent("ask_salaries") == "salaries"


def test_related_topics_carry_titles_in_the_language(loaded_kb):
    answer = loaded_kb.answer("skills", "it")
    assert answer.related
    assert all(r.intent.startswith("ask_") for r in answer.related)
    assert {r.title for r in answer.related} <= {loaded_kb.topic_title(r.key, "it") for r in answer.related}


@pytest.mark.parametrize(
    ("surface", "language", "key", "label"),
    [
        ("buste paga", "it", "payroll", "buste paga"),
        ("Paghe", "it", "payroll", "buste paga"),
        ("payroll", "en", "payroll", "payroll"),
        ("  PAYROLL ", "it", "payroll", "buste paga"),  # a loanword inside Italian: Italian label
        ("inserimento dati", "it", "data_entry", None),
        ("call centre", "en", "call_center", None),
        ("24/7", "en", "24_7", None),
        ("tedesco", "it", "german", None),
    ],
)
def test_glossary_resolves_surface_forms_to_canonical_terms(loaded_kb, surface, language, key, label):
    term = loaded_kb.resolve_term(surface, language)
    assert term is not None and term.key == key
    if label:
        assert term.label == label


def test_glossary_knows_office_of_services_and_served_languages(loaded_kb):
    assert loaded_kb.resolve_term("buste paga", "it").broader == "back_office"
    assert loaded_kb.resolve_term("customer care", "en").broader == "front_office"
    served = {t.code for t in loaded_kb.terms("language") if t.served}
    assert served == {"en", "it", "de", "fr", "es", "el", "tr", "ru", "ar", "zh"}
    assert loaded_kb.resolve_term("portuguese", "en").served is False
    assert loaded_kb.resolve_term("the weather", "en") is None


SERVICE_MODEL_NAMES = {
    "call_center": ("Call center outsourcing", "Outsourcing del call center", "Callcenter-Outsourcing"),
    "bpo_front_office": ("BPO front office", "BPO front-office", "BPO Front-Office"),
    "bpo_back_office": ("BPO back office", "BPO back-office", "BPO Back-Office"),
    "bpo_full": (
        "Full BPO (front + back office)",
        "BPO completo (front + back office)",
        "Komplett-BPO (Front- + Back-Office)",
    ),
}


def test_service_model_catalogue_uses_the_fixed_display_names(loaded_kb):
    for position, language in enumerate(("en", "it", "de")):
        names = {m.code: m.name for m in loaded_kb.service_models(language)}
        assert names == {code: names_[position] for code, names_ in SERVICE_MODEL_NAMES.items()}
    full = loaded_kb.service_model("bpo_full", "it")
    assert full.workforce and full.not_covered and full.summary
    assert loaded_kb.service_model("nothing", "en") is None
