"""Command line: `python -m knowledge load|check|purge`, `python -m knowledge leads list|export|erase`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from knowledge.db import database_url, make_engine, make_session_factory
from knowledge.delivery import admin
from knowledge.delivery.outbox import STATUSES
from knowledge.erasure import Eraser, retention_days, tracker_engine
from knowledge.leads import LeadStore
from knowledge.loader import CONTENT_DIR, ContentError, LoadError, ensure_schema, load, read_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__)
    parser.add_argument(
        "--database-url", help="SQLAlchemy URL (default: $ADVISOR_DATABASE_URL or var/advisor.db)"
    )
    parser.add_argument("--content", type=Path, default=CONTENT_DIR, help="folder of YAML content files")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the content files without touching the database")
    commands.add_parser("load", help="validate, then sync the database in one transaction")
    leads = commands.add_parser("leads", help="list, export or erase prospect leads")
    lead_commands = leads.add_subparsers(dest="lead_command", required=True)
    lead_commands.add_parser("list", help="one line per lead")
    _add_deliveries(lead_commands)  # `leads deliveries [retry]`: the sales team's outbox
    export = lead_commands.add_parser("export", help="every lead as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), default="csv")
    export.add_argument("--output", type=Path, help="file to write (default: standard output)")
    erase = lead_commands.add_parser(
        "erase", help="delete a lead and its conversation's events on request (GDPR erasure)"
    )
    which = erase.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", type=int, dest="lead_id")
    which.add_argument("--conversation")
    which.add_argument("--email")
    purge = commands.add_parser(
        "purge", help="delete conversations and needs-only leads older than the retention period"
    )
    purge.add_argument("--days", type=int, help="default: $CONVERSATION_RETENTION_DAYS or 90")
    purge.add_argument("--every", type=float, metavar="SECONDS", help="keep running, purging this often")
    args = parser.parse_args(argv)
    if args.command == "leads":
        return _leads(args)
    if args.command == "purge":
        return _purge(args)

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
        print(
            f"knowledge base NOT loaded, the database is unchanged. {len(error.problems)} problem(s):",
            file=sys.stderr,
        )
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except LoadError as error:
        print(f"knowledge base NOT loaded: {error}", file=sys.stderr)
        return 1


def _add_deliveries(lead_commands) -> None:
    deliveries = lead_commands.add_parser(
        "deliveries", help="the lead events for the sales team: pending, delivered, failed"
    )
    deliveries.add_argument("--status", choices=STATUSES, help="only events with this status")
    actions = deliveries.add_subparsers(dest="delivery_command")
    retry = actions.add_parser("retry", help="send an event (or every failed one) again")
    which = retry.add_mutually_exclusive_group(required=True)
    which.add_argument("event_id", nargs="?", help="the event id (from the list)")
    which.add_argument("--failed", action="store_true", help="every failed event")


def _deliveries(args: argparse.Namespace, factory) -> int:
    if args.delivery_command == "retry":
        count = admin.retry(factory, event_id=args.event_id, failed=args.failed)
        print(f"{count} event(s) will be sent again")
        return 0 if count or args.failed else 1
    events = admin.list_events(factory, args.status)
    for event in events:
        when = event["delivered_at"] or event["next_attempt_at"]
        line = (
            f"{event['event_id']} {event['created_at']:%Y-%m-%d %H:%M:%S} {event['event_type']:<12} "
            f"lead #{event['lead_id']} {event['status']:<9} attempts={event['attempts']} "
            f"{'delivered' if event['delivered_at'] else 'next'}={when:%Y-%m-%d %H:%M:%S}"
        )
        if event["last_error"]:
            line += f" error: {event['last_error']}"
        print(line)
    counts = {status: sum(e["status"] == status for e in events) for status in STATUSES}
    print(", ".join(f"{n} {status}" for status, n in counts.items()))
    return 0


def _leads(args: argparse.Namespace) -> int:
    engine = make_engine(args.database_url or database_url())
    ensure_schema(engine)
    factory = make_session_factory(engine)
    if args.lead_command == "deliveries":
        return _deliveries(args, factory)
    store = LeadStore(factory)
    if args.lead_command == "list":
        for lead in store.all():
            contact = lead["email"] or "(no consent: no contact data)"
            print(
                f"#{lead['id']} {lead['updated_at']:%Y-%m-%d %H:%M} {lead['recommended_model'] or '-'} "
                f"{contact} processes={','.join(lead['processes'])}"
            )
        return 0
    if args.lead_command == "export":
        text = store.export_csv() if args.format == "csv" else store.export_json()
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    erased = Eraser(store, tracker_engine()).erase(
        conversation_id=args.conversation, lead_id=args.lead_id, email=args.email
    )
    print(erased.summary())
    return 0 if erased.leads or erased.events else 1


def _eraser(args: argparse.Namespace) -> Eraser:
    engine = make_engine(args.database_url or database_url())
    ensure_schema(engine)
    return Eraser(LeadStore(make_session_factory(engine)), tracker_engine())


def _purge(args: argparse.Namespace) -> int:
    eraser, days = _eraser(args), args.days or retention_days()
    while True:
        print(f"retention {days} days: {eraser.purge(days).summary()}", flush=True)
        if not args.every:
            return 0
        time.sleep(args.every)
