"""The speed fixes change how fast things are done, never what comes out: same events, intents and rows."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest
import sqlalchemy
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sklearn.linear_model import LogisticRegression

import bot.policies  # noqa: F401  (applies bot.rasa_fixes, as loading the model does)
from bot.nlu.intent_classifier import lay_out_for_prediction
from bot.tracker_store import ErasingSQLTrackerStore


def test_the_faster_classifier_layout_gives_the_same_probabilities():
    rng = np.random.default_rng(7)
    features, labels = rng.random((60, 40)), rng.integers(0, 4, 60)
    classifier = LogisticRegression(max_iter=300).fit(features, labels)
    before = classifier.predict_proba(features)
    lay_out_for_prediction(classifier)
    assert classifier.coef_.T.flags["C_CONTIGUOUS"]
    assert np.allclose(classifier.predict_proba(features), before)


def test_an_untrained_classifier_is_left_alone():
    lay_out_for_prediction(LogisticRegression())  # no coef_ yet: nothing to lay out, no error


def test_events_are_still_read_back_as_their_own_classes():
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("user") is UserUttered  # the remembered answer
    assert Event.resolve_by_type("topic") is None  # Rasa's own backward compatibility
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")


def test_the_sqlite_tracker_store_writes_ahead_and_keeps_every_turn(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    domain = Domain.empty()
    store = ErasingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    tracker = DialogueStateTracker.from_events(
        "visitor", [ActionExecuted("action_listen"), UserUttered("hello"), SlotSet("language", "de")]
    )
    asyncio.run(store.save(tracker))
    with sqlalchemy.create_engine(url).connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    reread = ErasingSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    restored = asyncio.run(reread.retrieve("visitor"))
    assert [e.as_dict()["event"] for e in restored.events] == ["action", "user", "slot"]
    assert restored.latest_message.text == "hello"
