"""Closed-loop load over the REST channel: N simulated users, each replaying a conversation, for a fixed time.

Each user sends a message, waits for the reply, sends the next one (no think time), and starts a new
conversation (new sender id) after the last message. Only loopback addresses are targeted.

Usage: python -m bench.load --url http://127.0.0.1:5005 --users 1 10 50 --seconds 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
import uuid
from dataclasses import asdict, dataclass
from urllib.parse import urlparse

import aiohttp

ADVISOR_CONVERSATION = (
    "hello",
    "what is BPO?",
    "what skills do call center agents need?",
    "and for BPO?",
    "le buste paga sono front o back office?",
    "we want to outsource our customer service",
    "phone and email",
    "Italian and German",
)
# What `rasa init` understands: its baseline gets the same number of turns.
BASELINE_CONVERSATION = ("hello", "I am sad", "yes", "no", "great", "are you a bot?", "bye", "hi")


@dataclass
class LevelResult:
    users: int
    seconds: float
    requests: int
    errors: int
    throughput_rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def simulated_user(
    session, url: str, conversation, deadline: float, latencies: list, errors: list
) -> None:
    while time.monotonic() < deadline:
        sender = f"load-{uuid.uuid4().hex[:10]}"
        for message in conversation:
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            try:
                async with session.post(url, json={"sender": sender, "message": message}) as response:
                    body = await response.json()
                    if response.status != 200 or not isinstance(body, list) or not body:
                        errors.append(f"{response.status}: {str(body)[:100]}")
                        continue
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                errors.append(repr(error))
                continue
            latencies.append((time.perf_counter() - started) * 1000)


async def run_level(base_url: str, users: int, seconds: float, conversation) -> LevelResult:
    url = f"{base_url}/webhooks/rest/webhook"
    latencies: list[float] = []
    errors: list[str] = []
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=users)) as session:
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(
            *(simulated_user(session, url, conversation, deadline, latencies, errors) for _ in range(users))
        )
        elapsed = time.monotonic() - started
    return LevelResult(
        users=users,
        seconds=round(elapsed, 1),
        requests=len(latencies),
        errors=len(errors),
        throughput_rps=round(len(latencies) / elapsed, 1),
        p50_ms=round(statistics.median(latencies), 1) if latencies else float("nan"),
        p95_ms=round(percentile(latencies, 0.95), 1),
        p99_ms=round(percentile(latencies, 0.99), 1),
    )


def check_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host not in ("localhost", "::1") and not host.startswith("127."):
        raise SystemExit(f"refusing to load {host}: only loopback addresses are targeted")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    parser.add_argument("--users", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--baseline", action="store_true", help="replay the rasa-init conversation")
    args = parser.parse_args()
    check_loopback(args.url)
    conversation = BASELINE_CONVERSATION if args.baseline else ADVISOR_CONVERSATION
    results = [asyncio.run(run_level(args.url, n, args.seconds, conversation)) for n in args.users]
    print(json.dumps([asdict(r) for r in results], indent=2))


if __name__ == "__main__":
    main()
