"""The sales team's e-mail for lead.created and lead.handoff: short, readable, in LEAD_EMAIL_LANGUAGE."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from knowledge.delivery.outbox import CREATED, HANDOFF
from knowledge.delivery.settings import Smtp
from knowledge.delivery.texts import email_texts
from knowledge.delivery.webhook import OK, Outcome

MAILED_EVENTS = (CREATED, HANDOFF)
# label(kind, key, language) -> display text; kind is "term" (glossary key) or "model" (service model code).
Labeler = Callable[[str, str, str], str | None]


def compose(payload: dict, smtp: Smtp, public_url: str, label: Labeler) -> EmailMessage:
    texts = email_texts(smtp.language)
    data = payload["data"]
    needs = data["needs"]
    language = smtp.language

    def terms(keys: list[str]) -> str:
        return ", ".join(label("term", k, language) or k for k in keys) or texts["none"]

    model = data.get("recommended_model") or {}
    model_text = (
        (label("model", model["code"], language) or model.get("name") or model["code"]) if model else "-"
    )
    contact = data.get("contact")
    company = (contact or {}).get("company") or texts["no_company"]
    kind = "handoff" if payload["type"] == HANDOFF else "created"
    lines = [
        texts[f"intro_{kind}"],
        "",
        f"{texts['needs']}:",
        f"  {texts['processes']}: {terms(needs['processes'])}"
        + (f" ({needs['processes_text']})" if needs.get("processes_text") else ""),
        f"  {texts['channels']}: {terms(needs['channels'])}",
        f"  {texts['languages']}: {terms(needs['languages'])}",
        f"  {texts['hours']}: {terms([needs['hours']] if needs.get('hours') else [])}",
        f"  {texts['volume']}: {needs.get('volume') or texts['none']}",
        f"  {texts['timeline']}: {needs.get('timeline') or texts['none']}",
        "",
        f"{texts['recommendation']}: {model_text}",
        "",
        f"{texts['contact']}: " + (_contact_line(contact) if contact else texts["no_contact"]),
        "",
        f"{texts['language']}: {data['language']}",
        f"{texts['conversation']}: {public_url}/admin/conversations/{data['conversation_id']}",
        "",
        f"(event {payload['id']}, {payload['created_at']})",
    ]
    message = EmailMessage()
    message["Subject"] = texts[f"subject_{kind}"].format(model=model_text, company=company)
    message["From"] = smtp.sender
    message["To"] = ", ".join(smtp.to)
    message["Date"] = formatdate(localtime=False)
    # One Message-ID per event: a resent e-mail after a crash is recognisably the same one.
    message["Message-ID"] = make_msgid(idstring=payload["id"], domain="advisor.local")
    message["X-Advisor-Event-Id"] = payload["id"]
    if contact and contact.get("email"):
        message["Reply-To"] = contact["email"]
    message.set_content("\n".join(lines) + "\n")
    return message


def _contact_line(contact: dict) -> str:
    parts = [contact.get("name"), contact.get("company"), contact.get("email")]
    return ", ".join(p for p in parts if p) or "-"


def send(message: EmailMessage, smtp: Smtp, timeout: float) -> Outcome:
    """Send over SMTP (implicit TLS on port 465, STARTTLS whenever the server offers it)."""
    context = ssl.create_default_context()
    try:
        if smtp.port == 465:
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
        with client:
            client.ehlo()
            if smtp.port != 465 and client.has_extn("starttls"):
                client.starttls(context=context)
                client.ehlo()
            if smtp.user:
                client.login(smtp.user, smtp.password or "")
            client.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _ in error.recipients.values()]
        return Outcome(False, retry=all(400 <= c < 500 for c in codes), error=f"recipients refused: {error}")
    except smtplib.SMTPResponseException as error:
        # 4yz is the server's passing trouble (greylisting, busy); 5yz (bad login, refused) will not heal.
        text = f"SMTP {error.smtp_code}: {error.smtp_error!r}"
        return Outcome(False, retry=400 <= error.smtp_code < 500, error=text)
    except (TimeoutError, smtplib.SMTPException, OSError) as error:  # refused, timeout, dropped
        return Outcome(False, retry=True, error=f"{type(error).__name__}: {error}")
    return OK
