"""Read the YAML content, validate all of it, then sync the database in one transaction.

Nothing touches the database until every file has passed validation, so a bad file leaves it as it was.
The checks that span entries and files (unique keys, known references) are in knowledge.content_checks.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from knowledge import models
from knowledge.content_checks import Problem, cross_check
from knowledge.content_schema import (
    SECTION_SPECS,
    AnswerSpec,
    FactSpec,
    ServiceModelSpec,
    SourceSpec,
    Spec,
    TermSpec,
    TopicSpec,
)
from knowledge.db import transaction
from knowledge.languages import DEFAULT_LANGUAGE

CONTENT_DIR = Path(__file__).resolve().parent / "content"


class ContentError(Exception):
    """The content is invalid; `problems` names each file, entry and problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class LoadError(Exception):
    """The database refused the sync; it was rolled back."""


@dataclass
class Content:
    """Every validated entry, with the file each came from."""

    sources: list[SourceSpec] = field(default_factory=list)
    facts: list[FactSpec] = field(default_factory=list)
    topics: list[TopicSpec] = field(default_factory=list)
    terms: list[TermSpec] = field(default_factory=list)
    service_models: list[ServiceModelSpec] = field(default_factory=list)
    origin: dict[int, str] = field(default_factory=dict)  # id(entry) -> file name

    def file_of(self, entry: Spec) -> str:
        return self.origin.get(id(entry), "?")


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML silently keeps the last of two equal keys; in content that is always a mistake.

    Built on libyaml's parser when PyYAML has it: the pure-Python one spends seconds on the content."""


def _construct_mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping_without_duplicates
)


def read_content(content_dir: Path = CONTENT_DIR) -> Content:
    """Parse and validate every *.yml file; raise ContentError listing all problems."""
    content = Content()
    problems: list[Problem] = []
    files = sorted(content_dir.glob("*.yml"))
    if not files:
        raise ContentError([Problem(str(content_dir), None, "no content files (*.yml) found")])
    for path in files:
        problems.extend(_read_file(path, content))
    if not problems:
        problems.extend(cross_check(content))
    if problems:
        raise ContentError(problems)
    return content


def _read_file(path: Path, content: Content) -> list[Problem]:
    name = path.name
    try:
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        return [Problem(name, None, f"invalid YAML: {where}{reason}")]
    except UnicodeDecodeError:
        return [Problem(name, None, "not UTF-8 text")]
    if not isinstance(document, dict) or not document:
        return [Problem(name, None, f"expected a mapping with one of: {', '.join(SECTION_SPECS)}")]
    problems = []
    for section, entries in document.items():
        spec = SECTION_SPECS.get(section)
        if spec is None:
            problems.append(
                Problem(name, None, f"unknown section '{section}' (expected {', '.join(SECTION_SPECS)})")
            )
            continue
        if not isinstance(entries, list):
            problems.append(Problem(name, section, "expected a list of entries"))
            continue
        problems.extend(_read_entries(name, section, spec, entries, content))
    return problems


def _read_entries(
    name: str, section: str, spec: type[Spec], entries: list, content: Content
) -> list[Problem]:
    problems = []
    for index, raw in enumerate(entries, start=1):
        label = _entry_label(section, index, raw)
        if not isinstance(raw, dict):
            problems.append(Problem(name, label, "expected a mapping"))
            continue
        try:
            entry = spec.parse_obj(raw)
        except ValidationError as error:
            problems.extend(Problem(name, label, _describe(e)) for e in error.errors())
            continue
        getattr(content, section).append(entry)
        content.origin[id(entry)] = name
    return problems


def _entry_label(section: str, index: int, raw: object) -> str:
    if isinstance(raw, dict):
        for key_field in ("key", "id", "code"):
            if raw.get(key_field):
                return f"{section[:-1]} '{raw[key_field]}'"
    return f"{section} entry #{index}"


def _describe(error: dict) -> str:
    location = ".".join(str(part) for part in error["loc"] if part != "__root__")
    return f"{location}: {error['msg']}" if location else error["msg"]


