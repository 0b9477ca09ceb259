"""A PostgreSQL cluster of the project's own on a loopback port: for the production profile and the tests.

Uses Debian's server binaries (`apt-get install postgresql`, done by `make services`); no system service is
touched. Authentication is `trust` on 127.0.0.1 only: this is a single-machine profile (see deploy/README.md).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from deploy.processes import free_port

USER = "advisor"


def _binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise RuntimeError(
            f"PostgreSQL server binary '{name}' not found: install it (`make services`, or Debian: "
            "apt-get install postgresql)"
        )
    return found


def _as_postgres_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str]) -> None:
    result = subprocess.run(_as_postgres_user(command), capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


@dataclass
class PostgresServer:
    directory: Path
    port: int
    temporary: bool = False

    @classmethod
    def start(cls, directory: Path | None = None, port: int | None = None) -> PostgresServer:
        """Start the cluster in `directory` (created on first use), or in a throwaway directory."""
        server = cls(
            Path(directory) if directory else Path(tempfile.mkdtemp(prefix="advisor-pg-")),
            port or free_port(),
            temporary=directory is None,
        )
        server._init_once()
        options = f"-p {server.port} -k {server.directory} -c listen_addresses=127.0.0.1"
        if server.temporary:
            options += " -c fsync=off"  # nothing to keep: faster tests
        _run([_binary("pg_ctl"), "-D", str(server.data), "-o", options, "-l", str(server.directory / "log"),
              "-w", "start"])  # fmt: skip
        return server

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def _init_once(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        self.data.mkdir(parents=True, exist_ok=True)
        self.directory.chmod(0o755)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
            shutil.chown(self.data, "postgres")
        _run([_binary("initdb"), "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8"])

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://{USER}@127.0.0.1:{self.port}/{database}"

    def ensure_database(self, name: str) -> str:
        """Create the database if it does not exist; returns its URL."""
        admin = create_engine(self.url("postgres"), future=True, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if exists.first() is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return self.url(name)

    def stop(self) -> None:
        mode = "immediate" if self.temporary else "fast"
        subprocess.run(_as_postgres_user([_binary("pg_ctl"), "-D", str(self.data), "-m", mode, "stop"]),
                       capture_output=True)  # fmt: skip
        if self.temporary:
            shutil.rmtree(self.directory, ignore_errors=True)
