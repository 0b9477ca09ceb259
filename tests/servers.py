"""Start the real action server and Rasa server (trained model) on free loopback ports."""

from __future__ import annotations

import secrets
import sys
from dataclasses import dataclass, field
from pathlib import Path

import requests

from deploy.processes import (
    LIMITS,
    MODEL,
    PROJECT_ROOT,
    QUIET,
    RASA,
    Service,
    action_server,
    free_port,
    http_ok,
    require_model,
    stop_all,
    tracker_store_yaml,
)


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
    services: list[Service] = field(default_factory=list)
    # Rasa's SQL tracker store (the project's erasing one, bot/tracker_store.py); default: tracker.db in
    # the workdir, never the project's var/.
    tracker_url: str = ""
    admin_password: str = field(default_factory=lambda: secrets.token_urlsafe(12))

    def __post_init__(self) -> None:
        self.tracker_url = self.tracker_url or f"sqlite:///{self.workdir / 'tracker.db'}"

    @property
    def rest_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def env(self) -> dict[str, str]:
        return {
            "ADVISOR_DATABASE_URL": self.database_url,
            "ADVISOR_TRACKER_URL": self.tracker_url,
            "ADVISOR_ADMIN_PASSWORD": self.admin_password,
            **LIMITS,
            **QUIET,
            **self.extra_env,
        }

    def start(self) -> RasaStack:
        require_model()
        endpoints = self.workdir / "endpoints.yml"
        # The project's endpoints.yml, pointed at this stack's action server (as scripts/serve.sh does).
        project_endpoints = (PROJECT_ROOT / "endpoints.yml").read_text()
        endpoints.write_text(
            project_endpoints.replace("localhost:5055", f"127.0.0.1:{self.actions_port}")
            + tracker_store_yaml(self.tracker_url)
        )
        actions = action_server(self.actions_port, self.workdir / "actions.log", self.database_url)
        # Not the body limit (LIMITS): Rasa sends the action server the whole conversation.
        actions.env.update({k: v for k, v in self.env().items() if k not in LIMITS})
        self.services.append(actions)
        actions.start()
        rasa_command = [
            RASA, "run", "--model", str(MODEL), "--port", str(self.rasa_port), "--endpoints", str(endpoints),
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
        service = Service(name, command, self.workdir / f"{name}.log", http_ok(ready_url), self.env())
        self.services.append(service)
        service.start()

    def service(self, name: str) -> Service:
        return next(service for service in self.services if service.name == name)

    def restart_rasa(self) -> None:
        """Stop the Rasa server and start it again on the same port (conversations live in the tracker DB)."""
        rasa = self.service("rasa")
        rasa.stop()
        rasa.start()

    def stop(self) -> None:
        stop_all(self.services)

    def say(self, sender: str, message: str, metadata: dict | None = None) -> list[dict]:
        body = {"sender": sender, "message": message}
        if metadata is not None:
            body["metadata"] = metadata
        response = requests.post(self.rest_url, json=body, timeout=60)
        response.raise_for_status()
        return response.json()
