"""The dashboard's door over HTTP: no session, no data; cookie flags; CSRF; throttled logins; headers."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys

import pytest
import requests
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from deploy.processes import free_port, wait_until_up
from knowledge.db import make_engine, make_session_factory
from knowledge.leads import LeadData, LeadStore
from knowledge.loader import ensure_schema
from tests.conftest import PROJECT_ROOT
from web.auth import FREE_FAILURES, LoginThrottle, ensure_password_file

PASSWORD = "correct horse battery staple"
SECRET = "VISITOR-SECRET-TEXT"
EMAIL = "someone@secret-company.example"
PAGES = ["/admin/", "/admin/unanswered", "/admin/conversations", "/admin/conversations/c1", "/admin/leads"]
APIS = [
    "/admin/api/overview", "/admin/api/unanswered?period=all", "/admin/api/conversations",
    "/admin/api/conversations/c1", "/admin/api/leads",
]  # fmt: skip


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    work = tmp_path_factory.mktemp("dashboard")
    tracker_url, database_url = f"sqlite:///{work / 'tracker.db'}", f"sqlite:///{work / 'advisor.db'}"
    store = SQLTrackerStore(Domain.empty(), host=tracker_url)
    message = UserUttered(SECRET, {"name": "out_of_scope", "confidence": 0.9}, input_channel="rest")
    asyncio.run(store.save(DialogueStateTracker.from_events("c1", [message])))
    engine = make_engine(database_url)
    ensure_schema(engine)
    LeadStore(make_session_factory(engine)).save(LeadData("c1", "en", consent=True, email=EMAIL))
    port = free_port()
    log = work / "web.log"
    env = {**os.environ, "ADVISOR_ADMIN_PASSWORD": PASSWORD, "ADVISOR_TRACKER_URL": tracker_url,
           "ADVISOR_DATABASE_URL": database_url}  # fmt: skip
    command = [sys.executable, "web/server.py", "--port", str(port), "--behind-proxy",
               "--assistant-url", "http://127.0.0.1:5999"]  # fmt: skip
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", server, log, timeout=60)
        yield {"url": f"http://127.0.0.1:{port}", "database_url": database_url, "tracker_url": tracker_url}
    finally:
        server.terminate()
        server.wait(timeout=10)


def login(base: str, ip: str = "198.51.100.1") -> requests.Session:
    session = requests.Session()
    response = session.post(f"{base}/admin/login", data={"password": PASSWORD}, headers={"X-Real-IP": ip})
    assert response.status_code == 200 and "Overview" in response.text
    return session


def csrf_token(session: requests.Session, base: str) -> str:
    page = session.get(f"{base}/admin/leads").text
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


@pytest.mark.parametrize("cookie", [None, "forged-session"])
def test_without_a_session_there_is_no_page_and_no_data(dashboard, cookie):
    base = dashboard["url"]
    cookies = {"advisor_admin": cookie} if cookie else {}
    for path in PAGES:
        response = requests.get(base + path, cookies=cookies, allow_redirects=False)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/admin/login"), path
        assert SECRET not in response.text
    for path in APIS:
        response = requests.get(base + path, cookies=cookies)
        assert response.status_code == 401, path
        assert SECRET not in response.text and EMAIL not in response.text
    export = requests.post(f"{base}/admin/leads/export", data={"format": "csv"}, cookies=cookies)
    assert export.status_code == 401 and EMAIL not in export.text
    erase = requests.post(f"{base}/admin/api/leads/erase", json={"lead_id": 1}, cookies=cookies)
    assert erase.status_code == 401
    login_page = requests.get(f"{base}/admin/", cookies=cookies)  # following the redirect
    assert 'type="password"' in login_page.text and SECRET not in login_page.text


def test_with_a_session_the_data_is_there(dashboard):
    session = login(dashboard["url"])
    assert SECRET in session.get(f"{dashboard['url']}/admin/api/conversations/c1").text
    unanswered = session.get(f"{dashboard['url']}/admin/api/unanswered?period=all").json()
    assert unanswered["groups"] == []  # an out_of_scope intent alone is not an unanswered reply
    assert session.get(f"{dashboard['url']}/admin/api/overview?period=all").json()["conversations"] == 1


def test_session_cookie_is_httponly_strict_and_secure_behind_tls(dashboard):
    plain = requests.post(
        f"{dashboard['url']}/admin/login", data={"password": PASSWORD}, allow_redirects=False
    )
    cookie = plain.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/admin" in cookie
    assert "Secure" not in cookie  # plain http on localhost: a Secure cookie would never come back
    tls = requests.post(
        f"{dashboard['url']}/admin/login", data={"password": PASSWORD},
        headers={"X-Forwarded-Proto": "https"}, allow_redirects=False,
    )  # fmt: skip
    assert "Secure" in tls.headers["Set-Cookie"]


def test_export_and_erase_need_the_sessions_csrf_token(dashboard):
    base = dashboard["url"]
    session = login(base)
    token = csrf_token(session, base)
    assert session.post(f"{base}/admin/leads/export", data={"format": "csv"}).status_code == 403
    assert (
        session.post(f"{base}/admin/leads/export", data={"format": "csv", "csrf": "x" + token}).status_code
        == 403
    )
    export = session.post(f"{base}/admin/leads/export", data={"format": "csv", "csrf": token})
    assert export.status_code == 200 and EMAIL in export.text
    assert "attachment" in export.headers["Content-Disposition"]
    other = login(base)  # another session's token does not work for this one
    assert other.post(f"{base}/admin/leads/export", data={"format": "json", "csrf": token}).status_code == 403
    lead_id = session.get(f"{base}/admin/api/leads").json()["leads"][0]["id"]
    refused = session.post(f"{base}/admin/api/leads/erase", json={"lead_id": lead_id})
    assert refused.status_code == 403
    store = LeadStore(make_session_factory(make_engine(dashboard["database_url"])))
    assert store.get("c1") is not None
    erased = session.post(
        f"{base}/admin/api/leads/erase", json={"lead_id": lead_id}, headers={"X-CSRF-Token": token}
    )
    assert erased.json() == {"erased": 1}
    assert store.get("c1") is None
    store.save(LeadData("c1", "en", consent=True, email=EMAIL))  # for the other tests


def test_logout_ends_the_session(dashboard):
    base = dashboard["url"]
    session = login(base)
    token = csrf_token(session, base)
    assert session.post(f"{base}/admin/logout", data={"csrf": token}).url.endswith("/admin/login")
    assert session.get(f"{base}/admin/api/overview").status_code == 401


def test_repeated_failed_logins_are_slowed_down(dashboard):
    url, attacker = f"{dashboard['url']}/admin/login", {"X-Real-IP": "203.0.113.9"}
    for _ in range(FREE_FAILURES):
        assert requests.post(url, data={"password": "guess"}, headers=attacker).status_code == 401
    blocked = requests.post(url, data={"password": PASSWORD}, headers=attacker, allow_redirects=False)
    assert blocked.status_code == 429  # even the right password must wait now
    assert int(blocked.headers["Retry-After"]) >= 1 and "Set-Cookie" not in blocked.headers
    login(dashboard["url"], ip="203.0.113.10")  # another address is not locked out


def test_login_redirects_only_inside_the_dashboard(dashboard):
    response = requests.post(
        f"{dashboard['url']}/admin/login", data={"password": PASSWORD, "next": "//evil.example/"},
        allow_redirects=False,
    )  # fmt: skip
    assert response.headers["Location"] == "/admin/"


def test_security_headers_on_the_page_and_the_dashboard(dashboard):
    for path in ["/", "/it.html", "/static/advisor.js", "/admin/login"]:
        headers = requests.get(dashboard["url"] + path).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy, path
        assert "object-src 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"]
    page_policy = requests.get(dashboard["url"] + "/").headers["Content-Security-Policy"]
    assert "connect-src 'self' http://127.0.0.1:5999 ws://127.0.0.1:5999" in page_policy
    admin_policy = requests.get(dashboard["url"] + "/admin/login").headers["Content-Security-Policy"]
    assert "connect-src 'self';" in admin_policy and "unsafe-inline" not in admin_policy
    assert requests.get(dashboard["url"] + "/server.py").status_code == 404


def test_throttle_waits_double_after_the_free_failures():
    throttle = LoginThrottle()
    for _ in range(FREE_FAILURES - 1):
        throttle.failed("a", now=100.0)
    assert throttle.wait_seconds("a", now=100.0) == 0
    throttle.failed("a", now=100.0)
    assert throttle.wait_seconds("a", now=100.0) == 2
    throttle.failed("a", now=100.0)
    assert throttle.wait_seconds("a", now=101.0) == 3
    assert throttle.wait_seconds("a", now=200.0) == 0
    throttle.succeeded("a")
    assert throttle.wait_seconds("a", now=100.0) == 0


def test_password_file_is_created_once_for_the_owner_only(tmp_path):
    path = tmp_path / "var" / "admin-password"
    password = ensure_password_file(path)
    assert password and len(password) >= 16
    assert path.stat().st_mode & 0o777 == 0o600
    assert ensure_password_file(path) is None
    assert path.read_text().strip() == password


def test_conversation_ids_with_spaces_and_accents_open(dashboard):
    sender = "Città 1"  # REST clients may name any sender
    store = SQLTrackerStore(Domain.empty(), host=dashboard["tracker_url"])
    message = UserUttered("ciao", {"name": "greet", "confidence": 0.9}, input_channel="rest")
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, [message])))
    store.engine.dispose()
    quoted = requests.utils.quote(sender, safe="")
    anonymous = requests.get(f"{dashboard['url']}/admin/conversations/{quoted}", allow_redirects=False)
    assert anonymous.headers["Location"] == f"/admin/login?next=/admin/conversations/{quoted}"  # and back
    session = login(dashboard["url"])
    page = session.get(f"{dashboard['url']}/admin/conversations/{quoted}")
    assert f'data-conversation="{sender}"' in page.text
    data = session.get(f"{dashboard['url']}/admin/api/conversations/{quoted}").json()
    assert data["conversation_id"] == sender and data["turns"][0]["text"] == "ciao"
