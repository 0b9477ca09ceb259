"""The production profile on one machine: PostgreSQL, Redis, the action server, N Rasa servers, nginx.

    python -m deploy.profile [--rasa-servers 2] [--port 8000] [--directory var/prod]

(`make prod` installs what is missing and runs this.) Everything listens on 127.0.0.1; nginx on --port is the
only door: the page at /, the REST channel and webhooks at /webhooks/, socket.io at /socket.io/.
Data lives in --directory: the PostgreSQL cluster (knowledge base, leads and conversations) survives restarts.
The tests start the same profile in a temporary directory on free ports (tests/test_production.py).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from deploy.postgres import PostgresServer
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
    purge_loop,
    redis_pong,
    require_model,
    stop_all,
)
from knowledge.db import make_engine, make_session_factory
from knowledge.loader import load
from web.auth import PASSWORD_ENV, ensure_password_file

DEPLOY = Path(__file__).resolve().parent
KNOWLEDGE_DB = "advisor"
TRACKER_DB = "rasa"


@dataclass
class Ports:
    front: int = 8000
    postgres: int = 5433
    redis: int = 6380
    actions: int = 5055
    web: int = 8001
    rasa: list[int] = field(default_factory=lambda: [5005, 5006])

    @classmethod
    def free(cls, rasa_servers: int) -> Ports:
        return cls(free_port(), free_port(), free_port(), free_port(), free_port(),
                   [free_port() for _ in range(rasa_servers)])  # fmt: skip


@dataclass
class ProductionProfile:
    directory: Path
    ports: Ports
    postgres: PostgresServer | None = None
    actions: Service | None = None
    rasa: list[Service] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    new_admin_password: str | None = None  # generated at this start (shown once)
    # The REST channel is for integrations: `Authorization: Bearer <token>` (bot/channels/rest.py).
    rest_token: str = field(default_factory=lambda: os.environ.get("REST_API_TOKEN") or secrets.token_hex(24))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.ports.front}"

    @property
    def knowledge_url(self) -> str:
        assert self.postgres is not None
        return self.postgres.url(KNOWLEDGE_DB)

    @property
    def tracker_url(self) -> str:
        assert self.postgres is not None
        return self.postgres.url(TRACKER_DB)

    def start(self) -> ProductionProfile:
        require_model()
        for folder in ("log", "run"):
            (self.directory / folder).mkdir(parents=True, exist_ok=True)
        try:
            self._start_databases()
            self._start_servers()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_databases(self) -> None:
        self.postgres = PostgresServer.start(self.directory / "postgres", self.ports.postgres)
        self.postgres.ensure_database(TRACKER_DB)
        engine = make_engine(self.postgres.ensure_database(KNOWLEDGE_DB))
        load(make_session_factory(engine))  # the YAML content, synced row by row (a no-op when unchanged)
        engine.dispose()
        redis_dir = self.directory / "redis"
        redis_dir.mkdir(exist_ok=True)
        # The lock store holds nothing worth keeping: no snapshots.
        redis = [
            system_binary("redis-server"), "--bind", "127.0.0.1", "--port", str(self.ports.redis),
            "--dir", str(redis_dir), "--save", "", "--appendonly", "no",
        ]  # fmt: skip
        self._add(Service("redis", redis, self._log("redis"), redis_pong(self.ports.redis))).start(30)
        self._add(self._delivery_worker()).start()  # needs only the database

    def _start_servers(self) -> None:
        # REST and socketio always; Telegram, Slack, Facebook, Twilio when their variables are set (README).
        credentials = [
            sys.executable,
            "-m",
            "bot.channels.credentials",
            str(self.directory / "run" / "credentials.yml"),
            "--rest-token",
        ]
        subprocess.run(credentials, cwd=PROJECT_ROOT, check=True)
        token_file = self.directory / "run" / "rest-api-token"
        token_file.write_text(self.rest_token + "\n")
        token_file.chmod(0o600)
        self.actions = self._add(
            action_server(self.ports.actions, self._log("actions"), self.knowledge_url, self.tracker_url)
        )
        self.rasa = [self._add(self._rasa_server(i, port)) for i, port in enumerate(self.ports.rasa)]
        # The first Rasa server creates the tracker tables; the others start together once they exist.
        self.actions.spawn()
        self.rasa[0].start()
        for server in self.rasa[1:]:
            server.spawn()
        for server in [self.actions, *self.rasa[1:]]:
            server.wait_ready()
        self._add(self._web_server()).start()
        nginx = [
            system_binary("nginx"),
            "-c",
            str(self._write_nginx_conf()),
            "-p",
            str(self.directory / "run"),
        ]
        self._add(Service("nginx", nginx, self._log("nginx"), http_ok(f"{self.url}/health"))).start(30)
        # Retention: conversations and needs-only leads older than $CONVERSATION_RETENTION_DAYS, daily.
        urls = {"ADVISOR_DATABASE_URL": self.knowledge_url, "ADVISOR_TRACKER_URL": self.tracker_url}
        self._add(purge_loop(self._log("purge"), urls)).start()

    def _web_server(self) -> Service:
        """The page and the dashboard (/admin/), reading the conversations in the `rasa` database."""
        assert self.postgres is not None
        if not os.environ.get(PASSWORD_ENV):
            self.new_admin_password = ensure_password_file(self.admin_password_file)
        web = [
            sys.executable, "web/server.py", "--port", str(self.ports.web), "--assistant-url", self.url,
            "--behind-proxy", "--admin-password-file", str(self.admin_password_file),
        ]  # fmt: skip
        env = {
            "ADVISOR_DATABASE_URL": self.knowledge_url,
            "ADVISOR_TRACKER_URL": self.postgres.url(TRACKER_DB),
        }
        return Service("web", web, self._log("web"), http_ok(f"http://127.0.0.1:{self.ports.web}/"), env)

    @property
    def admin_password_file(self) -> Path:
        return self.directory / "admin-password"

    def _add(self, service: Service) -> Service:
        self.services.append(service)
        return service

    def _log(self, name: str) -> Path:
        return self.directory / "log" / f"{name}.log"

    def _delivery_worker(self) -> Service:
        """Sends the leads' outbox (webhook, e-mail) from the PostgreSQL `advisor` database."""
        command = [sys.executable, "-m", "knowledge.delivery", "--name", "delivery"]
        env = {
            **QUIET,
            "ADVISOR_DATABASE_URL": self.knowledge_url,
            "ADVISOR_PUBLIC_URL": os.environ.get("ADVISOR_PUBLIC_URL") or self.url,  # the e-mail's link
        }
        # No port to probe: `watch` notices if it exits.
        return Service("delivery", command, self._log("delivery"), lambda: True, env)

    def _rasa_server(self, index: int, port: int) -> Service:
        credentials = self.directory / "run" / "credentials.yml"
        command = [
            RASA, "run", "--model", str(MODEL), "--port", str(port), "--cors", self.url,
            "--endpoints", str(DEPLOY / "endpoints.yml"), "--credentials", str(credentials),
        ]  # fmt: skip
        if token := os.environ.get("RASA_AUTH_TOKEN"):
            command += ["--enable-api", "--auth-token", token]
        ready = http_ok(f"http://127.0.0.1:{port}/webhooks/rest/")
        return Service(f"rasa-{index + 1}", command, self._log(f"rasa-{index + 1}"), ready, self._rasa_env())

    def _rasa_env(self) -> dict[str, str]:
        """The variables that deploy/endpoints.yml names."""
        assert self.postgres is not None
        return {
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.ports.actions}/webhook",
            "TRACKER_DB_HOST": "127.0.0.1",
            "TRACKER_DB_PORT": str(self.postgres.port),
            "TRACKER_DB_NAME": TRACKER_DB,
            "TRACKER_DB_USER": "advisor",
            "TRACKER_DB_PASSWORD": "",
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(self.ports.redis),
            "REDIS_DB": "1",
            "REST_API_TOKEN": self.rest_token,
            **LIMITS,
            **QUIET,
        }

    def _write_nginx_conf(self) -> Path:
        run_dir = self.directory / "run"
        for temp in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            # nginx's workers run as an unprivileged user when the master runs as root.
            (run_dir / temp).mkdir(exist_ok=True)
            (run_dir / temp).chmod(0o777)
        servers = "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in self.ports.rasa
        )
        conf = (DEPLOY / "nginx.conf.in").read_text()
        for placeholder, value in {
            "@RUN_DIR@": str(run_dir),
            "@LOG_DIR@": str(self.directory / "log"),
            "@PORT@": str(self.ports.front),
            "@WEB_PORT@": str(self.ports.web),
            "@RASA_SERVERS@": servers,
            **rate_limits(),
        }.items():
            conf = conf.replace(placeholder, value)
        path = run_dir / "nginx.conf"
        path.write_text(conf)
        return path

    def stop(self) -> None:
        stop_all(self.services)
        self.services.clear()
        if self.postgres is not None:
            self.postgres.stop()
            self.postgres = None


