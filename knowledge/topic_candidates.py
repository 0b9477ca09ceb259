"""Which knowledge topics compete to answer a question, each with a prior: the classifier's top intents
(the top one alone when it is sure), the topic talked about just before (with a prior when the message
continues it), the service models for a question asking which one fits, the history for a question about
the past, and the topics whose passages the words fit best (no prior). knowledge.answering then ranks the
candidates' passages by prior plus word relevance. Plain Python, tested through knowledge.answering.
"""

from __future__ import annotations

from collections.abc import Callable

from knowledge.queries import Answer
from knowledge.question import (
    HISTORY_TOPIC,
    SERVICE_MODELS_TOPIC,
    Question,
    adds_to_the_previous_work,
    asks_about_the_past,
    asks_for_the_other_one,
    asks_which_model,
    opens_like_a_followup,
    points_back_at_the_history,
    refers_back,
)
from knowledge.ranking import PassageRanker
from knowledge.text_analysis import analyzer_for, asking_sentences

# The top intent wins alone when it leads the next knowledge intent by at least this much.
CONFIDENT_MARGIN = 0.3
# ... unless it is below this: then a runner-up of this confidence at least stays a candidate, with its prior
# ("Zeitverschiebung ... wie ist das bei euch in Albanien?": salaries 0.65, nearshore 0.20 and the words).
SURE_INTENT = 0.8
RUNNER_UP_FLOOR = 0.15
MAX_CANDIDATE_TOPICS = 3
# Topics whose passages fit the question's words best join the candidates, with no prior of their own,
# when the fit is this good at least (well above what off-topic text reaches).
WORD_CANDIDATES = 3
WORD_CANDIDATE_MATCH = 0.3
FOLLOWUP_INTENT = "followup_other"
# A question asking which model to choose gives the service models' topic (SERVICE_MODELS_TOPIC, whose answer
# then leads with the model the named work needs) this prior: it wins over topics the classifier or
# a shared word suggests ("Kundenkontakt" in the reasons), while another topic that both the classifier and
# the words clearly favour can still win (it is a prior, not the only candidate).
MODEL_CHOICE_PRIOR = 1.2
# Work added after a model question ("und wenn noch eine Kundenhotline dazukommt?") asks the model again: its
# words are the work's (the channels' topic fits them better), so the models' topic must win outright.
ADDED_WORK_PRIOR = 2.0
# "And for BPO?" (a new subject): the previous question is the likely one. "And what do they earn?" (no
# subject): a new question, so the previous topic is only a weak candidate beside the intents suggested.
PREVIOUS_TOPIC_PRIOR = 0.5
# ... and a weak one when it names no subject and the classifier suggests a new question.
PREVIOUS_TOPIC_PRIOR_NO_SUBJECT = 0.05
# ... and more than any classifier confidence, for a follow-up of the history that asks about the past or
# points back at it (the classifier hears "were those jobs highly skilled?" as a question about skills).
PAST_FOLLOWUP_PRIOR = 1.5
# A question with a time phrase of the past brings in the history as a candidate with this prior, whatever
# came before: the classifier hears "ai tempi, cosa serviva per lavorare in un call center?" as skills.
PAST_QUESTION_PRIOR = 0.5
# A follow-up pointing back at the history stays on it when the history's words fit it at least this share
# as well as the topics the classifier suggests ("e quei lavori richiedevano personale qualificato?": 0.56
# against the skills' 0.73; "and what did those people earn?": 0.19 against the salaries' 0.39).
HISTORY_FIT_SHARE = 0.7
# A follow-up without a subject asks a new question when the classifier suggests one at least this strongly.
NEW_QUESTION_CONFIDENCE = 0.25


