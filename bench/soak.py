"""Fault soak against the production profile (part of `make bench`; loopback only, bounded in time).

1. 50 simulated visitors fill the prospect form for 60 s through nginx, while one Rasa server is killed
   (SIGKILL) and restarted at 20 s and the action server at 40 s. Then every conversation's messages that
   were answered must be in the tracker store, and every finished form must be exactly one lead.
2. The same load on a single Rasa server without faults, for comparison.
3. "Under attack": p95 of 10 normal visitors, quiet and while one client sends maximum-size messages
   (just under the 64 KB body limit) as fast as it can.

Usage: python -m bench.soak [--visitors 50] [--seconds 60]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from sqlalchemy import create_engine, text

from bench.load import percentile
from deploy.processes import Service
from deploy.profile import Ports, ProductionProfile

FORM = (
    "vorremmo esternalizzare le buste paga e la contabilità", "italiano e inglese", "orario d'ufficio",
    "circa 2000 cedolini al mese", "entro gennaio", "sì", "Soak Spa", "Sara Soak",
)  # fmt: skip
SAVED = "salvat"  # "Salvato, grazie!"
MAX_SIZE_MESSAGE = "a" * 60_000


@dataclass
class Run:
    started: float = field(default_factory=time.monotonic)
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    answered: dict[str, list[str]] = field(default_factory=dict)  # sender -> messages answered
    finished: list[str] = field(default_factory=list)  # senders whose form was saved

    def summary(self, seconds: float) -> dict:
        total = len(self.latencies) + len(self.errors)
        return {
            "requests": total,
            "errors": len(self.errors),
            "error_rate": round(len(self.errors) / total, 4) if total else None,
            "throughput_rps": round(len(self.latencies) / seconds, 2),
            "p50_ms": round(percentile(self.latencies, 0.5)),
            "p95_ms": round(percentile(self.latencies, 0.95)),
            "p99_ms": round(percentile(self.latencies, 0.99)),
            "error_examples": sorted(set(self.errors))[:5],
        }


async def post(session: aiohttp.ClientSession, url: str, token: str, sender: str, message: str) -> list:
    headers = {"Authorization": f"Bearer {token}"}
    async with session.post(url, json={"sender": sender, "message": message}, headers=headers) as response:
        try:
            body = await response.json(content_type=None)
        except ValueError:
            body = "(not JSON)"
        if response.status != 200 or not isinstance(body, list) or not body:
            raise RuntimeError(f"HTTP {response.status}: {str(body)[:80]}")
        return body


async def visitor(session, profile: ProductionProfile, run: Run, deadline: float) -> None:
    url = f"{profile.url}/webhooks/rest/webhook"
    while time.monotonic() < deadline:
        sender = f"soak-{uuid.uuid4().hex[:10]}"
        messages = [*FORM, f"{sender}@example.com", "sì"]
        answered = run.answered.setdefault(sender, [])
        for index, message in enumerate(messages):
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            try:
                reply = await post(session, url, profile.rest_token, sender, message)
            except (aiohttp.ClientError, asyncio.TimeoutError, RuntimeError, ValueError) as error:
                run.errors.append(repr(error)[:120])
                break  # a real visitor would start again; the conversation stays as far as it got
            run.latencies.append((time.perf_counter() - started) * 1000)
            answered.append(message)
            if index == len(messages) - 1 and SAVED in json.dumps(reply, ensure_ascii=False).lower():
                run.finished.append(sender)


async def attacker(session, profile: ProductionProfile, deadline: float, sent: list[int]) -> None:
    url = f"{profile.url}/webhooks/rest/webhook"
    while time.monotonic() < deadline:
        try:
            await post(session, url, profile.rest_token, "attacker", MAX_SIZE_MESSAGE)
            sent.append(1)
        except (aiohttp.ClientError, asyncio.TimeoutError, RuntimeError, ValueError):
            sent.append(0)


async def load(profile: ProductionProfile, visitors: int, seconds: float, attack: bool = False) -> dict:
    run, sent = Run(), []
    deadline = time.monotonic() + seconds
    connector = aiohttp.TCPConnector(limit=visitors + 2)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as session:
        tasks = [visitor(session, profile, run, deadline) for _ in range(visitors)]
        if attack:
            tasks.append(attacker(session, profile, deadline, sent))
        await asyncio.gather(*tasks)
    result = {**run.summary(seconds), "run": run}
    if attack:
        result["attack_messages_answered"] = sum(sent)
    return result


def kill_and_restart(service: Service, at: float, started: float, log: list[str]) -> threading.Thread:
    def fault() -> None:
        time.sleep(max(0.0, started + at - time.monotonic()))
        assert service.process is not None
        service.process.kill()
        service.process.wait()
        log.append(f"{time.monotonic() - started:.1f}s killed {service.name}")
        service.start()
        log.append(f"{time.monotonic() - started:.1f}s {service.name} ready again")

    thread = threading.Thread(target=fault, daemon=True)
    thread.start()
    return thread


def lost_messages_and_leads(profile: ProductionProfile, run: Run) -> dict:
    """Answered messages missing from the tracker store, and finished forms without exactly one lead."""
    tracker = create_engine(profile.tracker_url, future=True)
    knowledge = create_engine(profile.knowledge_url, future=True)
    lost, wrong_leads = 0, 0
    with tracker.connect() as events, knowledge.connect() as leads:
        for sender, answered in run.answered.items():
            rows = events.execute(
                text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
                {"s": sender},
            )
            stored = [json.loads(row.data)["text"] for row in rows]
            lost += sum(1 for message in answered if message not in stored)
        for sender in run.finished:
            count = leads.execute(
                text("SELECT count(*) FROM leads WHERE conversation_id = :s"), {"s": sender}
            ).scalar_one()
            wrong_leads += count != 1
    tracker.dispose()
    knowledge.dispose()
    return {
        "conversations": len(run.answered),
        "finished_forms": len(run.finished),
        "answered_messages_lost": lost,
        "finished_forms_without_exactly_one_lead": wrong_leads,
    }


def with_profile(rasa_servers: int, work) -> dict:
    directory = Path(tempfile.mkdtemp(prefix="advisor-soak-"))
    directory.chmod(0o755)
    profile = ProductionProfile(directory, Ports.free(rasa_servers=rasa_servers))
    try:
        profile.start()
        return work(profile)
    finally:
        profile.stop()
        shutil.rmtree(directory, ignore_errors=True)


def faults(visitors: int, seconds: float) -> dict:
    def work(profile: ProductionProfile) -> dict:
        started, log = time.monotonic(), []
        assert profile.actions is not None
        threads = [kill_and_restart(profile.rasa[0], seconds / 3, started, log),
                   kill_and_restart(profile.actions, 2 * seconds / 3, started, log)]  # fmt: skip
        result = asyncio.run(load(profile, visitors, seconds))
        for thread in threads:
            thread.join(timeout=300)
        run = result.pop("run")
        return {**result, **lost_messages_and_leads(profile, run), "faults": log}

    return with_profile(2, work)


def single_server(visitors: int, seconds: float) -> dict:
    def work(profile: ProductionProfile) -> dict:
        result = asyncio.run(load(profile, visitors, seconds))
        result.pop("run")
        return result

    return with_profile(1, work)


def under_attack(visitors: int, seconds: float) -> dict:
    def work(profile: ProductionProfile) -> dict:
        quiet = asyncio.run(load(profile, visitors, seconds))
        attacked = asyncio.run(load(profile, visitors, seconds, attack=True))
        quiet.pop("run")
        attacked.pop("run")
        ratio = attacked["p95_ms"] / quiet["p95_ms"] if quiet["p95_ms"] else None
        return {"quiet": quiet, "attacked": attacked, "p95_ratio": round(ratio, 2) if ratio else None}

    return with_profile(2, work)


def soak(visitors: int = 50, seconds: float = 60) -> dict:
    # Every simulated visitor comes from 127.0.0.1: nginx's per-address limit would measure only itself.
    os.environ["ADVISOR_RATE_LIMIT"] = "100000"
    return {
        "visitors": visitors,
        "seconds": seconds,
        "faults_two_servers": faults(visitors, seconds),
        "single_server_no_faults": single_server(visitors, seconds),
        "under_attack": under_attack(10, seconds / 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    result = soak(args.visitors, args.seconds)
    print(json.dumps(result, indent=2))
    print("\n".join(markdown(result)))


def markdown(result: dict) -> list[str]:
    faults, single = result["faults_two_servers"], result["single_server_no_faults"]
    attack = result["under_attack"]
    row = "| {name} | {requests} | {error_rate} | {throughput_rps} | {p50_ms}/{p95_ms}/{p99_ms} |"
    return [
        "", f"## Faults (production profile, {result['visitors']} visitors, {result['seconds']:.0f} s)", "",
        "| run | requests | error rate | answers/s | p50/p95/p99 ms |", "|---|---|---|---|---|",
        row.format(name="2 servers, Rasa server killed at 1/3, action server at 2/3", **faults),
        row.format(name="1 server, no faults", **single),
        "",
        f"After the faults: {faults['conversations']} conversations, {faults['answered_messages_lost']} "
        f"answered messages missing from the tracker store; {faults['finished_forms']} finished forms, "
        f"{faults['finished_forms_without_exactly_one_lead']} without exactly one lead. "
        f"Faults: {'; '.join(faults['faults'])}.",
        "",
        f"Under attack (10 visitors; one client sending {len(MAX_SIZE_MESSAGE):,}-character messages "
        f"as fast as it can): p95 {attack['quiet']['p95_ms']} ms quiet, {attack['attacked']['p95_ms']} ms "
        f"attacked (ratio {attack['p95_ratio']}); {attack['attacked'].get('attack_messages_answered')} "
        "attack messages refused with the cap's reply.",
    ]  # fmt: skip


if __name__ == "__main__":
    main()
