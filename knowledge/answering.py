"""Compose the reply to a knowledge question from passages: the part the question is about comes first.

Inputs are plain data (the question's text, the intent classifier's ranking, the glossary terms it names and
what the conversation talked about last), so this is tested without Rasa. The steps:
1. candidate topics (knowledge.topic_candidates): the top intent's topic; when the classifier is unsure
   (small margin between its top intents) the top two or three compete, each with its confidence as a
   prior, beside the previous topic, the service models or the history when the question asks for them;
2. the subject: the terms the question names, else the previous subject ("and their salaries?");
3. two terms of the same kind ("HR versus customer care") are compared: each side's answer, labelled;
4. otherwise the passages of each candidate's answer are ranked by prior plus word relevance, and the reply
   leads with the passages the question is about;
5. a passage of another candidate topic that fits about as well and adds a fact follows the leading ones;
   it must fit the question itself, not only the context told before it ("We serve Italian customers from
   Albania. What profile do the agents have?" is about skills, not about the Italian call-center law).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from knowledge.content_schema import DEFAULT_VARIANT
from knowledge.glossary import Term
from knowledge.passage_selection import lead_with_relevant, with_new_information
from knowledge.queries import Answer, KnowledgeBase, Passage, RelatedTopic, SourceRef
from knowledge.question import (
    SERVICE_MODELS_TOPIC,
    SUBJECT_KINDS,
    Question,
    about_the_past,
    asks_about_the_past,
    asks_for_the_other_one,
    asks_one_word,
    asks_which_model,
    choice_offered,
    compared_terms,
    opens_like_a_followup,
    points_back_at_the_history,
)
from knowledge.ranking import STRONG_MATCH, PassageRanker, passage_key
from knowledge.recommender import model_for_terms
from knowledge.text_analysis import asking_sentences
from knowledge.topic_candidates import FOLLOWUP_INTENT, TopicCandidates
from knowledge.verdict import does_the_work, with_verdict

# How much the classifier's confidence in a topic counts against the words' relevance (0 to about 1): a
# confident intent usually decides, but a question whose words clearly name another topic's passage ("what's
# AHT?" taken for "what is a call center?") is answered from that passage.
PRIOR_WEIGHT = 0.4
# A question about the past favours, by this much relevance, the passages whose keywords are about the past
# ("back then", "damals"): "did they need skilled staff back then?" asks about the early workforce, not
# today's. Pointing back at the history's jobs ("waren diese Jobs hoch qualifiziert?") has no time phrase
# of its own to find those passages with, so it favours them more.
PAST_PASSAGE_BONUS = 0.05
POINTED_PAST_PASSAGE_BONUS = 0.2
# A term-specific answer counts as a clear match for a message the classifier took for something else when
# the topic still had this much of its confidence.
NAMED_TERM_PRIOR = 0.2
# ... or when the classifier nearly chose the topic: its confidence is this close to the top intent's
# ("vorremmo tagliare i costi del customer care, conviene esternalizzare?": a recommendation 0.52, the
# reasons to outsource 0.47).
NEAR_TIE_MARGIN = 0.1
NEAR_TIE_FLOOR = 0.3
NLU_FALLBACK = "nlu_fallback"
# The passages an answer given again in short keeps.
SHORT_ANSWER_PASSAGES = 2
# "What else?": at most this many passages of the answer not shown yet.
MORE_PASSAGES = 3


@dataclass(frozen=True)
class Reply:
    topic: str
    subject: str | None  # the term the reply was about, remembered for follow-ups
    language: str
    is_fallback: bool  # the requested language had no text
    text: str
    passages: tuple[Passage, ...]
    sources: tuple[SourceRef, ...]  # of the facts of the passages shown
    related: tuple[RelatedTopic, ...]


def answers_a_named_term(question: Question, answer: Answer, prior: float) -> bool:
    """An answer written for a term the visitor named, on a topic the classifier saw too: "supporto in
    polacco, si può fare?" opening the form gets the answer for languages not served (Polish is one)."""
    if answer.variant == DEFAULT_VARIANT or prior < NAMED_TERM_PRIOR:
        return False
    # "BPO", "call center" and "agent" name the whole subject of this assistant, not a specific question.
    specific = [term for term in question.terms if term.kind not in SUBJECT_KINDS]
    named = {term.key for term in specific} | {term.broader for term in specific if term.broader}
    return answer.variant in named


