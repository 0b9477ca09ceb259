"""Command line: `python -m knowledge load`, `python -m knowledge check`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from knowledge.db import database_url, make_engine, make_session_factory
from knowledge.loader import CONTENT_DIR, ContentError, LoadError, load, read_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__)
    parser.add_argument("--database-url", help="SQLAlchemy URL (default: $ADVISOR_DATABASE_URL or var/advisor.db)")
    parser.add_argument("--content", type=Path, default=CONTENT_DIR, help="folder of YAML content files")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the content files without touching the database")
    commands.add_parser("load", help="validate, then sync the database in one transaction")
    args = parser.parse_args(argv)

    try:
        if args.command == "check":
            content = read_content(args.content)
            print(f"content OK: {len(content.topics)} topics, {len(content.terms)} glossary terms")
            return 0
        engine = make_engine(args.database_url or database_url())
        report = load(make_session_factory(engine), args.content)
        print(report.summary())
        return 0
    except ContentError as error:
        print(f"knowledge base NOT loaded, the database is unchanged. {len(error.problems)} problem(s):", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except LoadError as error:
        print(f"knowledge base NOT loaded: {error}", file=sys.stderr)
        return 1
