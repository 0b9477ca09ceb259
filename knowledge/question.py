"""A visitor's knowledge question and what its words ask, apart from the passages that answer it: whether it
opens like a follow-up, asks which service model fits, or compares two terms. Plain data and text, tested
without Rasa; knowledge.answering composes the reply from these readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.followup_words import (
    DEMONSTRATIVES,
    FOLLOWUP_OPENERS,
    MORE_WORDS,
    OTHER_ONE_WORDS,
    PAST_CUES,
    PAST_NEED_VERBS,
    POLITE_WORDS,
    PRESENT_CUES,
    REFERRING_WORDS,
    SOURCE_WORDS,
)
from knowledge.glossary import Term
from knowledge.languages import (
    ADDED_WORK_CUES,
    MEANING_WORDS,
)
from knowledge.model_choice_words import (
    BILLING_MODELS,
    MODEL_CHOICE_QUESTIONS,
    MODEL_CHOICE_WORDS,
    MODEL_PAIR_CHOICES,
    MODEL_PAIR_QUESTION_WORDS,
)
from knowledge.queries import Passage
from knowledge.recommender import model_for_terms
from knowledge.text_analysis import analyzer_for, asking_sentences, opens_with, sentences, without_words
from knowledge.work_description import mentions_phrase

# The topic that presents the service models, and the kinds of term that name work a model is chosen for.
SERVICE_MODELS_TOPIC = "service_models"
# The topic that tells how BPO and call centers began.
HISTORY_TOPIC = "history"
WORK_KINDS = ("service", "channel", "office")
# The kinds of term a question is asked about (call centers, BPO, their staff), not work it names.
SUBJECT_KINDS = ("outsourcing_type", "role")


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    intent_ranking: tuple[tuple[str, float], ...]  # (intent, confidence), best first
    terms: tuple[Term, ...] = ()  # glossary terms named, in order of appearance
    previous_topic: str | None = None
    previous_subject: str | None = None  # term key
    # The work the visitor needs, for the model that fits it: the terms without those said no to ("we don't
    # need customer service, only payroll"). None: the same as `terms`.
    needs: tuple[Term, ...] | None = None

    @property
    def top_intent(self) -> str | None:
        return self.intent_ranking[0][0] if self.intent_ranking else None

    # The work of the model question answered just before ("which model for data entry?"), for a follow-up
    # that adds to it ("and if a phone hotline comes on top?").
    previous_needs: tuple[Term, ...] = ()
    # The terms named in the sentences that ask, when others only tell (None: every sentence counts).
    asked_terms: tuple[Term, ...] | None = None
    # Nothing but the terms and words that carry no content ("and call-centre agents?", "und beim BPO?"): a
    # new subject for the previous question.
    names_only_its_subject: bool = False

    @property
    def terms_asked_about(self) -> tuple[Term, ...]:
        return self.terms if self.asked_terms is None else self.asked_terms

    @property
    def needed_terms(self) -> tuple[Term, ...]:
        named = self.terms if self.needs is None else self.needs
        if adds_to_the_previous_work(self):
            return tuple(dict.fromkeys([*self.previous_needs, *named]))
        return named


def asks_one_word(question: Question) -> bool:
    """ "Costs?", "salaries?": one content word asks one thing, so another topic that shares the word (the
    "cost-driven" history) has nothing to add."""
    return len(analyzer_for(question.language).content_words(question.text).split()) < 2


# "And what about the other one, then?", "what else?", "source?": such follow-ups are this short.
MAX_SHORT_FOLLOWUP_WORDS = 7


def asks_for_the_other_one(question: Question) -> bool:
    """ "Und das andere?", "e l'altro?", "and what about the other one?" after an answer about one of a pair:
    nothing else of content ("and the other languages?" asks about languages)."""
    return _says_only(question.text, question.language, OTHER_ONE_WORDS)


def asks_for_more(text: str, language: str) -> bool:
    """ "What else?", "was noch?", "e poi?": more of the answer just given, and not another word but an
    opener ("and", "und") or "please" ("was it more before?" asks something else)."""
    rest = _rest_beside(text, language, MORE_WORDS)
    fillers = {*FOLLOWUP_OPENERS.get(language, ()), *POLITE_WORDS.get(language, ())}
    return rest is not None and not set(re.findall(r"[\w']+", rest.lower())) - fillers


def asks_for_the_source(text: str, language: str) -> bool:
    """ "Source?", "what's your source?", "Quelle?", "fonte?": where the answer just given comes from."""
    return _says_only(text, language, SOURCE_WORDS)


def _says_only(text: str, language: str, phrases: dict[str, tuple[str, ...]]) -> bool:
    """A short message that uses one of the phrases and has no content word besides."""
    rest = _rest_beside(text, language, phrases)
    return rest is not None and not analyzer_for(language).has_content_word(rest)


def _rest_beside(text: str, language: str, phrases: dict[str, tuple[str, ...]]) -> str | None:
    """What a short message says besides the phrases it uses; None when it is not short or uses none."""
    if len(text.split()) > MAX_SHORT_FOLLOWUP_WORDS:
        return None
    text = text.replace("’", "'")
    rest = without_words(text, phrases.get(language, ()))
    return rest if rest != text else None


def opens_like_a_followup(question: Question) -> bool:
    return opens_with(question.text, FOLLOWUP_OPENERS.get(question.language, ()))


# A message this short that points back ("was it ever higher?") continues what was said; a longer one
# uses "it" and "they" in questions of its own.
REFERRING_MAX_WORDS = 8


def refers_back(question: Question, pointing: dict[str, tuple[str, ...]] = REFERRING_WORDS) -> bool:
    """ "Was it ever higher?", "e a quei tempi servivano persone qualificate?": short, no term of its own, a
    word that points at the previous answer."""
    words = question.text.split()
    if question.terms or len(words) > REFERRING_MAX_WORDS:
        return False
    return mentions_phrase(question.text, {question.language: pointing.get(question.language, ())})


def asks_about_the_past(question: Question) -> bool:
    """ "Did those jobs need skilled staff back then?", "Brauchte man dafür damals gut ausgebildete Leute?":
    a time phrase of the past (past verbs alone also say "und wie war das mit den Gehältern?"); just after
    the history, a past "need" too ("servivano persone qualificate?")."""
    language = question.language
    in_the_past = mentions_phrase(question.text, {language: PAST_CUES.get(language, ())})
    return in_the_past or asks_what_was_needed(question)


def asks_what_was_needed(question: Question) -> bool:
    """ "Servivano persone qualificate?", "brauchte man dafür Fachleute?" just after the history."""
    language = question.language
    needed = mentions_phrase(question.text, {language: PAST_NEED_VERBS.get(language, ())})
    today = mentions_phrase(question.text, {language: PRESENT_CUES.get(language, ())})
    return needed and not today and question.previous_topic == HISTORY_TOPIC


def points_back_at_the_history(question: Question) -> bool:
    """ "Were those jobs highly skilled?", "did they need skilled staff?" just after the history: about the
    jobs it told of, back then (not "and do those jobs need a degree today?")."""
    today = mentions_phrase(question.text, {question.language: PRESENT_CUES.get(question.language, ())})
    pointing = refers_back(question, DEMONSTRATIVES) or asks_what_was_needed(question)
    return question.previous_topic == HISTORY_TOPIC and pointing and not today


def about_the_past(passage: Passage) -> bool:
    """The passage's keywords say it tells the past ("back then", "all'epoca", "damals")."""
    cues = PAST_CUES.get(passage.language, ())
    return any(keyword.lower() in cues for keyword in passage.keywords)


