"""Read-only queries the assistant's actions use. Plain Python over SQLAlchemy; no Rasa here.

The glossary's own queries (terms, labels, surface forms) are in knowledge.glossary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from knowledge import glossary, models
from knowledge.content_schema import DEFAULT_VARIANT
from knowledge.glossary import Term
from knowledge.languages import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class SourceRef:
    key: str
    title: str
    url: str | None
    year: int | None


@dataclass(frozen=True)
class RelatedTopic:
    key: str
    intent: str
    title: str


@dataclass(frozen=True)
class Passage:
    """One idea of an answer variant, in one language (the `{term}` placeholder already filled)."""

    topic: str
    variant: str
    position: int
    language: str
    text: str
    keywords: tuple[str, ...]
    facts: tuple[str, ...]
    questions: tuple[str, ...] = ()  # example questions the passage answers
    names_the_term: bool = False  # its text says something about the `{term}` asked about


@dataclass(frozen=True)
class Answer:
    topic: str
    variant: str
    kind: str  # answer | examples
    language: str  # the language of `text`
    requested_language: str
    text: str
    facts: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    related: tuple[RelatedTopic, ...]
    passages: tuple[Passage, ...] = ()  # the answer's passages in order (kind "answer" only)

    @property
    def is_fallback(self) -> bool:
        """True when the requested language had no text and another language was used."""
        return self.language != self.requested_language


@dataclass(frozen=True)
class ServiceModelView:
    code: str
    name: str
    summary: str
    workforce: str
    not_covered: str
    facts: tuple[str, ...]


TERM_PLACEHOLDER = "{term}"


def fill_term(text: str, label: str) -> str:
    """Replace the `{term}` placeholder with the named term's label."""
    return text.format(term=label) if TERM_PLACEHOLDER in text else text


