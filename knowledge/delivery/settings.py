"""Where and how leads are delivered: all from environment variables (README, "Lead delivery")."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_PUBLIC_URL = "http://localhost:8080"
DEFAULT_FROM = "Outsourcing Advisor <advisor@localhost>"


@dataclass(frozen=True)
class Retry:
    """Exponential backoff: `start` seconds, doubling, at most `cap`; give up after `give_up_after` s."""

    start: float = 5.0
    cap: float = 600.0
    give_up_after: float = 72 * 3600.0

    def delay(self, attempts: int) -> float:
        """The wait after the `attempts`-th failed attempt (1, 2, ...)."""
        return min(self.cap, self.start * 2 ** max(0, attempts - 1))


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    sender: str = DEFAULT_FROM
    to: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True)
class Settings:
    webhook_url: str | None = None
    webhook_secret: str | None = None
    smtp: Smtp | None = None
    public_url: str = DEFAULT_PUBLIC_URL
    retry: Retry = Retry()
    timeout: float = 10.0  # per HTTP request or SMTP conversation
    lease: float = 60.0  # how long a claimed event belongs to one worker; longer than any send
    poll: float = 0.25  # idle wait between looks at the outbox (one small SELECT)
    concurrency: int = 8  # events sent at once (each of a different lead)

    @property
    def has_target(self) -> bool:
        return bool(self.webhook_url or self.smtp)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env

        def number(name: str, default: float) -> float:
            return float(env.get(name) or default)

        smtp = None
        recipients = tuple(a.strip() for a in (env.get("LEAD_EMAIL_TO") or "").split(",") if a.strip())
        if recipients:
            smtp = Smtp(
                host=env.get("SMTP_HOST") or "localhost",
                port=int(env.get("SMTP_PORT") or 587),
                user=env.get("SMTP_USER") or None,
                password=env.get("SMTP_PASSWORD") or None,
                sender=env.get("LEAD_EMAIL_FROM") or DEFAULT_FROM,
                to=recipients,
                language=env.get("LEAD_EMAIL_LANGUAGE") or "en",
            )
        retry = Retry(
            start=number("LEAD_DELIVERY_BACKOFF_START", Retry.start),
            cap=number("LEAD_DELIVERY_BACKOFF_CAP", Retry.cap),
            give_up_after=number("LEAD_DELIVERY_GIVE_UP_AFTER", Retry.give_up_after),
        )
        return cls(
            webhook_url=env.get("LEAD_WEBHOOK_URL") or None,
            webhook_secret=env.get("LEAD_WEBHOOK_SECRET") or None,
            smtp=smtp,
            public_url=(env.get("ADVISOR_PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/"),
            retry=retry,
            timeout=number("LEAD_DELIVERY_TIMEOUT", cls.timeout),
            lease=number("LEAD_DELIVERY_LEASE", cls.lease),
            poll=number("LEAD_DELIVERY_POLL", cls.poll),
            concurrency=int(number("LEAD_DELIVERY_CONCURRENCY", cls.concurrency)),
        )