def asks_which_model(question: Question) -> bool:
    """ "Which model fits if we only need a phone hotline?": a choice among the models for work the glossary
    knows. Both offices named is a classification question ("HR: front or back office, which one fits?").
    After a model question, "and if a phone hotline comes on top?" asks it again for all the work."""
    if adds_to_the_previous_work(question):
        return model_for_terms(question.needed_terms) is not None
    offices = {term.key for term in question.terms if term.kind == "office"}
    return (
        words_ask_for_a_model(question.text, question.language)
        and len(offices) < 2
        and model_for_terms(question.needed_terms) is not None
    )


def adds_to_the_previous_work(question: Question) -> bool:
    """ "Und wenn noch eine Kundenhotline dazukommt?", "e se aggiungiamo la chat?": work named, with words
    that add it, after the model question answered just before."""
    if question.previous_topic != SERVICE_MODELS_TOPIC or not question.previous_needs:
        return False
    named = question.terms if question.needs is None else question.needs
    work = [term for term in named if term.kind in WORK_KINDS]
    offices = {term.key for term in named if term.kind == "office"}
    # "And what does front office mean?" adds no work: it asks what a word means.
    return (
        bool(work)
        and len(offices) < 2
        and says_it_adds_work(question.text, question.language)
        and not asks_meaning(question)
    )