class KnowledgeBase:
    """Queries over the knowledge-base tables. Each call opens its own short session."""

    def __init__(self, session_factory: sessionmaker):
        self._session_factory = session_factory

    # ------------------------------------------------------------------ topics

    def topic_for_intent(self, intent: str) -> str | None:
        with self._session_factory() as session:
            return session.execute(
                select(models.Topic.key).where(models.Topic.intent == intent)
            ).scalar_one_or_none()

    def answer(
        self, topic: str, language: str, term: str | None = None, kind: str = "answer"
    ) -> Answer | None:
        """The topic's text for `term` (or its broader term, else the default) in `language`.

        A missing translation falls back to the default language; `Answer.is_fallback` says so.
        `kind="examples"` asks for the examples that go with that variant. None if nothing fits.
        """
        with self._session_factory() as session:
            term_chain = glossary.term_chain(session, term)
            topic = self._counterpart(session, topic, term_chain) or topic
            texts = self._texts(session, topic, kind) if kind != "answer" else self._variants(session, topic)
            if not texts:
                return None
            variant = self._pick_variant(texts, term_chain)
            if variant is None:
                return None
            by_language = texts[variant]
            used_language = language if language in by_language else DEFAULT_LANGUAGE
            label = glossary.label(session, term, used_language) if term else ""
            passages: tuple[Passage, ...] = ()
            if kind == "answer":
                passages = self._passages(session, topic, variant, used_language, label)
                if term == variant:  # "„Back-Office“ gehört zum Back-Office" says nothing
                    passages = tuple(p for p in passages if not p.names_the_term) or passages
                text = " ".join(p.text for p in passages)
            else:
                text = fill_term(by_language.get(used_language) or next(iter(by_language.values())), label)
            return Answer(
                topic=topic,
                variant=variant,
                kind=kind,
                language=used_language,
                requested_language=language,
                text=text,
                facts=self._topic_facts(session, topic),
                sources=self._topic_sources(session, topic, used_language),
                related=self._related(session, topic, used_language),
                passages=passages,
            )

    @staticmethod
    def _variants(session: Session, topic: str) -> dict[str, dict[str, bool]]:
        """{variant: {language: True}} for the topic's answer passages (the first passage decides)."""
        rows = session.execute(
            select(models.TopicPassage.variant, models.TopicPassage.language).where(
                models.TopicPassage.topic_key == topic, models.TopicPassage.position == 0
            )
        ).all()
        variants: dict[str, dict[str, bool]] = {}
        for variant, language in rows:
            variants.setdefault(variant, {})[language] = True
        return variants

    @staticmethod
    def _passages(
        session: Session, topic: str, variant: str, language: str, label: str
    ) -> tuple[Passage, ...]:
        rows = session.execute(
            select(models.TopicPassage)
            .where(
                models.TopicPassage.topic_key == topic,
                models.TopicPassage.variant == variant,
                models.TopicPassage.language == language,
            )
            .order_by(models.TopicPassage.position)
        ).scalars()
        facts: dict[int, list[str]] = {}
        for position, fact_id in session.execute(
            select(models.TopicPassageFact.position, models.TopicPassageFact.fact_id).where(
                models.TopicPassageFact.topic_key == topic, models.TopicPassageFact.variant == variant
            )
        ).all():
            facts.setdefault(position, []).append(fact_id)
        questions: dict[int, list[str]] = {}
        for position, text in session.execute(
            select(models.TopicPassageQuestion.position, models.TopicPassageQuestion.text)
            .where(
                models.TopicPassageQuestion.topic_key == topic,
                models.TopicPassageQuestion.variant == variant,
                models.TopicPassageQuestion.language == language,
            )
            .order_by(models.TopicPassageQuestion.number)
        ).all():
            questions.setdefault(position, []).append(text)
        return tuple(
            Passage(
                topic, variant, row.position, language, fill_term(row.text, label),
                tuple(k for k in row.keywords.split("\n") if k),
                tuple(sorted(facts.get(row.position, []), key=_fact_order)),
                tuple(questions.get(row.position, [])),
                names_the_term=TERM_PLACEHOLDER in row.text,
            )
            for row in rows
        )  # fmt: skip

    def content_digest(self) -> str | None:
        """Changes whenever `make kb` changed any content row."""
        with self._session_factory() as session:
            return session.execute(select(models.ContentVersion.digest)).scalar_one_or_none()

    def all_passages(self, language: str) -> list[Passage]:
        """Every passage of every topic and variant, in `language` where it has text, else the default."""
        with self._session_factory() as session:
            keys = session.execute(
                select(models.TopicPassage.topic_key, models.TopicPassage.variant)
                .where(models.TopicPassage.position == 0)
                .distinct()
                .order_by(models.TopicPassage.topic_key, models.TopicPassage.variant)
            ).all()
            passages: list[Passage] = []
            for topic, variant in keys:
                found = self._passages(session, topic, variant, language, "")
                passages += found or self._passages(session, topic, variant, DEFAULT_LANGUAGE, "")
            return passages

    def sources_of_facts(self, facts: tuple[str, ...], language: str) -> tuple[SourceRef, ...]:
        """The sources the given facts come from, in key order, titled in the language."""
        with self._session_factory() as session:
            keys = select(models.Fact.source_key).where(models.Fact.id.in_(facts))
            return self._sources(session, models.Source.key.in_(keys), language)

    def topic_title(self, topic: str, language: str) -> str | None:
        with self._session_factory() as session:
            return self._title(session, topic, language)

    def _title(self, session: Session, topic: str, language: str) -> str | None:
        titles = self._texts(session, topic, "title").get(DEFAULT_VARIANT, {})
        return titles.get(language) or titles.get(DEFAULT_LANGUAGE)

    @staticmethod
    def _texts(session: Session, topic: str, kind: str) -> dict[str, dict[str, str]]:
        rows = session.execute(
            select(models.TopicText).where(models.TopicText.topic_key == topic, models.TopicText.kind == kind)
        ).scalars()
        texts: dict[str, dict[str, str]] = {}
        for row in rows:
            texts.setdefault(row.variant, {})[row.language] = row.text
        return texts

    @staticmethod
    def _pick_variant(texts: dict, term_chain: list[str]) -> str | None:
        for candidate in term_chain:
            if candidate in texts:
                return candidate
        return DEFAULT_VARIANT if DEFAULT_VARIANT in texts else None

    @staticmethod
    def _counterpart(session: Session, topic: str, term_chain: list[str]) -> str | None:
        """The topic that asks `topic`'s question about the term (or its broader term), if there is one."""
        for candidate in term_chain:
            counterpart = session.execute(
                select(models.TopicCounterpart.counterpart_key).where(
                    models.TopicCounterpart.topic_key == topic, models.TopicCounterpart.term_key == candidate
                )
            ).scalar_one_or_none()
            if counterpart:
                return counterpart
        return None

    @staticmethod
    def _topic_facts(session: Session, topic: str) -> tuple[str, ...]:
        facts = session.execute(
            select(models.TopicFact.fact_id).where(models.TopicFact.topic_key == topic)
        ).scalars()
        return tuple(sorted(facts, key=_fact_order))

    def _topic_sources(self, session: Session, topic: str, language: str) -> tuple[SourceRef, ...]:
        keys = select(models.TopicSource.source_key).where(models.TopicSource.topic_key == topic)
        return self._sources(session, models.Source.key.in_(keys), language)

    @staticmethod
    def _sources(session: Session, which: ColumnElement[bool], language: str) -> tuple[SourceRef, ...]:
        """The sources `which` selects, in key order, titled in the language (else in the default one)."""
        in_language = and_(
            models.SourceTitle.source_key == models.Source.key, models.SourceTitle.language == language
        )
        rows = session.execute(
            select(models.Source, models.SourceTitle.title)
            .outerjoin(models.SourceTitle, in_language)
            .where(which)
            .order_by(models.Source.key)
        ).all()
        return tuple(SourceRef(s.key, title or s.title, s.url, s.year) for s, title in rows)

    def _related(self, session: Session, topic: str, language: str) -> tuple[RelatedTopic, ...]:
        rows = session.execute(
            select(models.TopicRelated.related_key, models.Topic.intent)
            .join(models.Topic, models.Topic.key == models.TopicRelated.related_key)
            .where(models.TopicRelated.topic_key == topic)
            .order_by(models.TopicRelated.position)
        ).all()
        return tuple(
            RelatedTopic(key, intent, self._title(session, key, language) or key) for key, intent in rows
        )

    # ---------------------------------------------------------------- glossary (knowledge.glossary)

    def resolve_term(self, surface: str, language: str | None = None) -> Term | None:
        """The canonical term a surface form names ("buste paga" -> payroll), in any language.

        The given language is tried first; the label comes back in that language.
        """
        with self._session_factory() as session:
            return glossary.resolve_term(session, surface, language)

    def surface_languages(self, surface: str) -> set[str]:
        with self._session_factory() as session:
            return glossary.surface_languages(session, surface)

    def term(self, key: str, language: str = DEFAULT_LANGUAGE) -> Term | None:
        with self._session_factory() as session:
            return glossary.term(session, key, language)

    def terms(self, kind: str, language: str = DEFAULT_LANGUAGE) -> list[Term]:
        with self._session_factory() as session:
            return glossary.terms(session, kind, language)

    def glossary(self, language: str | None = None) -> dict[str, dict[str, list[str]]]:
        """Every surface form (of one language, if given) by term kind and key: {kind: {key: [surface]}}."""
        with self._session_factory() as session:
            return glossary.surfaces(session, language)

    def loanwords(self) -> list[str]:
        """Surface forms used in more than one language ("bpo", "call center", "payroll", ...)."""
        with self._session_factory() as session:
            return glossary.loanwords(session)

    # ---------------------------------------------------------- service models

    def service_models(self, language: str) -> list[ServiceModelView]:
        with self._session_factory() as session:
            codes = session.execute(
                select(models.ServiceModel.code).order_by(models.ServiceModel.position)
            ).scalars()
            return [self._service_model(session, code, language) for code in list(codes)]

    def service_model(self, code: str, language: str) -> ServiceModelView | None:
        with self._session_factory() as session:
            if session.get(models.ServiceModel, code) is None:
                return None
            return self._service_model(session, code, language)

    @staticmethod
    def _service_model(session: Session, code: str, language: str) -> ServiceModelView:
        texts: dict[str, dict[str, str]] = {}
        for row in session.execute(
            select(models.ServiceModelText).where(models.ServiceModelText.model_code == code)
        ).scalars():
            texts.setdefault(row.field, {})[row.language] = row.text

        def text(field: str) -> str:
            return texts[field].get(language) or texts[field][DEFAULT_LANGUAGE]

        facts = session.execute(
            select(models.ServiceModelFact.fact_id).where(models.ServiceModelFact.model_code == code)
        ).scalars()
        return ServiceModelView(
            code=code,
            name=text("name"),
            summary=text("summary"),
            workforce=text("workforce"),
            not_covered=text("not_covered"),
            facts=tuple(sorted(facts, key=_fact_order)),
        )

    # ---------------------------------------------------------------- coverage

    def facts_by_language(self) -> dict[str, set[str]]:
        """For each language, the fact IDs cited by a topic or service model that has text in it."""
        with self._session_factory() as session:
            topic_rows = session.execute(
                select(models.TopicPassage.language, models.TopicPassageFact.fact_id)
                .join(
                    models.TopicPassageFact,
                    (models.TopicPassageFact.topic_key == models.TopicPassage.topic_key)
                    & (models.TopicPassageFact.variant == models.TopicPassage.variant)
                    & (models.TopicPassageFact.position == models.TopicPassage.position),
                )
                .distinct()
            ).all()
            model_rows = session.execute(
                select(models.ServiceModelText.language, models.ServiceModelFact.fact_id).join(
                    models.ServiceModelFact,
                    models.ServiceModelFact.model_code == models.ServiceModelText.model_code,
                )
            ).all()
        covered: dict[str, set[str]] = {}
        for language, fact_id in [*topic_rows, *model_rows]:
            covered.setdefault(language, set()).add(fact_id)
        return covered


def _fact_order(fact_id: str) -> tuple[str, int]:
    match = re.fullmatch(r"([A-Z])(\d+)", fact_id)
    return (match.group(1), int(match.group(2))) if match else (fact_id, 0)
