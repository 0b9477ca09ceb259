"""How well a question's words fit each passage: TF-IDF cosine (scikit-learn) plus the passage's keywords
and its example questions.

Four signals, each between 0 and 1:
- lemma unigrams and bigrams of the passage's text and keywords (scikit-learn's TF-IDF, cosine);
- character 3-5-grams of the same, so a typo ("salarys", "stipedi") still finds its passage;
- keyword hits: keywords and phrases the content gives the passage, found in the question's lemmas;
- the closest of the passage's example questions (word and character TF-IDF over the questions): visitors'
  questions resemble other questions more than they resemble answer text.
The index is rebuilt when the knowledge-base content changes (`make kb`), so an edited passage or keyword
changes the ranking at once, with no retraining.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from knowledge.queries import KnowledgeBase, Passage
from knowledge.text_analysis import TextAnalyzer, analyzer_for

WORD_WEIGHT, CHAR_WEIGHT, KEYWORD_WEIGHT = 0.45, 0.2, 0.35
# The example-question signal is added on top: a passage whose example questions match the visitor's one
# outranks passages that only share words with it. Measured on the benchmark's tuned halves (see README).
QUESTION_WEIGHT = 0.5
# A clear word match: questions the classifier missed ("are call center working hours flexible?") reach
# 0.22-0.44. Off-topic messages reach 0.2-0.5 too, on the shape of an example question ("what is the capital
# of France?" ~ "what is BPO?"): a match counts only when the question also names the content's words
# (a glossary term or a passage keyword).
STRONG_MATCH = 0.2
PassageKey = tuple[str, str, int]  # topic, variant, position
RECENT_QUESTIONS = 32


def passage_key(passage: Passage) -> PassageKey:
    return passage.topic, passage.variant, passage.position


@dataclass(frozen=True)
class _IndexedPassage:
    row: int
    keywords: tuple[str, ...]  # normalised (lemmas joined by spaces)


class PassageIndex:
    """TF-IDF vectors of every passage of one language."""

    def __init__(self, passages: list[Passage], analyzer: TextAnalyzer, titles: dict[str, str] | None = None):
        self._analyzer = analyzer
        self._passages = passages
        self._titles = titles or {}
        documents = [self._document(p) for p in passages]
        self._vectors = _WordAndCharVectors(documents)
        self._document_words = {
            passage_key(p): frozenset(document.split())
            for p, document in zip(passages, documents, strict=True)
        }
        self._entries = {
            passage_key(p): _IndexedPassage(row, tuple(analyzer.normalised(k) for k in p.keywords))
            for row, p in enumerate(passages)
        }
        keywords = {k for entry in self._entries.values() for k in entry.keywords if k}
        self._content_keywords = frozenset(k for k in keywords if analyzer.has_content_word(k))
        self._questions = _QuestionIndex(passages, analyzer)
        self._recent: dict[str, dict[PassageKey, float]] = {}
        self._recent_lock = threading.Lock()

    def _document(self, passage: Passage) -> str:
        """Text, keywords (twice: they are what a question about it says) and the topic's title question,
        which gives every passage its topic's own words ("How much do staff earn?")."""
        keywords = " ".join(passage.keywords)
        title = self._titles.get(passage.topic, "")
        return self._analyzer.normalised(f"{passage.text} {keywords} {keywords} {title}")

    def best_topics(self, question: str, count: int, at_least: float = STRONG_MATCH) -> list[str]:
        """The topics of the passages that fit the question's words best, at least that well."""
        scores = self.relevance(question, self._passages)
        ranked = sorted((score, key[0]) for key, score in scores.items() if score >= at_least)
        return list(dict.fromkeys(topic for _, topic in reversed(ranked)))[:count]

    def names_a_keyword(self, question: str) -> bool:
        """Whether the question uses a keyword of any passage (beyond "what is"): the sign it is about
        this content at all. Shared words are not ("what is the capital of France?" ~ "what is BPO?")."""
        padded = f" {self._analyzer.normalised(question)} "
        return any(f" {k} " in padded for k in self._content_keywords)

    def words_only_in(self, question: str, passage: Passage, others: Iterable[Passage]) -> set[str]:
        """The question's content words that the passage has (text, keywords, title) and the others do not:
        what it would add to a reply made of them ("and what are the hours like?": flexible hours)."""
        asked = set(self._analyzer.content_words(question).split())
        theirs = set().union(*(self._document_words.get(passage_key(p), frozenset()) for p in others))
        return (asked & self._document_words.get(passage_key(passage), frozenset())) - theirs

    def relevance(self, question: str, passages: list[Passage]) -> dict[PassageKey, float]:
        """For each passage, 0 (no shared words) to about 1 (the question is about exactly this)."""
        scores = self._scores(question)
        return {passage_key(p): scores.get(passage_key(p), 0.0) for p in passages}

    def _scores(self, question: str) -> dict[PassageKey, float]:
        """Every indexed passage's relevance; the last few questions are kept (a reply asks several times)."""
        with self._recent_lock:
            if question in self._recent:
                return self._recent[question]
        scores = self._score_all(question)
        with self._recent_lock:
            self._recent[question] = scores
            while len(self._recent) > RECENT_QUESTIONS:
                self._recent.pop(next(iter(self._recent)))
        return scores

    def _score_all(self, question: str) -> dict[PassageKey, float]:
        normalised = self._analyzer.normalised(question)
        similarities = self._vectors.similarities(normalised) if normalised else None
        if similarities is None:
            return {}
        word_scores, char_scores = similarities
        padded = f" {normalised} "
        scores = {}
        for passage, word, char in zip(self._passages, word_scores, char_scores, strict=True):
            key = passage_key(passage)
            hits = sum(1 for k in self._entries[key].keywords if k and f" {k} " in padded)
            keyword = 1 - 0.5**hits
            scores[key] = float(WORD_WEIGHT * word + CHAR_WEIGHT * char + KEYWORD_WEIGHT * keyword)
        for key, similarity in self._questions.closest(question).items():
            scores[key] += QUESTION_WEIGHT * similarity
        return scores


