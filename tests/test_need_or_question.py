"""Whether a message asks or states: the context told before a question, a question without its mark, a
need stated in words that also open questions. Driven through the actions, as the action server runs them."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction

from bot.actions.answers import ActionAnswerQuestion
from tests.test_actions import run, texts, tracker


def unsure(text: str, intent: str, service: str, language: str = "en"):
    """A message naming one service, which the classifier took for `intent` without being sure."""
    return tracker(text, intent, [{"entity": "service", "value": service}], confidence=0.5, language=language)


def test_terms_named_only_in_the_context_before_the_question_are_not_compared(action_kb):
    text = ("Wir haben in Tirana nach BPO gefragt, und jeder sprach von seinen Hunderten Callcenter. "
            "Woran liegt das eigentlich?")  # fmt: skip
    entities = [{"entity": "outsourcing_type", "value": "BPO"},
                {"entity": "outsourcing_type", "value": "Callcenter"}]  # fmt: skip
    message = tracker(text, "ask_customer_base", entities, language="de")
    messages, _ = run(ActionAnswerQuestion(), message)
    assert "**BPO**" not in texts(messages)[0]  # no side-by-side comparison of the two
    asked = "Front office or back office: what's the difference?"
    offices = [{"entity": "office", "value": "Front office"}, {"entity": "office", "value": "back office"}]
    for text in (f"We run a shop. {asked}", "Front office or back office – what's the difference?"):
        messages, _ = run(ActionAnswerQuestion(), tracker(text, "ask_front_back_office", offices))
        assert "**Front office**" in texts(messages)[0] and "**Back office**" in texts(messages)[0]


def test_work_named_in_a_question_without_its_mark_after_context_is_answered_not_taken_for_a_need(action_kb):
    text = ("We're a software house with one support office in Krakow. I wonder whether outsourcing our "
            "helpline would protect us if that office goes down")  # fmt: skip
    messages, events = run(ActionAnswerQuestion(), unsure(text, "ask_reasons_to_outsource", "helpline"))
    assert FollowupAction("prospect_form") not in events and "continuity" in texts(messages)[0]
    need = unsure("We're a software house in Krakow. We need our helpline outsourced, and I wonder whether "
                  "you cover nights", "ask_reasons_to_outsource", "helpline")  # fmt: skip
    assert run(ActionAnswerQuestion(), need)[1] == [FollowupAction("prospect_form")]


def test_work_named_in_the_context_of_an_indirect_question_is_no_need(action_kb):
    text = ("Ich leite die Personalabteilung eines Maschinenbauers mit rund 400 Leuten. Ich frage mich, ob "
            "die Lohnabrechnung überhaupt etwas ist, das man an einen BPO-Anbieter gibt.")  # fmt: skip
    entities = [{"entity": "service", "value": v} for v in ("Personalabteilung", "Lohnabrechnung")]
    message = tracker(text, "ask_reasons_to_outsource", entities, confidence=0.5, language="de")
    messages, events = run(ActionAnswerQuestion(), message)
    assert FollowupAction("prospect_form") not in events and messages


@pytest.mark.parametrize(
    ("text", "language", "surfaces", "opening"),
    [("kundenservice rund um die uhr über ein callcenter, geht das", "de", ("kundenservice", "callcenter"),
      "Ja."),
     ("buste paga tramite un call center, si può fare", "it", ("buste paga", "call center"), "No.")],
)  # fmt: skip
def test_a_statement_closed_by_a_question_tag_is_a_question(action_kb, text, language, surfaces, opening):
    kinds = {"kundenservice": "service", "buste paga": "service"}
    entities = [{"entity": kinds.get(s, "outsourcing_type"), "value": s} for s in surfaces]
    messages, events = run(ActionAnswerQuestion(), tracker(text, "ask_services", entities, confidence=0.5,
                                                           language=language))  # fmt: skip
    assert FollowupAction("prospect_form") not in events and texts(messages)[0].startswith(opening)


@pytest.mark.parametrize(
    ("text", "language", "service"),
    [("und was heißt FTE bei der Lohnabrechnung", "de", "Lohnabrechnung"),
     ("and what's FTE pricing for payroll", "en", "payroll"),
     ("e cosa vuol dire FTE per le buste paga", "it", "buste paga")],
)  # fmt: skip
def test_a_question_without_its_question_mark_that_names_work_is_answered(action_kb, text, language, service):
    messages, events = run(ActionAnswerQuestion(), unsure(text, "ask_pricing", service, language))
    assert FollowupAction("prospect_form") not in events and "FTE" in texts(messages)[0]


@pytest.mark.parametrize(
    ("text", "language", "service"),
    [("Could you take over our customer service from March", "en", "customer service"),
     ("When customers call after six nobody picks up, so we need someone for our customer service", "en",
      "customer service"),
     ("Come dicevo, ci serve qualcuno per il servizio clienti", "it", "servizio clienti"),
     ("Wie gesagt, wir brauchen jemanden für den Kundenservice", "de", "Kundenservice"),
     ("So wie besprochen brauchen wir Kundenservice ab Mai", "de", "Kundenservice")],
)  # fmt: skip
def test_a_need_stated_in_words_that_also_open_questions_starts_the_form(action_kb, text, language, service):
    assert run(ActionAnswerQuestion(), unsure(text, "ask_services", service, language))[1] == [
        FollowupAction("prospect_form")
    ]
