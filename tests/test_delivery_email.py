"""The sales team's e-mail: a local SMTP server (aiosmtpd) receives each new lead and handoff, in the
sales team's language, over STARTTLS with a login when the server offers it. SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from deploy.processes import free_port
from knowledge.delivery import admin
from knowledge.delivery.settings import Settings, Smtp
from knowledge.leads import LeadStore
from tests.receivers import wait_until
from tests.test_delivery import FAST, RunningWorker, lead


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list = []

    async def handle_DATA(self, _server, _session, envelope) -> str:
        self.envelopes.append(envelope)
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def store(loaded_kb, session_factory) -> LeadStore:  # the knowledge base names models and terms
    return LeadStore(session_factory)


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield mailbox, controller.port
    controller.stop()


def mail_settings(port: int, language: str = "en", **smtp) -> Settings:
    target = Smtp(host="127.0.0.1", port=port, to=("sales@provider.example",), language=language, **smtp)
    return Settings(smtp=target, public_url="https://advisor.example", retry=FAST, timeout=5, poll=0.05)


def body_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_new_lead_is_mailed_in_english_by_default(store, session_factory, smtp_server):
    mailbox, port = smtp_server
    store.save(lead("conv-mail", language="it"))
    store.save(lead("conv-mail", volume="6000"))  # a correction: webhook only, no second e-mail
    with RunningWorker(session_factory, mail_settings(port)):
        wait_until(lambda: not admin.list_events(session_factory, "pending"), what="delivered")
    (message,) = mailbox.messages
    assert mailbox.envelopes[0].rcpt_tos == ["sales@provider.example"]
    assert message["Subject"] == "New lead: Full BPO (front + back office) (Rossi Srl)"
    assert message["Reply-To"] == "maria.rossi@rossi.it"
    text = body_of(message)
    assert "Processes: customer service, payroll (assistenza clienti e buste paga)" in text
    assert "Hours: 24/7" in text
    assert "Contact: Maria Rossi, Rossi Srl, maria.rossi@rossi.it" in text
    assert "https://advisor.example/admin/conversations/conv-mail" in text


def test_the_sales_team_reads_it_in_italian_and_handoffs_without_consent_keep_no_contact(
    store, session_factory, smtp_server
):
    mailbox, port = smtp_server
    store.save(lead("conv-it", consent=False, handoff_requested=True))
    with RunningWorker(session_factory, mail_settings(port, "it")):
        wait_until(lambda: len(mailbox.messages) == 1, what="the handoff e-mail")
    (message,) = mailbox.messages
    assert message["Subject"].startswith("Un potenziale cliente chiede di parlare con una persona")
    text = body_of(message)
    assert "Raccomandazione: BPO completo (front + back office)" in text
    assert "Processi: servizio clienti, buste paga" in text
    assert "nessun consenso al contatto" in text and "rossi.it" not in text
    assert message["Reply-To"] is None


# ---------------------------------------------------------------- STARTTLS and login


@pytest.fixture
def tls_certificate(tmp_path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "smtp.crt", tmp_path / "smtp.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_starttls_and_login_when_the_server_offers_them(store, session_factory, tls_certificate, monkeypatch):
    cert, key = tls_certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    logins = []

    def authenticator(_server, session, _envelope, _mechanism, auth_data) -> AuthResult:
        logins.append((auth_data.login, auth_data.password, session.ssl is not None))
        return AuthResult(success=auth_data.password == b"s3cret", handled=False)

    mailbox = Mailbox()
    controller = Controller(
        mailbox, hostname="127.0.0.1", port=free_port(), tls_context=server_context, require_starttls=True,
        authenticator=authenticator, auth_require_tls=True,
    )  # fmt: skip
    controller.start()
    # The test's own CA instead of the system's: the client still verifies the certificate.
    real_context = ssl.create_default_context
    monkeypatch.setattr(
        "knowledge.delivery.mail.ssl.create_default_context", lambda: real_context(cafile=str(cert))
    )
    try:
        store.save(lead("conv-tls"))
        settings = mail_settings(controller.port, user="sales-bot", password="s3cret")
        with RunningWorker(session_factory, settings):
            wait_until(lambda: len(mailbox.messages) == 1, what="the e-mail over TLS")
    finally:
        controller.stop()
    assert logins == [(b"sales-bot", b"s3cret", True)]
    assert "maria.rossi@rossi.it" in body_of(mailbox.messages[0])


def refuse(_server, _session, _envelope, _mechanism, _auth_data) -> AuthResult:
    return AuthResult(success=False, handled=False)


def test_a_refused_login_is_failed_not_retried(store, session_factory, tls_certificate, monkeypatch):
    cert, key = tls_certificate
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    controller = Controller(
        Mailbox(), hostname="127.0.0.1", port=free_port(), tls_context=server_context,
        authenticator=refuse, auth_require_tls=True,
    )  # fmt: skip
    controller.start()
    real_context = ssl.create_default_context
    monkeypatch.setattr(
        "knowledge.delivery.mail.ssl.create_default_context", lambda: real_context(cafile=str(cert))
    )
    try:
        store.save(lead("conv-badlogin"))
        settings = mail_settings(controller.port, user="sales-bot", password="wrong")
        with RunningWorker(session_factory, settings):
            wait_until(lambda: admin.list_events(session_factory, "failed"), what="failed")
    finally:
        controller.stop()
    (event,) = admin.list_events(session_factory)
    assert event["attempts"] == 1 and "SMTP 535" in event["last_error"]
