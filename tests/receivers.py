"""The sales team's systems, played by the tests: an HTTP webhook receiver and an SMTP server on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from deploy.processes import PROJECT_ROOT, QUIET, free_port

SECRET = "whsec_test_secret"


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    at: float

    @property
    def payload(self) -> dict:
        return json.loads(self.body)

    @property
    def event_id(self) -> str:
        return self.headers.get("X-Advisor-Event-Id", "")


@dataclass
class WebhookReceiver:
    """Records every POST; `answer(received)` picks the HTTP status (default 200). Start, stop, start again
    on the same port to play a receiver that is down for a while."""

    port: int = field(default_factory=free_port)
    answer: Callable[[Received], int] = lambda _received: 200
    requests: list[Received] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/leads"

    def start(self) -> WebhookReceiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received = Received(dict(self.headers.items()), body, time.monotonic())
                receiver.requests.append(received)
                status = receiver.answer(received)
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *_args) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def of(self, conversation_id: str) -> list[Received]:
        return [r for r in self.requests if r.payload["data"]["conversation_id"] == conversation_id]

    def wait_for(self, condition: Callable[[], bool], timeout: float = 30) -> None:
        """A bounded wait for something to arrive, not a speed assertion."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        raise AssertionError(f"not received within {timeout} s; got {[r.payload for r in self.requests]}")


def wait_until(condition: Callable[[], bool], timeout: float = 30, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} not reached within {timeout} s")


def fast_env(**extra: str) -> dict[str, str]:
    """Retry timings for tests: backoff from 0.2 s, capped at 1 s."""
    return {
        "LEAD_DELIVERY_BACKOFF_START": "0.2",
        "LEAD_DELIVERY_BACKOFF_CAP": "1",
        "LEAD_DELIVERY_POLL": "0.05",
        "LEAD_DELIVERY_TIMEOUT": "3",
        "LEAD_WEBHOOK_SECRET": SECRET,
        **extra,
    }


def start_worker(database_url: str, env: dict[str, str], log: Path, name: str = "worker") -> subprocess.Popen:
    """`python -m knowledge.delivery` as make run starts it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LEAD_", "SMTP_"))}
    with log.open("a") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "knowledge.delivery", "--database-url", database_url, "--name", name],
            cwd=PROJECT_ROOT,
            env={**clean, **QUIET, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop_worker(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
