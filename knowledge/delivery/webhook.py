"""POST an event to the sales team's webhook, signed like Stripe's: `t=<unix>,v1=<hex HMAC-SHA256>`."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass

import requests

SIGNATURE_HEADER = "X-Advisor-Signature"
EVENT_ID_HEADER = "X-Advisor-Event-Id"
EVENT_TYPE_HEADER = "X-Advisor-Event-Type"
RETRIED_STATUSES = {408, 429}


@dataclass(frozen=True)
class Outcome:
    """What one attempt at one target came to: delivered, worth retrying, or failed for good."""

    delivered: bool
    retry: bool = False
    error: str | None = None


OK = Outcome(True)


def body_of(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post(url: str, payload: dict, secret: str | None, timeout: float) -> Outcome:
    body = body_of(payload)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "OutsourcingAdvisor-Webhook/1",
        EVENT_ID_HEADER: payload["id"],
        EVENT_TYPE_HEADER: payload["type"],
    }
    if secret:
        headers[SIGNATURE_HEADER] = signature(secret, int(time.time()), body)
    try:
        response = requests.post(url, data=body, headers=headers, timeout=timeout, allow_redirects=False)
    except requests.Timeout:
        return Outcome(False, retry=True, error=f"no answer within {timeout:g} s")
    except requests.RequestException as error:  # refused, reset, DNS: the receiver may come back
        return Outcome(False, retry=True, error=f"{type(error).__name__}: {error}")
    status = response.status_code
    if 200 <= status < 300:
        return OK
    error = f"HTTP {status}: {response.text[:200]}"
    # 5xx, 408 and 429 are the receiver's passing trouble; any other answer will not change by itself.
    return Outcome(False, retry=status >= 500 or status in RETRIED_STATUSES, error=error)
