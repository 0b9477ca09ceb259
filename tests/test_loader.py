"""Loading the YAML knowledge base: validation, clear errors, one transaction, idempotent sync."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from knowledge import models
from knowledge.cli import main as cli_main
from knowledge.loader import ContentError, load, read_content
from knowledge.queries import KnowledgeBase


def snapshot(session_factory) -> dict[str, list[tuple]]:
    """Every content row, comparable across loads."""
    with session_factory() as session:
        result = {}
        for table in models.CONTENT_TABLES:
            columns = list(table.__table__.columns)
            rows = session.execute(select(*columns)).all()
            result[table.__tablename__] = sorted(tuple(map(repr, row)) for row in rows)
        return result


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_load_fills_every_table(session_factory):
    report = load(session_factory)
    assert report.changed
    rows = snapshot(session_factory)
    assert len(rows["topics"]) == 20
    assert len(rows["facts"]) == 24
    assert len(rows["service_models"]) == 4
    assert all(rows[table.__tablename__] for table in models.CONTENT_TABLES)


def test_second_load_changes_nothing(session_factory):
    load(session_factory)
    before = snapshot(session_factory)
    report = load(session_factory)
    assert not report.changed
    assert report.summary() == "knowledge base already up to date"
    assert snapshot(session_factory) == before


def test_edited_answer_is_served_after_reload_without_other_changes(session_factory, content_copy):
    load(session_factory, content_copy)
    kb = KnowledgeBase(session_factory)
    old = kb.answer("kpis", "en").text
    edit(content_copy / "market.yml", "KPIs are average handle time", "KPIs are average handling time")
    report = load(session_factory, content_copy)
    assert kb.answer("kpis", "en").text != old
    assert "average handling time (AHT" in kb.answer("kpis", "en").text
    assert dict(report.updated) == {"topic_passages": 1, "content_version": 1}
    assert not any(report.added.values()) and not any(report.removed.values())


def test_removed_topic_disappears(session_factory, content_copy):
    load(session_factory, content_copy)
    market = content_copy / "market.yml"
    document = market.read_text(encoding="utf-8")
    market.write_text(document[: document.index("  - key: italian_law")], encoding="utf-8")
    edit(market, "related: [languages, italian_law]", "related: [languages]")
    report = load(session_factory, content_copy)
    assert report.removed["topics"] == 1
    kb = KnowledgeBase(session_factory)
    assert kb.topic_for_intent("ask_italian_law") is None
    assert kb.answer("italian_law", "en") is None
    assert kb.topic_for_intent("ask_kpis") == "kpis"


def test_a_reload_can_point_existing_terms_at_a_new_broader_term(session_factory, content_copy):
    # The broader term is inserted before the terms that now point at it (a foreign key in the database).
    glossary = content_copy / "glossary.yml"
    document = glossary.read_text(encoding="utf-8")
    group = document[document.index("  - key: unlisted_language") : document.index("  - key: portuguese")]
    glossary.write_text(document.replace(group, "").replace("    broader: unlisted_language\n", ""), "utf-8")
    edit(content_copy / "languages.yml", "      - variant: unlisted_language", "      - variant: polish")
    load(session_factory, content_copy)
    glossary.write_text(document, encoding="utf-8")
    edit(content_copy / "languages.yml", "      - variant: polish", "      - variant: unlisted_language")
    report = load(session_factory, content_copy)
    assert report.added["terms"] == 1
    assert report.updated["terms"] == document.count("    broader: unlisted_language\n")
    assert KnowledgeBase(session_factory).term("dutch").broader == "unlisted_language"


BROKEN_CONTENT = [
    pytest.param(
        "market.yml",
        "topics:\n",
        "topics:\n  - key: [unclosed\n",
        r"market\.yml: invalid YAML: line \d+",
        id="yaml-syntax",
    ),
    pytest.param(
        "workforce.yml",
        "      it: Quali competenze servono?\n",
        "",
        r"workforce\.yml: topic 'skills': title: missing translation: it",
        id="missing-translation",
    ),
    pytest.param(
        "salaries.yml",
        "facts: [A16, B3]",
        "facts: [A16, B3, A99]",
        r"salaries\.yml: topic 'salaries': unknown fact ID 'A99'",
        id="unknown-fact",
    ),
    pytest.param(
        "market.yml",
        "  - key: pricing\n",
        "  - key: kpis\n",
        r"market\.yml: topic 'kpis': duplicate key \(also in market\.yml\)",
        id="duplicate-topic-key",
    ),
    pytest.param(
        "workforce.yml",
        "      it: Quali competenze servono?\n",
        "      it: Quali competenze servono?\n      it: Doppione\n",
        r"workforce\.yml: invalid YAML: line \d+, column \d+: duplicate key 'it'",
        id="duplicate-yaml-key",
    ),
    pytest.param(
        "glossary.yml",
        "en: [payroll",
        "en: [data entry, payroll",
        r"glossary\.yml: term '\w+': synonym 'data entry' \(en\) already names term '(data_entry|payroll)'",
        id="duplicate-synonym",
    ),
    pytest.param(
        "workforce.yml",
        "      - variant: bpo\n",
        "      - variant: bpo_typo\n",
        r"workforce\.yml: topic '\w+': variant 'bpo_typo' is neither 'default' nor a glossary term",
        id="unknown-variant",
    ),
    pytest.param(
        "outsourcing_types.yml",
        "same_question_about: {call_center: what_is_call_center}",
        "same_question_about: {call_centre: what_is_call_centre}",
        r"outsourcing_types\.yml: topic 'what_is_bpo': same_question_about: unknown glossary term "
        r"'call_centre'"
        r"(.|\n)*topic 'what_is_call_centre' is unknown",
        id="unknown-counterpart",
    ),
    pytest.param(
        "languages.yml",
        "topics:",
        "# nothing here\ntopics_x:",
        r"languages\.yml: unknown section 'topics_x'",
        id="unknown-section",
    ),
    pytest.param("channels.yml", "topics:", "topics: 3\nignored:", r"channels\.yml", id="not-a-list"),
]


@pytest.mark.parametrize(("file_name", "old", "new", "expected"), BROKEN_CONTENT)
def test_bad_content_is_refused_with_a_clear_message_and_changes_nothing(
    session_factory, content_copy, file_name, old, new, expected
):
    load(session_factory, content_copy)
    before = snapshot(session_factory)
    edit(content_copy / file_name, old, new)
    with pytest.raises(ContentError) as raised:
        load(session_factory, content_copy)
    assert re.search(expected, str(raised.value)), str(raised.value)
    assert snapshot(session_factory) == before


def test_empty_content_folder_is_refused(tmp_path):
    with pytest.raises(ContentError, match="no content files"):
        read_content(tmp_path)


def test_cli_reports_problems_and_exit_code(content_copy, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert cli_main(["--database-url", url, "--content", str(content_copy), "load"]) == 0
    assert "knowledge base synced" in capsys.readouterr().out
    assert cli_main(["--database-url", url, "--content", str(content_copy), "load"]) == 0
    assert "already up to date" in capsys.readouterr().out
    edit(content_copy / "salaries.yml", "facts: [A16, B3]", "facts: [Z1]")
    assert cli_main(["--database-url", url, "--content", str(content_copy), "load"]) == 1
    error = capsys.readouterr().err
    assert "NOT loaded, the database is unchanged" in error
    assert "salaries.yml: topic 'salaries': unknown fact ID 'Z1'" in error
