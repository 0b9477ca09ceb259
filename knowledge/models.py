"""Relational schema of the knowledge base (SQLAlchemy ORM, 2.0-style usage on 1.4).

Natural keys (topic key, term key, fact ID, ...) are the primary keys, so re-loading the same YAML
produces exactly the same rows and a sync can compare row by row.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Source(Base):
    __tablename__ = "sources"
    key = Column(String(64), primary_key=True)
    title = Column(Text, nullable=False)  # in the default language, as an index of sources lists it
    url = Column(Text)
    year = Column(Integer)


class SourceTitle(Base):
    """A source's title in one language, for the line under an answer and "Source?"."""

    __tablename__ = "source_titles"
    source_key = Column(String(64), ForeignKey("sources.key"), primary_key=True)
    language = Column(String(8), primary_key=True)
    title = Column(Text, nullable=False)


class Fact(Base):
    __tablename__ = "facts"
    id = Column(String(8), primary_key=True)
    source_key = Column(String(64), ForeignKey("sources.key"), nullable=False)
    summary = Column(Text, nullable=False)


class Topic(Base):
    __tablename__ = "topics"
    key = Column(String(64), primary_key=True)
    intent = Column(String(64), nullable=False, unique=True)
    area = Column(String(64), nullable=False)  # the YAML file it comes from


class TopicFact(Base):
    __tablename__ = "topic_facts"
    topic_key = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    fact_id = Column(String(8), ForeignKey("facts.id"), primary_key=True)


class TopicSource(Base):
    __tablename__ = "topic_sources"
    topic_key = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    source_key = Column(String(64), ForeignKey("sources.key"), primary_key=True)


class TopicRelated(Base):
    __tablename__ = "topic_related"
    topic_key = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    related_key = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    position = Column(Integer, nullable=False)


class TopicCounterpart(Base):
    """ "And for call centers?" after "what is BPO?": the topic that asks the same about another term."""

    __tablename__ = "topic_counterparts"
    topic_key = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    term_key = Column(String(64), ForeignKey("terms.key"), primary_key=True)
    counterpart_key = Column(String(64), ForeignKey("topics.key"), nullable=False)


class TopicText(Base):
    """One text of a topic in one language: its title, or an answer variant's examples."""

    __tablename__ = "topic_texts"
    topic_key = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    variant = Column(String(64), primary_key=True)  # "default" or a glossary term key
    kind = Column(String(16), primary_key=True)  # title | examples
    language = Column(String(8), primary_key=True)
    text = Column(Text, nullable=False)


class TopicPassage(Base):
    """One passage of an answer variant in one language; a variant's answer is its passages in order."""

    __tablename__ = "topic_passages"
    topic_key = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    variant = Column(String(64), primary_key=True)
    position = Column(Integer, primary_key=True)
    language = Column(String(8), primary_key=True)
    text = Column(Text, nullable=False)
    keywords = Column(Text, nullable=False)  # one keyword or phrase per line


class TopicPassageQuestion(Base):
    """An example question a passage answers, in one language (retrieval compares whole questions)."""

    __tablename__ = "topic_passage_questions"
    topic_key = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    variant = Column(String(64), primary_key=True)
    position = Column(Integer, primary_key=True)
    language = Column(String(8), primary_key=True)
    number = Column(Integer, primary_key=True)
    text = Column(Text, nullable=False)


class TopicPassageFact(Base):
    __tablename__ = "topic_passage_facts"
    topic_key = Column(String(64), ForeignKey("topics.key"), primary_key=True)
    variant = Column(String(64), primary_key=True)
    position = Column(Integer, primary_key=True)
    fact_id = Column(String(8), ForeignKey("facts.id"), primary_key=True)


class ContentVersion(Base):
    """A digest of all content rows, so a running ranker notices a `make kb` and re-indexes."""

    __tablename__ = "content_version"
    id = Column(Integer, primary_key=True)
    digest = Column(String(64), nullable=False)


class Term(Base):
    """A glossary term: a service, channel, language, office type, outsourcing type, role or hours."""

    __tablename__ = "terms"
    key = Column(String(64), primary_key=True)
    kind = Column(String(32), nullable=False)
    broader_key = Column(String(64), ForeignKey("terms.key"))
    code = Column(String(8))
    served = Column(Boolean)


class TermLabel(Base):
    __tablename__ = "term_labels"
    term_key = Column(String(64), ForeignKey("terms.key"), primary_key=True)
    language = Column(String(8), primary_key=True)
    label = Column(Text, nullable=False)


class TermSynonym(Base):
    """A surface form ("buste paga") that names a term in one language."""

    __tablename__ = "term_synonyms"
    language = Column(String(8), primary_key=True)
    surface = Column(String(200), primary_key=True)
    term_key = Column(String(64), ForeignKey("terms.key"), nullable=False)


class ServiceModel(Base):
    __tablename__ = "service_models"
    code = Column(String(32), primary_key=True)
    position = Column(Integer, nullable=False)


class ServiceModelFact(Base):
    __tablename__ = "service_model_facts"
    model_code = Column(String(32), ForeignKey("service_models.code"), primary_key=True)
    fact_id = Column(String(8), ForeignKey("facts.id"), primary_key=True)


class ServiceModelText(Base):
    __tablename__ = "service_model_texts"
    model_code = Column(String(32), ForeignKey("service_models.code"), primary_key=True)
    field = Column(String(16), primary_key=True)  # name | summary | workforce | not_covered
    language = Column(String(8), primary_key=True)
    text = Column(Text, nullable=False)


# Content tables in the order they can be filled (parents before children).
CONTENT_TABLES = (
    Source,
    SourceTitle,
    Fact,
    Topic,
    TopicFact,
    TopicSource,
    TopicRelated,
    TopicText,
    TopicPassage,
    TopicPassageFact,
    TopicPassageQuestion,
    Term,
    TermLabel,
    TermSynonym,
    TopicCounterpart,
    ServiceModel,
    ServiceModelFact,
    ServiceModelText,
    ContentVersion,
)
