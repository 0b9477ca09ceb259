"""`python -m knowledge.delivery`: the delivery worker, until SIGTERM or Ctrl-C (ends the send in hand)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading

from knowledge.db import database_url, make_engine, make_session_factory
from knowledge.delivery.settings import Settings
from knowledge.delivery.worker import Worker
from knowledge.loader import ensure_schema


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge.delivery", description=__doc__)
    parser.add_argument(
        "--database-url", help="SQLAlchemy URL (default: $ADVISOR_DATABASE_URL or var/advisor.db)"
    )
    parser.add_argument("--name", default=f"worker-{os.getpid()}", help="name in the log")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stdout)
    engine = make_engine(args.database_url or database_url())
    ensure_schema(engine)
    settings = Settings.from_env()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    targets = [t for t, on in (("webhook", settings.webhook_url), ("e-mail", settings.smtp)) if on]
    logging.info("%s: delivering to %s", args.name, ", ".join(targets) or "nothing yet")
    Worker(make_session_factory(engine), settings, args.name).run(stop)
    logging.info("%s: stopped", args.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
