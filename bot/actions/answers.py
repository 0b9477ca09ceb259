"""Knowledge answers: thin adapters from the dialogue to knowledge.answering."""

from __future__ import annotations

import logging
import threading

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.common import (
    NamedTerm,
    answerer,
    current_language,
    knowledge_base,
    last_subject,
    message_terms,
    named_terms,
    terms_among,
    terms_of_message,
)
from bot.actions.last_reply import answer_about_the_last_reply, asks_about_the_last_reply
from bot.actions.replies import send_and_remember, send_reply
from knowledge.answering import remembered_subject
from knowledge.followup_words import FOLLOWUP_OPENERS, SUBJECT_NOUNS
from knowledge.glossary import Term
from knowledge.languages import SUPPORTED_LANGUAGES
from knowledge.queries import KnowledgeBase
from knowledge.question import SERVICE_MODELS_TOPIC, SUBJECT_KINDS, WORK_KINDS, Question
from knowledge.text_analysis import (
    analyzer_for,
    asked_indirectly_at,
    asking_sentences,
    asks_what_it_means,
    asks_without_its_mark,
    in_asking_sentence,
    is_compared,
    is_set_aside,
    opens_with,
    stated_part,
    without_spans,
    without_words,
)
from knowledge.typos import known_words

logger = logging.getLogger(__name__)
# A statement before the question this short only names what the question is about.
SUBJECT_ONLY_WORDS = 6
# Below this confidence a knowledge intent for a statement that names a service is read as a need.
NEED_STATEMENT_DOUBT = 0.7
INFORM_INTENT = "inform"


def question_from(tracker: Tracker, kb: KnowledgeBase, question_only: bool = False) -> Question:
    """The knowledge question of the latest message; `question_only`: its asking sentences alone (an answer
    to the form came before them)."""
    ranking = tracker.latest_message.get("intent_ranking") or [tracker.latest_message.get("intent") or {}]
    language = current_language(tracker)
    text = tracker.latest_message.get("text") or ""
    named = named_terms(tracker, kb)  # found once, filtered twice
    only_a_subject = names_only_terms(text, named, language)  # "and call centre agents?"
    restated = None
    if only_a_subject and not question_only and asks_as_a_follow_up(tracker, language):
        restated = restated_for_a_new_subject(tracker, kb, language, named)
    if restated:
        text, named, ranking = restated
        only_a_subject = False
    if question_only:
        # The classifier read the whole message, mostly the answer: the question's own words pick the topic.
        named = [term for term in named if in_asking_sentence(text, len(term.before))]
        text, ranking = asking_sentences(text), []
    # "Apart from answering phones, what else does a BPO do?" is about the BPO: the first term named may be
    # set aside, when another follows. "And are they trained first, as in call centers?" keeps the subject
    # of the previous question: the term is only the comparison.
    other_subject = len(named) > 1 or bool(tracker.get_slot("last_term"))
    set_aside = len(named) > 1 and is_set_aside(named[0].before, language)
    compared = bool(named) and other_subject and is_compared(named[0].before, language)
    subjects = named[1:] if set_aside or compared else named
    # "… hieß es nur: 'Wir haben Hunderte Callcenter.' Woran liegt das?" compares nothing: the terms of the
    # context told first are not the question's, unless that only names them ("Front or back office – what's
    # the difference?").
    asked = [term for term in subjects if in_asking_sentence(text, len(term.before))]
    if not asked and len(stated_part(text).split()) <= SUBJECT_ONLY_WORDS:
        asked = subjects
    return Question(
        text=text,
        language=language,
        intent_ranking=tuple(
            (item["name"], float(item.get("confidence") or 0.0)) for item in ranking if item.get("name")
        ),
        terms=tuple(terms_among(subjects, language)),
        asked_terms=tuple(terms_among(asked, language)) if asking_sentences(text) != text else None,
        previous_topic=tracker.get_slot("last_topic"),
        previous_subject=tracker.get_slot("last_term"),
        needs=tuple(terms_among(named, language, skip_negated=True)),
        previous_needs=previous_work(tracker, kb, language),
        names_only_its_subject=only_a_subject,
    )