class _QuestionIndex:
    """The passages' example questions, vectorised; a passage scores its closest question."""

    def __init__(self, passages: list[Passage], analyzer: TextAnalyzer):
        self._analyzer = analyzer
        self._keep = _keyword_stop_words(passages, analyzer)
        asked = [(passage_key(p), self._content(q)) for p in passages for q in p.questions]
        asked = [(key, text) for key, text in asked if text]
        self._keys = [key for key, _ in asked]
        texts = [text for _, text in asked]
        self._vectors = _WordAndCharVectors(texts)

    def _content(self, text: str) -> str:
        return self._analyzer.content_words(text, self._keep)

    def closest(self, question: str) -> dict[PassageKey, float]:
        content = self._content(question)
        similarities = self._vectors.similarities(content) if content else None
        if similarities is None:
            return {}
        words, chars = similarities
        best: dict[PassageKey, float] = {}
        for key, similarity in zip(self._keys, 0.5 * words + 0.5 * chars, strict=True):
            best[key] = max(best.get(key, 0.0), float(similarity))
        return best


class _WordAndCharVectors:
    """TF-IDF of texts (lemmas joined by spaces) over lemma 1-2-grams and character 3-5-grams."""

    def __init__(self, texts: list[str]):
        self._words = TfidfVectorizer(analyzer=lambda doc: _word_grams(doc.split()), sublinear_tf=True)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self._word_matrix = self._words.fit_transform(texts) if texts else None
        self._char_matrix = self._chars.fit_transform(texts) if texts else None

    def similarities(self, text: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The text's word and character cosine to each text, or None when there are no texts."""
        if self._word_matrix is None:
            return None
        words = cosine_similarity(self._words.transform([text]), self._word_matrix)[0]
        return words, cosine_similarity(self._chars.transform([text]), self._char_matrix)[0]


def _keyword_stop_words(passages: list[Passage], analyzer: TextAnalyzer) -> frozenset[str]:
    """Stop words the content uses as keywords: a keyword of its own ("only", "still", "heute") or the one
    stop word of a two-word term ("call center", "back office"). Not the function words of a keyword phrase
    ("what do you offer"): kept, they made "do you like football?" resemble "what do you offer?"."""
    kept = set()
    for keyword in (k for p in passages for k in p.keywords):
        lemmas = analyzer.lemmas(keyword)
        stop = [w for w in lemmas if analyzer.is_stop_word(w)]
        if len(lemmas) == 1 or (len(lemmas) == 2 and len(stop) == 1):
            kept.update(stop)
    return frozenset(kept)


def _word_grams(lemmas: list[str]) -> list[str]:
    return lemmas + [f"{a} {b}" for a, b in itertools.pairwise(lemmas)]


class PassageRanker:
    """One index per language, rebuilt when the content digest changes. Safe to share between threads."""

    def __init__(self, kb: KnowledgeBase):
        self._kb = kb
        self._lock = threading.Lock()
        self._indexes: dict[str, tuple[str | None, PassageIndex]] = {}

    def index(self, language: str) -> PassageIndex:
        digest = self._kb.content_digest()
        with self._lock:
            cached = self._indexes.get(language)
            if cached is None or cached[0] != digest:
                cached = (digest, self._build(language))
                self._indexes[language] = cached
            return cached[1]

    def _build(self, language: str) -> PassageIndex:
        passages = self._kb.all_passages(language)
        topics = dict.fromkeys(p.topic for p in passages)
        titles = {topic: self._kb.topic_title(topic, language) or "" for topic in topics}
        return PassageIndex(passages, analyzer_for(language), titles)

    def relevance(self, question: str, language: str, passages: list[Passage]) -> dict[PassageKey, float]:
        return self.index(language).relevance(question, passages)

    def names_a_keyword(self, question: str, language: str) -> bool:
        return self.index(language).names_a_keyword(question)

    def words_only_in(
        self, question: str, language: str, passage: Passage, others: Iterable[Passage]
    ) -> set[str]:
        return self.index(language).words_only_in(question, passage, others)

    def best_topics(
        self, question: str, language: str, count: int, at_least: float = STRONG_MATCH
    ) -> list[str]:
        return self.index(language).best_topics(question, count, at_least)
