"""Start, watch and stop server processes (for the production profile, the tests and the benchmark)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import requests

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
MODEL = PROJECT_ROOT / "models" / "advisor.tar.gz"
# TensorFlow's start-up chatter and SQLAlchemy 2.0 migration hints would drown the servers' logs.
QUIET = {"TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
# Sanic (the Rasa server's web framework) reads SANIC_* variables into its config: a body over 64 KB gets
# 413 before it is read. Longer chat messages are refused after it, without NLU (bot/message_guard.py).
# For the Rasa servers only: Rasa sends the action server the whole conversation with every call.
REQUEST_MAX_SIZE = "65536"
LIMITS = {"SANIC_REQUEST_MAX_SIZE": os.environ.get("SANIC_REQUEST_MAX_SIZE", REQUEST_MAX_SIZE)}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_ok(url: str) -> Callable[[], bool]:
    """A readiness check: the URL answers 2xx."""

    def check() -> bool:
        try:
            return requests.get(url, timeout=2).ok
        except requests.RequestException:
            return False

    return check


def redis_pong(port: int) -> Callable[[], bool]:
    """A readiness check: Redis on 127.0.0.1:port answers PING (plain RESP, no client library needed)."""

    def check() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    return check


def _log_tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"


def wait_until(
    ready: Callable[[], bool], process: subprocess.Popen, log: Path, what: str, timeout: float
) -> None:
    """Wait until `ready()`; fail early, with the log's tail, if the process exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what}: process exited ({process.returncode}); log:\n{_log_tail(log)}")
        if ready():
            return
        time.sleep(0.5)
    raise RuntimeError(f"{what} was not ready within {timeout:.0f} s; log:\n{_log_tail(log)}")


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 240) -> None:
    wait_until(http_ok(url), process, log, url, timeout)


@dataclass
class Service:
    """One server process with its log file and readiness check; it can be stopped and started again."""

    name: str
    command: list[str]
    log: Path
    ready: Callable[[], bool]
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None

    def start(self, timeout: float = 240) -> Service:
        self.spawn()
        self.wait_ready(timeout)
        return self

    def spawn(self) -> None:
        """Start without waiting (to start several at once, then `wait_ready` each)."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("a") as output:
            self.process = subprocess.Popen(
                self.command,
                cwd=PROJECT_ROOT,
                env={**os.environ, **self.env},
                stdout=output,
                stderr=subprocess.STDOUT,
                # Ctrl-C in a terminal reaches only the supervisor, which stops the services in order.
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 240) -> None:
        assert self.process is not None, f"{self.name} was never started"
        wait_until(self.ready, self.process, self.log, self.name, timeout)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 20) -> None:
        if not self.running:
            return
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def stop_all(services: list[Service]) -> None:
    """Stop in reverse start order: the front door first, the databases last."""
    for service in reversed(services):
        service.stop()


def require_model() -> None:
    if not MODEL.exists():
        raise RuntimeError(f"{MODEL} is missing: run `make model` (make run, make test and make prod do it)")


def tracker_store_yaml(url: str) -> str:
    """The endpoints.yml section that keeps conversations in Rasa's SQL tracker store at `url` (the project's
    erasing subclass, bot/tracker_store.py: "delete my data" leaves nothing behind)."""
    return (
        "\n# Conversations (added by the starter).\ntracker_store:\n"
        f'  type: bot.tracker_store.ErasingSQLTrackerStore\n  url: "{url}"\n'
    )


def action_server(port: int, log: Path, database_url: str, tracker_url: str | None = None) -> Service:
    """The project's action server on 127.0.0.1:port, reading the knowledge base at `database_url`
    (and erasing conversations in the tracker store at `tracker_url`, knowledge/erasure.py)."""
    command = [RASA, "run", "actions", "--actions", "bot.actions", "--port", str(port)]
    ready = http_ok(f"http://127.0.0.1:{port}/health")
    env = {**QUIET, "ADVISOR_DATABASE_URL": database_url}
    if tracker_url:
        env["ADVISOR_TRACKER_URL"] = tracker_url
    return Service("actions", command, log, ready, env)


def purge_loop(log: Path, env: dict[str, str], every: float = 24 * 3600) -> Service:
    """`python -m knowledge purge` now and then daily (retention, knowledge/erasure.py)."""
    command = [sys.executable, "-m", "knowledge", "purge", "--every", str(every)]
    return Service("purge", command, log, lambda: True, {**QUIET, **env})