# ---------------------------------------------------------------- database sync


@dataclass
class SyncReport:
    added: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    removed: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def changed(self) -> bool:
        return any(self.added.values()) or any(self.updated.values()) or any(self.removed.values())

    def summary(self) -> str:
        if not self.changed:
            return "knowledge base already up to date"
        parts = [
            f"{table}: +{self.added[table]} ~{self.updated[table]} -{self.removed[table]}"
            for table in sorted(set(self.added) | set(self.updated) | set(self.removed))
            if self.added[table] or self.updated[table] or self.removed[table]
        ]
        return "knowledge base synced (" + "; ".join(parts) + ")"


def content_rows(content: Content) -> dict[type, list[dict]]:
    """The rows every content table should hold, keyed by ORM class."""
    rows: dict[type, list[dict]] = defaultdict(list)
    rows[models.Source] = [{**s.dict(), "title": s.title[DEFAULT_LANGUAGE]} for s in content.sources]
    rows[models.SourceTitle] = [
        {"source_key": s.key, "language": language, "title": title}
        for s in content.sources
        for language, title in s.title.items()
    ]
    rows[models.Fact] = [{"id": f.id, "source_key": f.source, "summary": f.summary} for f in content.facts]
    fact_sources = {fact.id: fact.source for fact in content.facts}
    for topic in content.topics:
        _topic_rows(topic, content.file_of(topic), fact_sources, rows)
    # Terms without a broader term first, so a broader term exists before what points at it.
    for term in sorted(content.terms, key=lambda t: t.broader is not None):
        _term_rows(term, rows)
    for position, model in enumerate(content.service_models):
        _service_model_rows(model, position, rows)
    rows[models.ContentVersion] = [{"id": 1, "digest": _digest(rows)}]
    return rows


