"""The recommender: a table of needs and the service model each must get."""

from __future__ import annotations

import pytest

from knowledge.recommender import (
    MODEL_RULES,
    Needs,
    NoProcessesError,
    choose_model,
    model_for_terms,
    recommend,
)

CASES = [
    # processes, channels, expected model
    (("customer_service",), ("phone",), "call_center"),
    (("telemarketing", "appointment_setting"), ("phone",), "call_center"),
    (("lead_generation",), (), "call_center"),  # no channel named: phone assumed
    (("customer_service",), ("phone", "email", "chat"), "bpo_front_office"),
    (("customer_service",), ("social_media",), "bpo_front_office"),
    (("technical_support",), ("email",), "bpo_front_office"),
    (("payroll",), (), "bpo_back_office"),
    (("payroll", "accounting", "data_entry"), (), "bpo_back_office"),
    (
        ("human_resources", "legal_services"),
        ("email",),
        "bpo_back_office",
    ),  # channels only matter for customers
    (("customer_service", "payroll"), ("phone",), "bpo_full"),
    (("sales", "bookkeeping"), ("phone", "chat"), "bpo_full"),
    (("debt_collection",), ("phone",), "call_center"),  # calling the customers who owe money
    (("debt_collection", "invoicing"), ("phone",), "bpo_full"),  # and issuing the invoices they owe
]


@pytest.mark.parametrize(("processes", "channels", "expected"), CASES)
def test_needs_lead_to_the_expected_model(project_kb, processes, channels, expected):
    recommendation = recommend(project_kb, Needs(processes=processes, channels=channels), "en")
    assert recommendation.code == expected


def test_recommendation_names_the_model_in_the_users_language(project_kb):
    needs = Needs(processes=("payroll",))
    assert recommend(project_kb, needs, "en").model.name == "BPO back office"
    assert recommend(project_kb, needs, "it").model.name == "BPO back-office"


def test_recommendation_explains_itself(project_kb):
    needs = Needs(
        processes=("customer_service", "payroll"),
        channels=("phone", "email"),
        languages=("italian", "german", "portuguese"),
        hours="24_7",
    )
    result = recommend(project_kb, needs, "it")
    assert result.front_office == ("servizio clienti",)
    assert result.back_office == ("buste paga",)
    assert result.languages_served == ("italiano", "tedesco")
    assert result.languages_not_listed == ("portoghese",)
    assert "tedesco" in result.served_languages and len(result.served_languages) == 10
    assert result.model.workforce and result.model.not_covered
    assert result.hours == "24_7"


def test_phone_is_assumed_only_for_customer_facing_work_without_channels(project_kb):
    assert recommend(project_kb, Needs(processes=("sales",)), "en").phone_assumed
    assert not recommend(project_kb, Needs(processes=("sales",), channels=("phone",)), "en").phone_assumed
    assert not recommend(project_kb, Needs(processes=("payroll",)), "en").phone_assumed


def test_unknown_or_missing_processes_give_a_clear_error(project_kb):
    with pytest.raises(NoProcessesError):
        recommend(project_kb, Needs(processes=("weather",)), "en")
    with pytest.raises(NoProcessesError):
        recommend(project_kb, Needs(), "en")


def test_rule_table_covers_every_combination_exactly_once():
    for front in (True, False):
        for back in (True, False):
            for beyond_phone in (True, False):
                matches = [
                    code
                    for (f, b, m), code in MODEL_RULES
                    if f == front and b == back and m in (None, beyond_phone)
                ]
                assert len(matches) == (1 if front or back else 0)
                if matches:
                    assert choose_model(front, back, beyond_phone) == matches[0]


def test_the_model_for_the_work_a_question_names(project_kb):
    def terms(*surfaces):
        return [project_kb.resolve_term(s, "en") for s in surfaces]

    assert model_for_terms(terms("payroll", "customer service")) == "bpo_full"
    assert model_for_terms(terms("payroll")) == "bpo_back_office"
    assert model_for_terms(terms("phone")) == "call_center"
    assert model_for_terms(terms("chat", "customer service")) == "bpo_front_office"
    assert model_for_terms(terms("italian")) is None


@pytest.mark.parametrize(
    ("surface", "language"),
    [("debt collection", "en"), ("debt recovery", "en"), ("recupero crediti", "it"), ("Inkasso", "de")],
)
def test_debt_collection_is_customer_contact_not_invoicing(project_kb, surface, language):
    term = project_kb.resolve_term(surface, language)
    assert term.key == "debt_collection" and term.broader == "front_office"
    # Dunning letters and receivables management are still invoicing: only chasing the debtor is
    # customer-facing.
    assert project_kb.resolve_term(
        {"en": "dunning", "it": "solleciti", "de": "Mahnwesen"}[language], language
    ).key == ("invoicing")


def test_receivables_management_and_direct_debits_stay_accounting_work(project_kb):
    assert project_kb.resolve_term("Forderungsmanagement", "de").key == "invoicing"
    assert project_kb.resolve_term("Forderungseinzug", "de").key == "invoicing"


@pytest.mark.parametrize(
    ("surface", "language"),
    [("Kundencenter", "de"), ("customer center", "en"), ("centro assistenza clienti", "it")],
)
def test_a_customer_center_is_customer_service(project_kb, surface, language):
    assert project_kb.resolve_term(surface, language).key == "customer_service"