def says_it_adds_work(text: str, language: str) -> bool:
    """ "... dazukommt", "e se aggiungiamo ...", "on top": words that add work to what was asked before."""
    return mentions_phrase(text, {language: ADDED_WORK_CUES.get(language, ())})


def asks_meaning(question: Question) -> bool:
    return mentions_phrase(question.text, {question.language: MEANING_WORDS.get(question.language, ())})


def words_ask_for_a_model(text: str, language: str) -> bool:
    """ "Which model ...", "what would you recommend", "abbia senso un call center o qualcos'altro": asked in
    so many words, with or without a question mark; not "quale/quali modelli di tariffazione" (billing)."""
    if re.search(BILLING_MODELS, text.lower()):
        return False
    return mentions_phrase(text, MODEL_CHOICE_WORDS) or names_a_model_choice(text, language)


def names_a_model_choice(text: str, language: str) -> bool:
    """ "Which option fits?", "che tipo di soluzione sarebbe?": asked in an asking sentence of the message."""
    asking = asking_sentences(text).lower()
    pattern = MODEL_CHOICE_QUESTIONS.get(language)
    if pattern and re.search(pattern, asking):
        return True
    return any(offers_the_models_as_the_choice(sentence, language) for _, sentence, _ in sentences(asking))


def offers_the_models_as_the_choice(sentence: str, language: str) -> bool:
    """ "Payroll and the customer chat: call center or BPO?", not "who earns more, call center or BPO?"."""
    pair = re.search(MODEL_PAIR_CHOICES.get(language, r"(?!)"), sentence)
    if pair is None:
        return False
    asked_before = set(re.findall(r"\w+", sentence[: pair.start()]))
    return not asked_before.intersection(MODEL_PAIR_QUESTION_WORDS.get(language, ()))


def compared_terms(terms: tuple[Term, ...]) -> tuple[Term, Term] | None:
    """The first two named terms of the same kind: "HR versus customer care", "front or back office". Not
    the choice a narrower term is put to ("Is HR back office or front office?" asks where HR belongs)."""
    pair = _first_pair(terms)
    return None if pair is None or choice_offered(terms) else pair


# The terms a question puts to the two offices ("Is HR back office or front office?").
PLACED_KINDS = ("service", "channel")


def choice_offered(terms: tuple[Term, ...]) -> tuple[Term, Term] | None:
    """The two terms a narrower one is to be placed in: back and front office for "Is HR back office or
    front office?" (the subject is HR, not the offices)."""
    pair = _first_pair(terms)
    if pair is None or pair[0].kind != "office":
        return None  # "Do agents earn more in a call center or in a BPO?" compares the two
    placed = any(term.broader in (pair[0].key, pair[1].key) for term in terms if term.kind in PLACED_KINDS)
    return pair if placed else None


def _first_pair(terms: tuple[Term, ...]) -> tuple[Term, Term] | None:
    for index, first in enumerate(terms):
        for second in terms[index + 1 :]:
            if first.kind == second.kind and first.key != second.key:
                return first, second
    return None