def rate_limits() -> dict[str, str]:
    """nginx's per-address limits: $ADVISOR_RATE_LIMIT messages a second (burst 4x), socket.io 4x that."""
    rate = max(1, int(os.environ.get("ADVISOR_RATE_LIMIT", "5")))
    return {
        "@RATE@": str(rate), "@BURST@": str(4 * rate),
        "@SOCKET_RATE@": str(4 * rate), "@SOCKET_BURST@": str(16 * rate),
    }  # fmt: skip


def system_binary(name: str) -> str:
    found = shutil.which(name) or next(
        (p for p in (f"/usr/sbin/{name}", f"/usr/bin/{name}") if Path(p).exists()), None
    )
    if not found:
        raise RuntimeError(
            f"{name} not found: `make services` installs Debian's postgresql, redis-server and nginx"
        )
    return found


def watch(profile: ProductionProfile) -> None:
    """Return when a service exits on its own (the others are stopped by the caller)."""
    while True:
        for service in profile.services:
            if not service.running:
                print(f"{service.name} exited; see {service.log}", file=sys.stderr, flush=True)
                return
        time.sleep(1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rasa-servers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8000, help="nginx, the only public port")
    parser.add_argument("--directory", type=Path, default=PROJECT_ROOT / "var" / "prod")
    args = parser.parse_args()
    ports = Ports(front=args.port, rasa=[5005 + i for i in range(args.rasa_servers)])
    profile = ProductionProfile(args.directory.resolve(), ports)
    # Ctrl-C and `kill` stop everything in order (even when started from a script that ignores SIGINT).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Starting the production profile in {profile.directory} ...", flush=True)
    try:
        profile.start()
        password = profile.new_admin_password or f"$ADVISOR_ADMIN_PASSWORD or {profile.admin_password_file}"
        print(
            f"The Outsourcing Advisor (production profile) is up.\n"
            f"  Web page: {profile.url}/  (Italiano: {profile.url}/it.html)\n"
            f"  REST API: POST {profile.url}/webhooks/rest/webhook  with Authorization: Bearer "
            f"<the token in {profile.directory / 'run' / 'rest-api-token'}>\n"
            f"  Dashboard: {profile.url}/admin/  (password: {password})\n"
            f"  {len(ports.rasa)} Rasa servers {ports.rasa} behind nginx; PostgreSQL :{ports.postgres}, "
            f"Redis :{ports.redis}, action server :{ports.actions}\n"
            f"  Logs: {profile.directory / 'log'}\nPress Ctrl-C to stop.",
            flush=True,
        )
        watch(profile)
    except KeyboardInterrupt:
        pass
    finally:
        print("Stopping...", flush=True)
        profile.stop()


if __name__ == "__main__":
    main()