def _digest(rows: dict[type, list[dict]]) -> str:
    canonical = json.dumps(
        {table.__tablename__: values for table, values in rows.items()}, sort_keys=True, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _topic_rows(topic: TopicSpec, file_name: str, fact_sources: dict[str, str], rows: dict) -> None:
    key = topic.key
    rows[models.Topic].append({"key": key, "intent": topic.intent, "area": Path(file_name).stem})
    rows[models.TopicFact] += [{"topic_key": key, "fact_id": f} for f in topic.facts]
    sources = dict.fromkeys(fact_sources[f] for f in topic.facts if f in fact_sources)
    rows[models.TopicSource] += [{"topic_key": key, "source_key": s} for s in sources]
    rows[models.TopicRelated] += [
        {"topic_key": key, "related_key": r, "position": i}
        for i, r in enumerate(dict.fromkeys(topic.related))
    ]
    rows[models.TopicCounterpart] += [
        {"topic_key": key, "term_key": term, "counterpart_key": counterpart}
        for term, counterpart in topic.same_question_about.items()
    ]
    texts = [("default", "title", topic.title)]
    for answer in topic.answers:
        _passage_rows(key, answer, rows)
        if answer.examples:
            texts.append((answer.variant, "examples", answer.examples))
    rows[models.TopicText] += [
        {"topic_key": key, "variant": variant, "kind": kind, "language": language, "text": text}
        for variant, kind, translations in texts
        for language, text in translations.items()
    ]


def _passage_rows(topic_key: str, answer: AnswerSpec, rows: dict[type, list[dict]]) -> None:
    for position, passage in enumerate(answer.passages):
        where = {"topic_key": topic_key, "variant": answer.variant, "position": position}
        rows[models.TopicPassage] += [
            {**where, "language": lang, "text": text, "keywords": "\n".join(passage.keywords.get(lang, []))}
            for lang, text in passage.text.items()
        ]
        rows[models.TopicPassageFact] += [{**where, "fact_id": f} for f in dict.fromkeys(passage.facts)]
        rows[models.TopicPassageQuestion] += [
            {**where, "language": lang, "number": number, "text": text}
            for lang, asked in passage.questions.items()
            for number, text in enumerate(asked)
        ]


def _term_rows(term: TermSpec, rows: dict[type, list[dict]]) -> None:
    rows[models.Term].append(
        {
            "key": term.key,
            "kind": term.kind,
            "broader_key": term.broader,
            "code": term.code,
            "served": term.served,
        }
    )
    rows[models.TermLabel] += [
        {"term_key": term.key, "language": language, "label": label}
        for language, label in term.labels.items()
    ]
    rows[models.TermSynonym] += [
        {"language": language, "surface": surface, "term_key": term.key}
        for language, surfaces in term.synonyms.items()
        for surface in dict.fromkeys(surfaces)
    ]


def _service_model_rows(model: ServiceModelSpec, position: int, rows: dict[type, list[dict]]) -> None:
    rows[models.ServiceModel].append({"code": model.code, "position": position})
    rows[models.ServiceModelFact] += [
        {"model_code": model.code, "fact_id": f} for f in dict.fromkeys(model.facts)
    ]
    fields = {"name": model.names, "summary": model.summary, "workforce": model.workforce}
    fields["not_covered"] = model.not_covered
    rows[models.ServiceModelText] += [
        {"model_code": model.code, "field": name, "language": language, "text": text}
        for name, translations in fields.items()
        for language, text in translations.items()
    ]


def sync(session: Session, content: Content) -> SyncReport:
    """Make the content tables hold exactly `content`: insert, update and delete row by row."""
    report = SyncReport()
    desired = content_rows(content)
    stale_by_table = []
    for table in models.CONTENT_TABLES:
        stale_by_table.append(_upsert(session, table, desired.get(table, []), report))
        session.flush()  # parents reach the database before their children
    for table, stale in reversed(list(zip(models.CONTENT_TABLES, stale_by_table, strict=True))):
        for row in stale:
            session.delete(row)
        report.removed[table.__tablename__] += len(stale)
        session.flush()
    return report


# Columns that may point at a row inserted in the same sync (a new broader term).
LATE_COLUMNS = frozenset({"broader_key"})


def _upsert(session: Session, table: type, rows: list[dict], report: SyncReport) -> list:
    key_columns = [column.key for column in inspect(table).primary_key]
    existing = {
        tuple(getattr(row, k) for k in key_columns): row for row in session.execute(select(table)).scalars()
    }
    wanted_keys, changed = set(), []
    for values in rows:
        key = tuple(values[k] for k in key_columns)
        wanted_keys.add(key)
        row = existing.get(key)
        if row is None:
            session.add(table(**values))
            report.added[table.__tablename__] += 1
        elif any(getattr(row, name) != value for name, value in values.items()):
            changed.append((row, values))
            report.updated[table.__tablename__] += 1
    # Updates and inserts flush together (updates first, so a unique value can move between rows); a term
    # pointing at a broader term is repointed after the flush, since the broader term may be new.
    for row, values in changed:
        for name, value in values.items():
            if name not in LATE_COLUMNS:
                setattr(row, name, value)
    session.flush()
    for row, values in changed:
        for name in LATE_COLUMNS.intersection(values):
            setattr(row, name, values[name])
    stale = [row for key, row in existing.items() if key not in wanted_keys]
    # A term pointing at another stale term goes first.
    return sorted(stale, key=lambda row: getattr(row, "broader_key", None) is None)


def ensure_schema(engine: Engine) -> None:
    """Create missing tables: the knowledge base's and the leads'."""
    import knowledge.leads  # noqa: F401  (registers the leads table on the shared metadata)

    models.Base.metadata.create_all(engine)


def load(session_factory: sessionmaker, content_dir: Path = CONTENT_DIR) -> SyncReport:
    """Validate `content_dir`, then sync it into the database in one transaction."""
    content = read_content(content_dir)
    ensure_schema(session_factory.kw["bind"])
    try:
        with transaction(session_factory) as session:
            return sync(session, content)
    except SQLAlchemyError as error:
        raise LoadError(f"the database refused the knowledge base, nothing was changed: {error}") from error