class Answerer:
    def __init__(self, kb: KnowledgeBase, ranker: PassageRanker | None = None):
        self.kb = kb
        self.ranker = ranker or PassageRanker(kb)
        # Answers and intent topics read from the database, kept until the content digest changes (`make
        # kb`): a reply looks at up to a dozen candidate answers, each several queries.
        self._cache: dict[tuple, object] = {}
        self._cache_digest: str | None = None
        self._cache_lock = threading.Lock()
        self.candidates = TopicCandidates(
            self.ranker, self._topic_for_intent, lambda topic, language: self._answer(topic, language, None)
        )

    def _answer(self, topic: str, language: str, term_key: str | None, kind: str = "answer") -> Answer | None:
        return self._cached(("answer", topic, language, term_key, kind), self.kb.answer)

    def _topic_for_intent(self, intent: str) -> str | None:
        return self._cached(("topic", intent), self.kb.topic_for_intent)

    def _cached(self, key: tuple, query):
        """`query(*key[1:])`, read once per content digest."""
        digest = self.kb.content_digest()
        with self._cache_lock:
            if digest != self._cache_digest:
                self._cache, self._cache_digest = {}, digest
            if key in self._cache:
                return self._cache[key]
        value = query(*key[1:])
        with self._cache_lock:
            if digest == self._cache_digest:
                self._cache[key] = value
        return value

    def reply(self, question: Question, words_must_match: bool = False) -> Reply | None:
        """The reply, or None when nothing fits. `words_must_match` asks for a clear word match as well,
        for messages the classifier did not take for a knowledge question at all."""
        carried = self._carried_subject(question)
        subjects = [*question.terms, carried] if carried else list(question.terms)
        offered = choice_offered(question.terms_asked_about) or ()
        subjects = [term for term in subjects if term not in offered]  # "HR: back or front office?"
        answers = [
            (topic, answer, prior)
            for topic, prior in self.candidate_topics(question).items()
            if (answer := self._answer_about(topic, question.language, subjects))
        ]
        if not answers:
            return None
        topic, answer, relevance, elsewhere = self._best(question, answers)
        if words_must_match and not self._clearly_about_content(question, topic, relevance):
            prior = next(p for t, _, p in answers if t == topic)
            # "We just need the phones answered. Which of your services would fit?" opening the form.
            chooses_a_model = topic == SERVICE_MODELS_TOPIC and asks_which_model(question)
            nearly_chosen = self._nearly_chosen(question, topic)
            if not (answers_a_named_term(question, answer, prior) or chooses_a_model or nearly_chosen):
                return None
        compared = compared_terms(question.terms_asked_about)
        comparison = self._comparison(question, topic, compared) if compared else None
        if comparison:
            return comparison
        elsewhere = {} if asks_one_word(question) else self._fitting_the_question_itself(question, elsewhere)
        leading = lead_with_relevant(answer.passages, relevance)

        def adds_to(passage: Passage) -> bool:
            """A fact the reply does not show, or words of the question it does not answer."""
            shown = {fact for p in leading for fact in p.facts}
            asked = asking_sentences(question.text)
            words = self.ranker.words_only_in(asked, question.language, passage, leading)
            return bool(set(passage.facts) - shown or words)

        chosen = with_new_information(elsewhere, leading, relevance, adds_to)
        reply = self._reply(answer, chosen, subject_of(answer, question, carried))
        if topic == SERVICE_MODELS_TOPIC:
            reply = self._with_fitting_model(reply, question)
        asked = question.terms_asked_about
        told_before = tuple(term for term in question.terms if term not in asked)
        verdict = does_the_work(question.text, question.language, asked, reply.topic, told_before)
        return Reply(**{**reply.__dict__, "text": with_verdict(reply.text, verdict, reply.language)})

    def _fitting_the_question_itself(
        self, question: Question, elsewhere: dict[Passage, float]
    ) -> dict[Passage, float]:
        """Other topics' passages scored by the lower of their fit to the whole message and to its asking
        sentences, so that context told before a question does not bring in another topic."""
        asked = asking_sentences(question.text)
        if asked == question.text or not elsewhere:
            return elsewhere
        fit = self.ranker.relevance(asked, question.language, list(elsewhere))
        return {p: min(score, fit[passage_key(p)]) for p, score in elsewhere.items()}

    def _nearly_chosen(self, question: Question, topic: str) -> bool:
        """The classifier's own confidence in the topic is real (not a prior added for follow-ups) and close
        to its top intent's, Rasa's nlu_fallback aside."""
        ranking = [
            (intent, confidence) for intent, confidence in question.intent_ranking if intent != NLU_FALLBACK
        ]
        own = max((c for intent, c in ranking if self._topic_for_intent(intent) == topic), default=0.0)
        return bool(ranking) and own >= NEAR_TIE_FLOOR and ranking[0][1] - own < NEAR_TIE_MARGIN

    def _clearly_about_content(self, question: Question, topic: str, relevance: dict) -> bool:
        """A strong word match, and words of this content named (not just a question's shape), unless
        it continues the topic just talked about ("and today?", "what is the counterpart?")."""
        if max(relevance.values(), default=0.0) < STRONG_MATCH:
            return False
        if topic == question.previous_topic:
            return True
        return bool(question.terms) or self.ranker.names_a_keyword(question.text, question.language)

    def _with_fitting_model(self, reply: Reply, question: Question) -> Reply:
        """The model the named work needs, in bold with its summary, before the overview of the models."""
        code = model_for_terms(question.needed_terms)
        model = self.kb.service_model(code, question.language) if code else None
        if model is None:
            return reply
        facts = tuple(dict.fromkeys([*model.facts, *(f for p in reply.passages for f in p.facts)]))
        text = f"**{model.name}**: {model.summary}\n{reply.text}"
        return Reply(
            **{**reply.__dict__, "text": text, "sources": self.kb.sources_of_facts(facts, reply.language)}
        )

    def candidate_topics(self, question: Question) -> dict[str, float]:
        """Knowledge topics with their priors, best first, then the topics the words point at (prior 0)."""
        return self.candidates.for_question(question)

    def in_short(self, topic: str, language: str, subjects: list[Term]) -> Reply | None:
        """The opening passages of the answer about the subject, for "which ones exactly?" after an answer
        that has no examples of its own: those passages carry its list."""
        answer = self._answer_about(topic, language, subjects)
        if answer is None:
            return None
        subject = remembered_subject(answer, subjects[0].key if subjects else None)
        return self._reply(answer, answer.passages[:SHORT_ANSWER_PASSAGES], subject)

    def _carried_subject(self, question: Question) -> Term | None:
        """The previous subject, for a question that names none ("and their salaries?") or a follow-up that
        names only a term of another kind ("und wie schaut's mit den Arbeitszeiten aus?")."""
        if not question.previous_subject:
            return None
        previous = self.kb.term(question.previous_subject, question.language)
        if previous is not None and not question.terms and asks_for_the_other_one(question):
            return self._other_of_the_pair(previous, question.language)  # None: the topic's own answer
        if previous is None or not question.terms:
            return previous
        followup = question.top_intent == FOLLOWUP_INTENT or opens_like_a_followup(question)
        return previous if followup and self._names_another_question(question, previous) else None

    def _other_of_the_pair(self, term: Term, language: str) -> Term | None:
        """Back office for front office, the call center for the BPO: the one other term of its kind."""
        others = [other for other in self.kb.terms(term.kind, language) if other.key != term.key]
        return others[0] if len(others) == 1 else None

    def _names_another_question(self, question: Question, previous: Term) -> bool:
        """ "Und wie schaut's mit den Arbeitszeiten aus?" after the skills of call-center agents: the terms
        named are no new subject for the previous question (not of the previous subject's kind, no answer of
        their own there), so the previous subject stays (the words find the question: flexible hours)."""
        if any(term.kind == previous.kind for term in question.terms):
            return False
        return not any(
            (answer := self._answer(question.previous_topic, question.language, term.key)) is not None
            and answer.variant != DEFAULT_VARIANT
            for term in question.terms
        )

    def rest_of_the_answer(self, topic: str, language: str, subjects: list[Term], shown: str) -> Reply | None:
        """ "What else?", "was noch?": the passages of the answer about the subject, then of the topic's
        general answer, that the text `shown` (the replies just given) does not contain yet; None when it
        showed them all."""
        answer = self._answer_about(topic, language, subjects)
        if answer is None:
            return None
        unseen = tuple(p for p in self._passages_told(topic, language, answer) if p.text not in shown)
        if not unseen:
            return None
        subject = remembered_subject(answer, subjects[0].key if subjects else None)
        return self._reply(answer, unseen[:MORE_PASSAGES], subject)

    def sources_shown(
        self, topic: str, language: str, subjects: list[Term], shown: str
    ) -> tuple[SourceRef, ...]:
        """ "Source?", "Quelle?": where the facts of the topic's passages in `shown` come from (those of the
        whole answer when `shown` holds none of them)."""
        answer = self._answer_about(topic, language, subjects)
        if answer is None:
            return ()
        told = self._passages_told(topic, language, answer)
        passages = [p for p in told if p.text in shown] or list(answer.passages)
        return self.kb.sources_of_facts(tuple(dict.fromkeys(f for p in passages for f in p.facts)), language)

    def _passages_told(self, topic: str, language: str, answer: Answer) -> list[Passage]:
        """The answer's passages, then those of the topic's general answer ("was noch?" after the BPO's
        history gets the call centers' once the BPO's were all shown), once each."""
        general = self._answer(topic, language, None) if answer.variant != DEFAULT_VARIANT else None
        candidates = [*answer.passages, *(general.passages if general else ())]
        return list({p.text: p for p in candidates}.values())

    def examples(self, topic: str, language: str, subjects: list[Term]) -> Answer | None:
        """The examples that go with the answer about the subject ("give me examples")."""
        return self._answer_about(topic, language, subjects, kind="examples")

    def _answer_about(
        self, topic: str, language: str, subjects: list[Term], kind: str = "answer"
    ) -> Answer | None:
        """The answer specific to the first subject with a variant or counterpart, else the default. Subjects
        whose variants here are two of a kind ("who is more qualified, a call-center agent or a BPO
        employee, and who earns more?": call center and BPO) get the default answer, which speaks of both;
        "do all BPOs offer back office too?" keeps the BPO's answer."""
        specific = [
            answer
            for term in subjects
            if (answer := self._answer(topic, language, term.key, kind)) is not None
            and (answer.variant != DEFAULT_VARIANT or answer.topic != topic)
        ]
        if specific and not self._two_of_a_kind([a.variant for a in specific if a.topic == topic], language):
            return specific[0]
        first = subjects[0].key if subjects and not specific else None
        return self._answer(topic, language, first, kind)

    def _two_of_a_kind(self, variants: list[str], language: str) -> bool:
        kinds = [term.kind for key in dict.fromkeys(variants) if (term := self._term(key, language))]
        return len(kinds) != len(set(kinds))

    def _term(self, key: str, language: str) -> Term | None:
        return self._cached(("term", key, language), self.kb.term)

    def _best(
        self, question: Question, answers: list[tuple[str, Answer, float]]
    ) -> tuple[str, Answer, dict, dict[Passage, float]]:
        """The candidate whose best passage scores highest (prior plus relevance), the relevances of its
        passages, and those of the other candidates' passages."""
        passages = [p for _, answer, _ in answers for p in answer.passages]
        relevance = self.ranker.relevance(question.text, question.language, passages)
        pointed = points_back_at_the_history(question)
        bonus = POINTED_PAST_PASSAGE_BONUS if pointed else PAST_PASSAGE_BONUS
        if pointed or asks_about_the_past(question):
            relevance = {
                passage_key(p): relevance[passage_key(p)] + bonus * about_the_past(p) for p in passages
            }

        def score(candidate: tuple[str, Answer, float]) -> float:
            _, answer, prior = candidate
            return PRIOR_WEIGHT * prior + max(relevance[passage_key(p)] for p in answer.passages)

        topic, answer, _ = max(answers, key=score)
        own = {passage_key(p): relevance[passage_key(p)] for p in answer.passages}
        elsewhere = {p: relevance[passage_key(p)] for p in passages if p.topic != answer.topic}
        return topic, answer, own, elsewhere

    def _comparison(self, question: Question, topic: str, terms: tuple[Term, Term]) -> Reply | None:
        """Both sides of "A versus B", each labelled, when the topic answers them differently."""
        sides = [self._answer(topic, question.language, term.key) for term in terms]
        if any(side is None or side.topic != topic for side in sides):
            return None  # a side belongs to another topic ("BPO vs call center" has a topic of its own)
        first, second = sides
        if first.variant == second.variant:
            return None  # one text covers both: the ordinary answer compares them
        passages = [p for side in sides for p in side.passages]
        # BPO and call centers: the topic's default answer speaks of both, with what they share.
        both = self._answer(topic, question.language, None) if terms[0].kind in SUBJECT_KINDS else None
        shared = list(both.passages) if both and both.variant == DEFAULT_VARIANT else []
        relevance = self.ranker.relevance(question.text, question.language, passages + shared)
        if shared and max(relevance[passage_key(p)] for p in shared) > max(
            relevance[passage_key(p)] for p in passages
        ):
            # It fits better: "warum verwechseln so viele BPO mit Callcentern?" asks what they share,
            # which neither side's answer tells.
            return None
        chosen: list[Passage] = []
        lines = []
        for term, side in zip(terms, sides, strict=True):
            lead = lead_with_relevant(side.passages, relevance)[:2]
            chosen += lead
            lines.append(f"**{capitalised(term.label)}**: " + " ".join(p.text for p in lead))
        # Both sides were the subject: what follows ("examples?", "why?") is about both, not the first.
        reply = self._reply(first, tuple(chosen), None)
        return Reply(**{**reply.__dict__, "text": "\n".join(lines)})

    def _reply(self, answer: Answer, passages: tuple[Passage, ...], subject: str | None) -> Reply:
        facts = tuple(dict.fromkeys(f for p in passages for f in p.facts))
        return Reply(
            topic=answer.topic,
            subject=subject,
            language=answer.language,
            is_fallback=answer.is_fallback,
            text=" ".join(p.text for p in passages),
            passages=passages,
            sources=self.kb.sources_of_facts(facts, answer.language),
            related=answer.related,
        )


def remembered_subject(answer: Answer, otherwise: str | None) -> str | None:
    """The subject a reply leaves for follow-ups: the term its answer was written for, else `otherwise`."""
    return answer.variant if answer.variant != DEFAULT_VARIANT else otherwise


def subject_of(answer: Answer, question: Question, carried: Term | None = None) -> str | None:
    if carried:
        return remembered_subject(answer, carried.key)
    return remembered_subject(answer, question.terms[0].key if question.terms else question.previous_subject)


def capitalised(label: str) -> str:
    return label[:1].upper() + label[1:]
