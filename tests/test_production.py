"""The production profile on loopback: PostgreSQL, Redis, the action server, two Rasa servers, nginx.

One conversation alternates between the servers and still ends in one correct lead; a restarted server
loses nothing; with the action server down the user gets an apology, and answers again once it is back;
socket.io clients stick to one server.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import socketio
from sqlalchemy import create_engine, text

from deploy.profile import TRACKER_DB, Ports, ProductionProfile
from knowledge.db import make_engine, make_session_factory
from knowledge.leads import LeadStore
from tests.test_rest_channel import joined

pytestmark = [pytest.mark.model, pytest.mark.production]


@pytest.fixture(scope="module")
def profile() -> Iterator[ProductionProfile]:
    # Not under pytest's private tmp folder: PostgreSQL runs as its own user and must reach its directory.
    directory = Path(tempfile.mkdtemp(prefix="advisor-production-"))
    directory.chmod(0o755)
    started = ProductionProfile(directory, Ports.free(rasa_servers=2)).start()
    try:
        yield started
    finally:
        started.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def leads(profile) -> LeadStore:
    return LeadStore(make_session_factory(make_engine(profile.knowledge_url)))


class Conversation:
    """One user talking to the profile through nginx (or to one server directly), noting who answered."""

    def __init__(self, profile: ProductionProfile) -> None:
        self.sender = f"prod-{uuid.uuid4().hex[:8]}"
        self.profile = profile
        self.servers: list[str] = []

    def say(self, message: str, url: str | None = None) -> str:
        response = requests.post(
            f"{url or self.profile.url}/webhooks/rest/webhook",
            json={"sender": self.sender, "message": message},
            headers={"Authorization": f"Bearer {self.profile.rest_token}"},
            timeout=60,
        )
        response.raise_for_status()
        self.servers.append(response.headers.get("X-Rasa-Server", "direct"))
        return joined(response.json())


def rasa_address(profile: ProductionProfile, index: int) -> str:
    return f"127.0.0.1:{profile.ports.rasa[index]}"


def user_messages_stored(profile: ProductionProfile, sender: str) -> list[str]:
    """The user's messages as Rasa's SQL tracker store holds them."""
    assert profile.postgres is not None
    engine = create_engine(profile.postgres.url(TRACKER_DB), future=True)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT data FROM events WHERE sender_id = :s AND type_name = 'user' ORDER BY id"),
            {"s": sender},
        )
        messages = [json.loads(row.data)["text"] for row in rows]
    engine.dispose()
    return messages


def test_a_form_filled_alternately_on_both_servers_ends_in_one_correct_lead(profile, leads):
    user = Conversation(profile)
    assert "lingue" in user.say("vorremmo esternalizzare le buste paga e la contabilità").lower()
    assert "orari" in user.say("italiano e inglese").lower()
    assert "volumi" in user.say("orario d'ufficio").lower()
    assert "partire" in user.say("circa 2000 cedolini al mese").lower()
    reply = user.say("entro gennaio")
    assert "BPO back-office" in reply and "buste paga" in reply
    assert "azienda" in user.say("sì").lower()
    assert "nome" in user.say("Bianchi Spa").lower()
    assert "e-mail" in user.say("Luca Bianchi").lower()
    assert "riepilogo" in user.say("luca.bianchi@bianchi.it").lower()
    assert "salvat" in user.say("sì").lower()

    # nginx sent the messages to the two servers in turn.
    assert set(user.servers) == {rasa_address(profile, 0), rasa_address(profile, 1)}
    assert all(first != second for first, second in zip(user.servers, user.servers[1:], strict=False))
    lead = leads.get(user.sender)
    assert lead["recommended_model"] == "bpo_back_office"
    assert lead["processes"] == ["payroll", "accounting"] and lead["languages"] == ["italian", "english"]
    assert lead["company"] == "Bianchi Spa" and lead["email"] == "luca.bianchi@bianchi.it"
    assert [row["conversation_id"] for row in leads.all()].count(user.sender) == 1


def test_a_restarted_server_has_lost_no_conversation(profile):
    user = Conversation(profile)
    assert "volume" in user.say("we need agents to answer phone calls in Italian and German, 24/7").lower()
    first = profile.rasa[0]
    first.stop()
    # While the first server is down nginx sends everything to the second.
    assert "start" in user.say("about 5000 calls a month").lower()
    first.start()
    # The restarted server carries on exactly where the conversation was.
    reply = user.say("next month", url=f"http://{rasa_address(profile, 0)}")
    assert "Call center outsourcing" in reply and "Italian, German" in reply
    assert user_messages_stored(profile, user.sender) == [
        "we need agents to answer phone calls in Italian and German, 24/7",
        "about 5000 calls a month",
        "next month",
    ]


def test_with_the_action_server_down_the_user_gets_an_apology_and_answers_resume(profile):
    user = Conversation(profile)
    assert "BPO" in user.say("cos'è il BPO?")
    assert profile.actions is not None
    profile.actions.stop()
    try:
        # A knowledge answer needs the action server: an apology in the conversation's language, not silence.
        assert "non riesco a raggiungere la mia base di conoscenza" in user.say(
            "e che cosa fa un call center?"
        )
        # Replies that Rasa renders itself still work.
        assert "Cosa vuoi sapere?" in user.say("ciao")
    finally:
        profile.actions.start()
    reply = user.say("che cosa fa un call center?")
    assert "esclusivamente di front office" in reply and "non riesco" not in reply


def test_socketio_clients_stick_to_one_server(profile):
    session_id = uuid.uuid4().hex
    replies: list[dict] = []
    client = socketio.Client()
    client.on("bot_uttered", replies.append)
    # Long-polling sends a request for every exchange: each must reach the server that holds the session.
    client.connect(profile.url, transports=["polling"], socketio_path="socket.io")
    try:
        client.emit("session_request", {"session_id": session_id})
        for message in ("what is BPO?", "and for call centers?"):
            before = len(replies)
            client.emit("user_uttered", {"message": message, "session_id": session_id})
            deadline = time.monotonic() + 60
            while len(replies) <= before and time.monotonic() < deadline:
                time.sleep(0.2)
            assert len(replies) > before, f"no reply to {message!r} over socket.io"
    finally:
        client.disconnect()
    texts = " ".join(reply.get("text", "") for reply in replies)
    assert "Business process outsourcing" in texts and "front-office work only" in texts
    access_log = (profile.directory / "log" / "nginx-access.log").read_text()
    upstreams = set(re.findall(r"/socket\.io/.* upstream=(\S+)", access_log))
    assert len(upstreams) == 1, upstreams


def test_the_dashboard_is_served_through_nginx_and_reads_the_postgresql_conversations(profile):
    user = Conversation(profile)
    user.say("what is a call center?")
    assert requests.get(f"{profile.url}/admin/api/overview", timeout=10).status_code == 401
    password = profile.admin_password_file.read_text().strip()
    dashboard = requests.Session()
    # Behind TLS (nginx says so in X-Forwarded-Proto) the session cookie is Secure; here nginx speaks plain
    # http, so the cookie is not, and it comes back.
    page = dashboard.post(f"{profile.url}/admin/login", data={"password": password}, timeout=10)
    assert "Conversations per day" in page.text
    listing = dashboard.get(f"{profile.url}/admin/api/conversations", params={"q": user.sender}, timeout=30)
    assert [c["conversation_id"] for c in listing.json()["conversations"]] == [user.sender]


def test_rest_needs_the_token_and_the_page_has_security_headers(profile):
    rest = f"{profile.url}/webhooks/rest/webhook"
    body = {"sender": "no-token", "message": "hello"}
    assert requests.post(rest, json=body, timeout=30).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert requests.post(rest, json=body, headers=wrong, timeout=30).status_code == 401
    assert "Outsourcing Advisor" in Conversation(profile).say("hello")  # with the token
    for path in ("/", "/it.html", "/static/advisor.js"):
        headers = requests.get(f"{profile.url}{path}", timeout=30).headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
        assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"], path


def test_nginx_refuses_huge_bodies_and_too_many_requests_from_one_address(profile):
    huge = requests.post(f"{profile.url}/webhooks/rest/webhook", data="x" * 70_000, timeout=30)
    assert huge.status_code == 413
    statuses = [requests.get(f"{profile.url}/webhooks/rest/", timeout=30).status_code for _ in range(60)]
    assert 429 in statuses and statuses[0] == 200
    time.sleep(5)  # the bucket refills: normal traffic goes through again
    assert requests.get(f"{profile.url}/webhooks/rest/", timeout=30).status_code == 200


def test_delete_my_data_leaves_the_email_in_no_table_of_either_database(profile):
    from tests.test_forgetting import FORM, everything_stored

    user, email = Conversation(profile), "erasable.okapi@example.com"
    for message, expected in FORM:
        assert expected.lower() in user.say(message).lower(), message
    assert "riepilogo" in user.say(email).lower()
    assert "salvat" in user.say("sì").lower()
    assert profile.postgres is not None
    databases = (profile.tracker_url, profile.knowledge_url)
    assert email in everything_stored(*databases)
    assert "Non si potrà tornare indietro" in user.say("cancella i miei dati")
    assert "Ho cancellato la tua richiesta" in user.say("sì")
    stored = everything_stored(*databases)
    assert email not in stored and "Zebrafish" not in stored
    assert user_messages_stored(profile, user.sender) == []