def names_only_terms(text: str, named: list[NamedTerm], language: str) -> bool:
    """Who or what the question is about and nothing else: "and call centre agents?", "und ein
    BPO-Anbieter?". Not work, a channel or hours ("and the working hours?", "e la produzione?"): those ask
    a question of their own about the same subject."""
    if not named or any(found.term.kind not in SUBJECT_KINDS for found in named):
        return False
    spans = [(len(term.before), len(term.before) + len(term.surface)) for term in named]
    rest = without_words(without_spans(text, spans), SUBJECT_NOUNS.get(language, ()))
    return not analyzer_for(language).has_content_word(rest)


def asks_as_a_follow_up(tracker: Tracker, language: str) -> bool:
    """ "And a BPO?", "und ein BPO-Anbieter?" after an answer: not a new question ("What is a BPO?")."""
    if asks_what_it_means(tracker.latest_message.get("text") or "", language):
        return False
    followup = (tracker.latest_message.get("intent") or {}).get("name") == "followup_other"
    return (followup and bool(tracker.get_slot("last_topic"))) or continues_the_topic(tracker)


def restated_for_a_new_subject(
    tracker: Tracker, kb: KnowledgeBase, language: str, named: list[NamedTerm]
) -> tuple[str, list[NamedTerm], list[dict]] | None:
    """ "Und ein BPO-Anbieter?" after "Kann das ein klassisches Callcenter übernehmen?": the visitor's
    previous question with the new subject in place of the one of its kind there (text, terms, and the
    classifier's reading of it), so that its work and its yes or no carry over."""
    previous = previous_user_message(tracker)
    if len(named) != 1 or previous is None:
        return None
    new = named[0]
    text = previous.get("text") or ""
    earlier = terms_of_message(previous, kb, language)
    if names_only_terms(text, earlier, language) or any(found.term == new.term for found in earlier):
        return None  # a follow-up itself ("and a BPO?" then "and a call centre?"), or the same subject
    replaced = [found for found in earlier if found.term.kind == new.term.kind]
    if len(replaced) != 1 or not replaced[0].surface or not previous.get("intent_ranking"):
        return None
    old = replaced[0]
    start = len(old.before)
    restated = text[:start] + new.surface + text[start + len(old.surface) :]
    shift = len(new.surface) - len(old.surface)
    terms = []
    for found in earlier:
        position = len(found.before) + (shift if len(found.before) > start else 0)
        term, surface = (new.term, new.surface) if found is old else (found.term, found.surface)
        terms.append(NamedTerm(term, restated[:position], restated[position + len(surface) :], surface))
    return restated, terms, previous["intent_ranking"]


