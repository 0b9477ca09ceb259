"""The dashboard's login: one password, server-side sessions, CSRF tokens, slowed-down failed logins.

    python -m web.auth var/admin-password   # create the password file when missing; prints the new password

The password comes from $ADVISOR_ADMIN_PASSWORD, else from the password file (mode 0600). Sessions live in
the page server's memory: a restart of the page server logs everybody out, which is fine for a staff tool.
"""

from __future__ import annotations

import hmac
import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD_ENV = "ADVISOR_ADMIN_PASSWORD"
COOKIE = "advisor_admin"
SESSION_SECONDS = 8 * 3600
FREE_FAILURES = 3  # failed logins before the waits start
MAX_WAIT = 900.0


def read_password(path: Path | None) -> str | None:
    """$ADVISOR_ADMIN_PASSWORD, else the file's content; None disables the dashboard."""
    if value := os.environ.get(PASSWORD_ENV):
        return value
    if path is not None and path.exists():
        return path.read_text(encoding="utf-8").strip() or None
    return None


def ensure_password_file(path: Path) -> str | None:
    """Create `path` with a random password (mode 0600) unless it exists; returns the new password or None."""
    if path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(15)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as output:
        output.write(password + "\n")
    return password


def password_matches(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass
class Session:
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    expires: float = field(default_factory=lambda: time.time() + SESSION_SECONDS)


class Sessions:
    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}

    def create(self) -> tuple[str, Session]:
        token = secrets.token_urlsafe(32)
        self._sessions[token] = session = Session()
        return token, session

    def get(self, token: str | None) -> Session | None:
        session = self._sessions.get(token or "")
        if session is None:
            return None
        if session.expires < time.time():
            self._sessions.pop(token or "", None)
            return None
        session.expires = time.time() + SESSION_SECONDS  # idle timeout
        return session

    def end(self, token: str | None) -> None:
        self._sessions.pop(token or "", None)

    @staticmethod
    def csrf_ok(session: Session, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(session.csrf.encode(), (given or "").encode())


@dataclass
class Failures:
    count: int = 0
    last: float = 0.0


class LoginThrottle:
    """After FREE_FAILURES failed logins from one address, each further attempt must wait 2, 4, 8 ... s."""

    def __init__(self) -> None:
        self._failures: dict[str, Failures] = {}

    def wait_seconds(self, client: str, now: float | None = None) -> float:
        failures = self._failures.get(client)
        if failures is None or failures.count < FREE_FAILURES:
            return 0.0
        now = time.time() if now is None else now
        wait = min(2.0 ** (failures.count - FREE_FAILURES + 1), MAX_WAIT)
        return max(0.0, failures.last + wait - now)

    def failed(self, client: str, now: float | None = None) -> None:
        failures = self._failures.setdefault(client, Failures())
        failures.count += 1
        failures.last = time.time() if now is None else now

    def succeeded(self, client: str) -> None:
        self._failures.pop(client, None)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m web.auth PASSWORD_FILE", file=sys.stderr)
        return 2
    created = ensure_password_file(Path(args[0]))
    if created:
        print(created)
    return 0


if __name__ == "__main__":
    sys.exit(main())
