"""Rasa's SQL tracker store, which also forgets a conversation completely when the user asked for it.

`action_delete_my_data` deletes the conversation's stored events (knowledge/erasure.py), but the Rasa
server still holds the turn in memory, and `SQLTrackerStore.save` appends every in-memory event beyond the
number it finds stored: with none left it would write the whole session back, name and e-mail included.
So the turn that erased is not saved: its save deletes the conversation's events once more (they may have
been written by a turn that ran meanwhile) and writes nothing. Configured in deploy/endpoints.yml as
`type: bot.tracker_store.ErasingSQLTrackerStore` with the same settings as `type: SQL`.

On SQLite (the development profile, `make run` and the tests) the store writes ahead (WAL) and syncs to
disk at checkpoints, not at every commit, and keeps its connections open: a commit waited for the disk twice
per message, and SQLAlchemy 1.4 opened (and on closing, checkpointed) a new SQLite connection for every
query; together about 15% of the Rasa server's time under load (py-spy). A crash of the server loses
nothing; a power cut can lose the last few turns. PostgreSQL (the production profile) is left as it is.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy
import sqlalchemy.orm
import sqlalchemy.pool
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from knowledge.erasure import delete_conversation_events

# The replies action_delete_my_data sends once the erasure succeeded (a failed action sends none).
ERASURE_REPLIES = frozenset(
    {"utter_erased_lead_and_conversation", "utter_erased_conversation", "utter_data_deleted"}
)


def erased_in_latest_turn(tracker: DialogueStateTracker) -> bool:
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and event.metadata.get("utter_action") in ERASURE_REPLIES:
            return True
    return False


def write_ahead_on_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # kept in the file: a no-op after the first connection
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class ErasingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            self.engine.dispose()
            # The pool SQLAlchemy 2.0 uses for SQLite files by default; Rasa queries from one thread.
            pool = {"poolclass": sqlalchemy.pool.QueuePool, "connect_args": {"check_same_thread": False}}
            self.engine = sqlalchemy.create_engine(url, **pool)
            sqlalchemy.event.listen(self.engine, "connect", write_ahead_on_sqlite)
            self.sessionmaker = sqlalchemy.orm.sessionmaker(bind=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if erased_in_latest_turn(tracker):
            delete_conversation_events(self.engine, [tracker.sender_id])
            return
        await super().save(tracker)