def previous_user_message(tracker: Tracker) -> dict | None:
    """The visitor's message before the latest one, as Rasa parsed it."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    if len(users) < 2:
        return None
    before = users[-2]
    return {**(before.get("parse_data") or {}), "text": before.get("text") or ""}


def previous_work(tracker: Tracker, kb: KnowledgeBase, language: str) -> tuple[Term, ...]:
    """After a model question: the work it named and the work the form holds, for a follow-up that adds to
    it ("and if a phone hotline comes on top?")."""
    if tracker.get_slot("last_topic") != SERVICE_MODELS_TOPIC:
        return ()
    held = [*(tracker.get_slot("processes") or []), *(tracker.get_slot("channels") or [])]
    users = [event for event in tracker.events if event.get("event") == "user"]
    before = (users[-2].get("parse_data") or {}).get("entities") or [] if len(users) > 1 else []
    named = [e["value"] for e in before if e.get("entity") in WORK_KINDS and isinstance(e.get("value"), str)]
    terms = [kb.term(key, language) for key in held] + [kb.resolve_term(value, language) for value in named]
    return tuple(dict.fromkeys(term for term in terms if term is not None))


def answer_question(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    nothing_found: str | None,
    words_must_match: bool = False,
    inside_form: bool = False,
    question_only: bool = False,
) -> list[EventType]:
    """Reply from the passages the question is about, and remember topic and subject for follow-ups.

    `nothing_found` is the response when no passage fits (None: say nothing, the caller goes on). Inside
    the form the form's own question follows, so no "anything else?" is offered; `question_only` answers
    the asking sentences of a message that answered the form first.
    """
    about_the_last = asks_about_the_last_reply(tracker)
    if about_the_last and not question_only:
        return answer_about_the_last_reply(dispatcher, tracker, about_the_last)
    try:
        question = question_from(tracker, knowledge_base(), question_only)
        reply = answerer().reply(question, words_must_match)
    except SQLAlchemyError:
        logger.exception("knowledge base unreachable")
        dispatcher.utter_message(response="utter_knowledge_unavailable")
        return []
    if reply is None:
        if nothing_found:
            dispatcher.utter_message(response=nothing_found)
        return []
    return send_and_remember(dispatcher, tracker, reply, inside_form)


def states_a_need(tracker: Tracker, however_sure: bool = False) -> bool:
    """ "We'd like to outsource our customer service by phone and chat", taken (unsure) for a question about
    channels: no question mark, a service named (not refused), outside the form. It starts the form instead.
    `however_sure`: for a message taken for an answer, whose intent says nothing about a question."""
    confidence = float((tracker.latest_message.get("intent") or {}).get("confidence") or 0)
    text = tracker.latest_message.get("text") or ""
    language = current_language(tracker)
    if asks_in_any_way(text, language) or tracker.active_loop_name:
        return False
    if confidence >= NEED_STATEMENT_DOUBT and not however_sure:
        return False
    named = named_terms(tracker, knowledge_base(), kinds=("service",))
    needs = {term.key for term in terms_among(named, language, skip_negated=True)}
    # "We're a software house in Krakow. I wonder whether outsourcing our helpline would ...": the work is
    # named in a question asked without its mark, after context (and "Ich leite die Personalabteilung ...
    # Ich frage mich, ob die Lohnabrechnung ...": work named in the context does not make it a need).
    needed = [found for found in named if found.term.key in needs]
    return bool(needed) and not any(asked_indirectly_at(text, len(found.before)) for found in needed)


def asks_in_any_way(text: str, language: str) -> bool:
    """With its mark, "I wonder whether ...", "..., geht das", "what is ...": a question, not a need."""
    return "?" in text or asks_without_its_mark(text) or asks_what_it_means(text, language)


class ActionAnswerQuestion(Action):
    def name(self) -> str:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if states_a_need(tracker):
            return [FollowupAction("prospect_form")]
        return answer_question(dispatcher, tracker, nothing_found="utter_ask_rephrase")


class ActionAnswerFollowup(Action):
    """ "And for BPO?" (same question, new subject) or "and their salaries?" (new question, same subject)."""

    def name(self) -> str:
        return "action_answer_followup"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        return answer_question(dispatcher, tracker, nothing_found="utter_no_previous_topic")


class ActionAnswerOrFallback(Action):
    """Not understood, or off-topic: still a knowledge answer when the words clearly fit a passage
    ("are call center working hours flexible?"); otherwise the usual request to rephrase or out-of-scope."""

    def name(self) -> str:
        return "action_answer_or_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        # An answer outside the form that names work ("Kundenservice rund um die Uhr, auf Deutsch") is a need.
        if intent == INFORM_INTENT and states_a_need(tracker, however_sure=True):
            return [FollowupAction("prospect_form")]
        fallback = "utter_out_of_scope" if intent == "out_of_scope" else "utter_ask_rephrase"
        return answer_question(dispatcher, tracker, nothing_found=fallback, words_must_match=True)


# Help and "are you a bot?" trusted only from this confidence: "anche se siamo una piccola startup?" was
# taken for a bot challenge (0.46), "e cosa c'entra il fuso orario?" for help (0.40).
SURE_SMALL_TALK = 0.6
SMALL_TALK_RESPONSES = {"help": "utter_help", "bot_challenge": "utter_iamabot"}


def continues_the_topic(tracker: Tracker) -> bool:
    """ "e oggi cosa è cambiato?" once a topic was talked about: a follow-up, however sure the classifier is
    that it asks for help."""
    text = tracker.latest_message.get("text") or ""
    openers = FOLLOWUP_OPENERS.get(current_language(tracker), ())
    return bool(tracker.get_slot("last_topic")) and opens_with(text, openers)


class ActionSmallTalk(Action):
    """Help and "are you a bot?": their response, unless the intent is unsure and the words clearly fit a
    knowledge passage (a follow-up question read as small talk)."""

    def name(self) -> str:
        return "action_small_talk"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        intent = tracker.latest_message.get("intent") or {}
        if float(intent.get("confidence") or 0.0) < SURE_SMALL_TALK or continues_the_topic(tracker):
            events = answer_question(dispatcher, tracker, nothing_found=None, words_must_match=True)
            if events or dispatcher.messages:  # an answer, or the apology for an unreachable database
                return events
        dispatcher.utter_message(response=SMALL_TALK_RESPONSES.get(intent.get("name"), "utter_help"))
        return []


class ActionAnswerExamples(Action):
    """ "Give me examples": the examples that go with the previous answer."""

    def name(self) -> str:
        return "action_answer_examples"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        topic = tracker.get_slot("last_topic")
        if not topic:
            # "What counts as BPO? Give me a few examples that aren't phones": the message names its topic.
            names_a_term = bool(message_terms(tracker, knowledge_base()))
            return answer_question(
                dispatcher, tracker, "utter_no_examples", words_must_match=not names_a_term
            )
        kb, language = knowledge_base(), current_language(tracker)
        terms = message_terms(tracker, kb) or last_subject(tracker, kb)
        try:
            examples = answerer().examples(topic, language, terms)
        except SQLAlchemyError:
            logger.exception("knowledge base unreachable")
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        if examples is None:
            return self._without_examples(dispatcher, tracker, topic, terms)
        send_reply(dispatcher, examples)
        subject = remembered_subject(examples, terms[0].key if terms else None)
        return [SlotSet("last_topic", examples.topic), SlotSet("last_term", subject)]

    @staticmethod
    def _without_examples(
        dispatcher: CollectingDispatcher, tracker: Tracker, topic: str, terms: list
    ) -> list[EventType]:
        """A topic with no examples: "anche roba più esotica tipo arabo o cinese?" names its own subject and
        gets its answer if the words fit; "which ones exactly?" gets the previous answer in short."""
        said = len(dispatcher.messages)
        events = answer_question(dispatcher, tracker, None, words_must_match=True)
        if events or len(dispatcher.messages) > said:
            return events
        try:
            reply = answerer().in_short(topic, current_language(tracker), terms)
        except SQLAlchemyError:
            logger.exception("knowledge base unreachable")
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        if reply is None:
            dispatcher.utter_message(response="utter_no_examples")
            return []
        dispatcher.utter_message(response="utter_no_examples_in_short")
        return send_and_remember(dispatcher, tracker, reply)


def warm_up() -> None:
    """Build the passage indexes and read the word lists of the typo check (spaCy's lemma tables take
    seconds to load) before the first question."""
    try:
        for language in SUPPORTED_LANGUAGES:
            known_words(language)
            answerer().ranker.index(language)
    except Exception:  # no database yet: the first question builds them instead
        logger.debug("passage indexes not warmed up", exc_info=True)


threading.Thread(target=warm_up, name="passage-index-warm-up", daemon=True).start()
