"""Shared fixtures: a knowledge base on SQLite and on a throwaway PostgreSQL server."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from deploy.postgres import PostgresServer
from knowledge.answering import Answerer
from knowledge.db import make_engine, make_session_factory
from knowledge.loader import CONTENT_DIR, load
from knowledge.queries import KnowledgeBase

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    server = PostgresServer.start()
    try:
        yield server
    finally:
        server.stop()


def _sqlite_url(tmp_path: Path) -> Iterator[str]:
    yield f"sqlite:///{tmp_path / 'advisor.db'}"


def _postgres_url(server: PostgresServer) -> Iterator[str]:
    """A fresh database on the shared server, dropped afterwards."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.url("postgres"), future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.url(name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path) -> Iterator[str]:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield from _sqlite_url(tmp_path)
    else:
        yield from _postgres_url(request.getfixturevalue("postgres_server"))


@pytest.fixture
def session_factory(database_url) -> Iterator[sessionmaker]:
    engine = make_engine(database_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the real content, for tests that break or edit it."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    return copy


@pytest.fixture
def loaded_kb(session_factory) -> KnowledgeBase:
    load(session_factory)
    return KnowledgeBase(session_factory)


@pytest.fixture(scope="session")
def project_kb(tmp_path_factory) -> KnowledgeBase:
    """The real content loaded once into SQLite, for tests that only read."""
    path = tmp_path_factory.mktemp("kb") / "advisor.db"
    factory = make_session_factory(make_engine(f"sqlite:///{path}"))
    load(factory)
    return KnowledgeBase(factory)


@pytest.fixture(scope="session")
def project_answerer(project_kb) -> Answerer:
    return Answerer(project_kb)


@pytest.fixture
def qa(project_answerer) -> Answerer:
    """The real content's answerer, by its short name in the answer tests."""
    return project_answerer


@pytest.fixture
def action_kb(project_kb, project_answerer, monkeypatch) -> KnowledgeBase:
    """Make the actions use the session knowledge base instead of $ADVISOR_DATABASE_URL."""
    from bot.actions import common

    monkeypatch.setattr(common, "knowledge_base", lambda: project_kb)
    monkeypatch.setattr(common, "answerer", lambda: project_answerer)
    for module in ("bot.actions.language", "bot.actions.answers", "bot.actions.prospect",
                   "bot.actions.form_reading", "bot.actions.channel_reading", "bot.actions.recommendation",
                   "bot.actions.leads", "bot.actions.last_reply"):  # fmt: skip
        monkeypatch.setattr(f"{module}.knowledge_base", lambda: project_kb, raising=False)
        monkeypatch.setattr(f"{module}.answerer", lambda: project_answerer, raising=False)
    return project_kb


@pytest.fixture(autouse=True)
def _quiet_tensorflow():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@pytest.fixture(scope="session")
def rasa_stack(tmp_path_factory):
    """The trained assistant behind its REST channel, with the action server, on a private knowledge base."""
    from tests.servers import RasaStack

    workdir = tmp_path_factory.mktemp("stack")
    database_url = f"sqlite:///{workdir / 'advisor.db'}"
    load(make_session_factory(make_engine(database_url)))
    stack = RasaStack(workdir, database_url).start()
    try:
        yield stack
    finally:
        stack.stop()


PLATFORM_SECRETS = {"slack": "slack-signing-secret", "facebook": "fb-app-secret", "twilio": "twilio-token"}


@pytest.fixture(scope="session")
def messaging_stack(tmp_path_factory):
    """The assistant with every offline-capable channel (replies recorded, tests/fake_platforms.py) and the
    project's erasing SQL tracker store on SQLite."""
    import yaml

    from tests.servers import RasaStack

    workdir = tmp_path_factory.mktemp("messaging")
    credentials = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text())
    credentials.update({
        "tests.fake_platforms.RecordingSlackInput": {
            "slack_token": "xoxb-dummy", "slack_signing_secret": PLATFORM_SECRETS["slack"],
        },
        "tests.fake_platforms.RecordingFacebookInput": {
            "verify": "dummy-verify", "secret": PLATFORM_SECRETS["facebook"], "page-access-token": "dummy",
        },
        "tests.fake_platforms.RecordingTwilioInput": {
            "account_sid": "ACdummy", "auth_token": PLATFORM_SECRETS["twilio"], "twilio_number": "+1000000",
        },
    })  # fmt: skip
    (workdir / "credentials.yml").write_text(yaml.safe_dump(credentials))
    database_url = f"sqlite:///{workdir / 'advisor.db'}"
    load(make_session_factory(make_engine(database_url)))
    stack = RasaStack(
        workdir,
        database_url,
        extra_env={"RECORDED_REPLIES": str(workdir / "replies.jsonl")},
        credentials=workdir / "credentials.yml",
        tracker_url=f"sqlite:///{workdir / 'tracker.db'}",
    ).start()
    try:
        yield stack
    finally:
        stack.stop()