class TopicCandidates:
    """The candidate topics of a question; the lookups are the answerer's (cached per content digest)."""

    def __init__(
        self,
        ranker: PassageRanker,
        topic_for_intent: Callable[[str], str | None],
        default_answer: Callable[[str, str], Answer | None],
    ):
        self.ranker = ranker
        self._topic_for_intent = topic_for_intent
        self._default_answer = default_answer

    def for_question(self, question: Question) -> dict[str, float]:
        """Knowledge topics with their priors, best first, then the topics the words point at (prior 0)."""
        if (
            question.top_intent == FOLLOWUP_INTENT
            and question.previous_topic
            and question.names_only_its_subject
        ):
            # "And call-centre agents?" after the average wage: the same question, whatever the other intents
            # and the words ("agents" fits their skills best) suggest.
            return {question.previous_topic: PREVIOUS_TOPIC_PRIOR}
        candidates = self._intent_topics(question)
        if asks_which_model(question):
            added = adds_to_the_previous_work(question)
            candidates[SERVICE_MODELS_TOPIC] = ADDED_WORK_PRIOR if added else MODEL_CHOICE_PRIOR
        top_intent = question.top_intent
        if top_intent == FOLLOWUP_INTENT and not question.previous_topic:
            return candidates  # "and for BPO?" with nothing before: no subject's words to go on
        if top_intent == FOLLOWUP_INTENT and (
            not has_content_word(question) or asks_for_the_other_one(question)
        ):
            # "why?", "perché?", "und das andere?" ask about the topic just told: the word "why" alone must
            # not bring in the reasons to outsource, nor the classifier's noise below the follow-up.
            return {question.previous_topic: candidates.get(question.previous_topic, PREVIOUS_TOPIC_PRIOR)}
        # The words of what it asks, and of the whole message: context told first ("my nephew in Tirana
        # speaks German") must not crowd out the question ("what are the hours usually like?").
        for text in dict.fromkeys([asking_sentences(question.text), question.text]):
            found = self.ranker.best_topics(text, question.language, WORD_CANDIDATES, WORD_CANDIDATE_MATCH)
            for topic in found:
                candidates.setdefault(topic, 0.0)
        return candidates

    def _intent_topics(self, question: Question) -> dict[str, float]:
        ranked = [
            (topic, confidence)
            for intent, confidence in question.intent_ranking
            if (topic := self._topic_for_intent(intent))
        ]
        candidates: dict[str, float] = {}
        top_intent = question.top_intent
        if top_intent == FOLLOWUP_INTENT and question.previous_topic:
            asks_anew = (
                not question.terms
                and ranked
                and ranked[0][1] >= NEW_QUESTION_CONFIDENCE
                and not refers_back(question)
            )
            candidates[question.previous_topic] = (
                PREVIOUS_TOPIC_PRIOR_NO_SUBJECT if asks_anew else PREVIOUS_TOPIC_PRIOR
            )
        if ranked:
            best = ranked[0][1]
            for topic, confidence in ranked[:MAX_CANDIDATE_TOPICS]:
                keeps_runner_up = best < SURE_INTENT and confidence >= RUNNER_UP_FLOOR
                if best - confidence < CONFIDENT_MARGIN or keeps_runner_up:
                    candidates.setdefault(topic, confidence)
        if question.previous_topic:
            # Whatever the intent, the topic just talked about stays in the running: on its words alone,
            # or with a prior when the message opens like a follow-up ("and is that number going down?")
            # or points back at it ("was it ever higher?").
            continues = opens_like_a_followup(question) or refers_back(question)
            prior = PREVIOUS_TOPIC_PRIOR if continues else 0.0
            if self._asks_about_the_history_told(question, candidates):
                prior = PAST_FOLLOWUP_PRIOR
            candidates[question.previous_topic] = max(candidates.get(question.previous_topic, 0.0), prior)
        if asks_about_the_past(question):
            # "Ai tempi, cosa bisognava saper fare per lavorare in un call center?": the history may answer.
            candidates[HISTORY_TOPIC] = max(candidates.get(HISTORY_TOPIC, 0.0), PAST_QUESTION_PRIOR)
        return dict(sorted(candidates.items(), key=lambda item: -item[1]))

    def _asks_about_the_history_told(self, question: Question, candidates: dict[str, float]) -> bool:
        """ "Did they need skilled staff back then?" after the history, or "were those jobs highly skilled?"
        when the history's words fit it nearly as well as the topics the classifier suggests do ("and what did
        those people earn?" asks about salaries: the history has no word of it)."""
        if question.previous_topic != HISTORY_TOPIC:
            return False
        if asks_about_the_past(question):
            return True
        if not points_back_at_the_history(question):
            return False
        fit = {topic: self._best_fit(question, topic) for topic in {*candidates, HISTORY_TOPIC}}
        return fit[HISTORY_TOPIC] >= HISTORY_FIT_SHARE * max(fit.values())

    def _best_fit(self, question: Question, topic: str) -> float:
        """How well the question's words fit the topic's best passage (0 when it has no answer)."""
        answer = self._default_answer(topic, question.language)
        if answer is None:
            return 0.0
        return max(self.ranker.relevance(question.text, question.language, list(answer.passages)).values())


def has_content_word(question: Question) -> bool:
    return analyzer_for(question.language).has_content_word(question.text)
