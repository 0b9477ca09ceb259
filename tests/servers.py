"""Start the real action server and Rasa server (trained model) on free loopback ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MODEL = PROJECT_ROOT / "models" / "advisor.tar.gz"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{url}: process exited ({process.returncode}); log:\n{log.read_text()[-3000:]}"
            )
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s; log:\n{log.read_text()[-3000:]}")


@dataclass
class RasaStack:
    """An action server and a Rasa server sharing one knowledge-base database."""

    workdir: Path
    database_url: str
    extra_env: dict[str, str] = field(default_factory=dict)
    rasa_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    web_port: int = field(default_factory=free_port)
    credentials: Path = PROJECT_ROOT / "credentials.yml"
    rasa_args: list[str] = field(default_factory=list)
    processes: list[subprocess.Popen] = field(default_factory=list)

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "ADVISOR_DATABASE_URL": self.database_url,
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            **self.extra_env,
        }

    def start(self) -> RasaStack:
        if not MODEL.exists():
            raise RuntimeError(f"{MODEL} is missing: run `make model` (make test does it)")
        endpoints = self.workdir / "endpoints.yml"
        endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{self.actions_port}/webhook"\n')
        rasa = str(BIN / "rasa")
        actions_command = [
            rasa,
            "run",
            "actions",
            "--actions",
            "bot.actions",
            "--port",
            str(self.actions_port),
        ]
        self._spawn("actions", actions_command, f"http://127.0.0.1:{self.actions_port}/health")
        rasa_command = [
            rasa, "run", "--model", str(MODEL), "--port", str(self.rasa_port), "--endpoints", str(endpoints),
            "--credentials", str(self.credentials), "--cors", self.web_url, *self.rasa_args,
        ]  # fmt: skip
        self._spawn("rasa", rasa_command, f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/")
        web_command = [
            sys.executable, "web/server.py", "--port", str(self.web_port),
            "--assistant-url", f"http://127.0.0.1:{self.rasa_port}",
        ]  # fmt: skip
        self._spawn("web", web_command, f"{self.web_url}/index.html")
        return self

    def _spawn(self, name: str, command: list[str], ready_url: str) -> None:
        log = self.workdir / f"{name}.log"
        with log.open("w") as output:
            process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=self.env(), stdout=output, stderr=subprocess.STDOUT
            )
        self.processes.append(process)
        wait_until_up(ready_url, process, log)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def say(self, sender: str, message: str, metadata: dict | None = None) -> list[dict]:
        body = {"sender": sender, "message": message}
        if metadata is not None:
            body["metadata"] = metadata
        response = requests.post(self.rest_url, json=body, timeout=60)
        response.raise_for_status()
        return response.json()
