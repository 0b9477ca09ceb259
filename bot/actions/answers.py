"""Knowledge answers: thin adapters from the dialogue to knowledge.queries."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.common import current_language, knowledge_base, message_terms
from knowledge.content_schema import DEFAULT_VARIANT
from knowledge.queries import Answer, KnowledgeBase, Term

logger = logging.getLogger(__name__)


def best_answer(kb: KnowledgeBase, topic: str, language: str, terms: list[Term], kind: str) -> Answer | None:
    """The answer specific to the first named term (variant or counterpart topic), else the general one."""
    for term in terms:
        answer = kb.answer(topic, language, term.key, kind)
        if answer is not None and (answer.variant != DEFAULT_VARIANT or answer.topic != topic):
            return answer
    return kb.answer(topic, language, terms[0].key if terms else None, kind)


def send_answer(dispatcher: CollectingDispatcher, answer: Answer) -> None:
    if answer.is_fallback:
        dispatcher.utter_message(response="utter_translation_fallback")
    dispatcher.utter_message(text=answer.text)
    dated = [f"{s.title} ({s.year})" for s in answer.sources if s.year]
    if dated:
        dispatcher.utter_message(response="utter_sources", sources="; ".join(dated))
    related = [{"title": r.title, "payload": f"/{r.intent}"} for r in answer.related]
    dispatcher.utter_message(response="utter_answer_next_step", buttons=related)


def answer_topic(
    dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, terms: list[Term], kind: str = "answer"
) -> list[EventType]:
    """Send the topic's answer (or examples) and remember it for follow-ups."""
    try:
        answer = best_answer(knowledge_base(), topic, current_language(tracker), terms, kind)
    except SQLAlchemyError:
        logger.exception("knowledge base unreachable")
        dispatcher.utter_message(response="utter_knowledge_unavailable")
        return []
    if answer is None:
        dispatcher.utter_message(response="utter_no_examples" if kind == "examples" else "utter_ask_rephrase")
        return []
    send_answer(dispatcher, answer)
    remembered_term = (
        answer.variant if answer.variant != DEFAULT_VARIANT else (terms[0].key if terms else None)
    )
    return [SlotSet("last_topic", answer.topic), SlotSet("last_term", remembered_term)]


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        kb = knowledge_base()
        topic = kb.topic_for_intent(intent)
        if topic is None:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        return answer_topic(dispatcher, tracker, topic, message_terms(tracker, kb))


class ActionAnswerFollowup(Action):
    """ "And for BPO?": the previous question again, about the newly named subject."""

    def name(self) -> str:
        return "action_answer_followup"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        topic = tracker.get_slot("last_topic")
        terms = message_terms(tracker, knowledge_base())
        if not topic or not terms:
            dispatcher.utter_message(response="utter_no_previous_topic")
            return []
        return answer_topic(dispatcher, tracker, topic, terms)


class ActionAnswerExamples(Action):
    """ "Give me examples": the examples that go with the previous answer."""

    def name(self) -> str:
        return "action_answer_examples"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        topic = tracker.get_slot("last_topic")
        if not topic:
            dispatcher.utter_message(response="utter_no_examples")
            return []
        kb = knowledge_base()
        last_term = tracker.get_slot("last_term")
        named = message_terms(tracker, kb)
        terms = named or ([t] if last_term and (t := kb.term(last_term, current_language(tracker))) else [])
        return answer_topic(dispatcher, tracker, topic, terms, kind="examples")
