"""Speed half of `make bench`: latency under load against the `rasa init` floor, memory, training, start-up.

Runs, on this machine and loopback only:
- the advisor (action server + Rasa server, trained model) and the minimal assistant `rasa init` generates,
  served by the same Rasa, each under closed-loop load of 1, 10 and 50 simulated users (bench/load.py);
- resident memory of the Rasa server and the action server after the load;
- model training time (`rasa train --force` into a scratch folder) and time from start to the first answer.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

import requests

from bench.load import ADVISOR_CONVERSATION, BASELINE_CONVERSATION, run_level
from deploy.processes import free_port, wait_until_up
from knowledge.db import make_engine, make_session_factory
from knowledge.loader import load
from tests.servers import RasaStack

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
BASELINE_DIR = ROOT / "build" / "baseline"
LEVELS = (1, 10, 50)


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def first_answer_seconds(url: str, started: float) -> float:
    while True:
        try:
            reply = requests.post(url, json={"sender": "first", "message": "hello"}, timeout=30)
            if reply.ok and reply.json():
                return round(time.monotonic() - started, 1)
        except requests.RequestException:
            pass
        time.sleep(0.2)


def training_seconds() -> float:
    with tempfile.TemporaryDirectory() as out:
        started = time.monotonic()
        subprocess.run(
            [RASA, "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "bot/data",
             "--out", out, "--force", "--quiet"],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        return round(time.monotonic() - started, 1)


def baseline_model() -> Path:
    """The `rasa init` assistant, created and trained once under build/baseline."""
    models = sorted((BASELINE_DIR / "models").glob("*.tar.gz"))
    if not models:
        BASELINE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [RASA, "init", "--no-prompt", "--init-dir", str(BASELINE_DIR)], check=True, capture_output=True
        )
        models = sorted((BASELINE_DIR / "models").glob("*.tar.gz"))
    return models[-1]


def load_levels(base_url: str, conversation, seconds: float) -> list[dict]:
    return [asdict(asyncio.run(run_level(base_url, users, seconds, conversation))) for users in LEVELS]


def measure_advisor(workdir: Path, seconds: float) -> dict:
    database_url = f"sqlite:///{workdir / 'advisor.db'}"
    load(make_session_factory(make_engine(database_url)))
    started = time.monotonic()
    stack = RasaStack(workdir, database_url).start()
    try:
        first = first_answer_seconds(stack.rest_url, started)
        levels = load_levels(f"http://127.0.0.1:{stack.rasa_port}", ADVISOR_CONVERSATION, seconds)
        actions, rasa = stack.services[0].process, stack.services[1].process
        return {
            "start_to_first_answer_s": first,
            "levels": levels,
            "rasa_server_rss_mb": resident_mb(rasa.pid),
            "action_server_rss_mb": resident_mb(actions.pid),
        }
    finally:
        stack.stop()


def measure_baseline(workdir: Path, seconds: float) -> dict:
    model = baseline_model()
    port = free_port()
    log = workdir / "baseline.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [RASA, "run", "--model", str(model), "--port", str(port)], cwd=BASELINE_DIR, stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/webhooks/rest/", server, log)
        levels = load_levels(f"http://127.0.0.1:{port}", BASELINE_CONVERSATION, seconds)
        return {"levels": levels, "rasa_server_rss_mb": resident_mb(server.pid)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def measure(seconds: float = 20) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        advisor = measure_advisor(Path(scratch), seconds)
        baseline = measure_baseline(Path(scratch), seconds)
    ratios = {
        f"p95_ratio_at_{a['users']}_users": round(a["p95_ms"] / b["p95_ms"], 2)
        for a, b in zip(advisor["levels"], baseline["levels"], strict=True)
    }
    return {"advisor": advisor, "baseline": baseline, **ratios, "training_s": training_seconds()}
