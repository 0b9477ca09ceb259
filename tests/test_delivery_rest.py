"""End to end: a prospect conversation over the real Rasa stack (REST channel, action server) and the
delivery worker process; the receiver gets one signed lead.created, then lead.erased on "delete my data"."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.receivers import SECRET, WebhookReceiver, fast_env, start_worker, stop_worker
from tests.test_delivery import readme_verify, validate_event
from tests.test_rest_channel import joined

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def receiver(rasa_stack, tmp_path_factory) -> Iterator[WebhookReceiver]:
    """The receiver, fed by a worker on the stack's database (other tests' leads arrive here too)."""
    receiver = WebhookReceiver().start()
    log = tmp_path_factory.mktemp("delivery") / "worker.log"
    worker = start_worker(rasa_stack.database_url, fast_env(LEAD_WEBHOOK_URL=receiver.url), log)
    try:
        yield receiver
    finally:
        stop_worker(worker)
        receiver.stop()


def test_a_finished_conversation_reaches_the_sales_team_once_signed(rasa_stack, receiver):
    sender = f"prospect-{uuid.uuid4().hex[:8]}"

    def say(text: str) -> str:
        return joined(rasa_stack.say(sender, text))

    say("we need agents to answer phone calls in Italian and German, 24/7")
    say("about 5000 calls a month")
    assert "Call center outsourcing" in say("next month")
    assert "company" in say("yes").lower()  # consent
    say("Rossi Srl")
    say("Maria Rossi")
    assert "summary" in say("maria.rossi@rossi.it").lower()
    assert "saved" in say("yes").lower()
    receiver.wait_for(lambda: receiver.of(sender))
    assert "cannot be undone" in say("please delete my data")
    assert "deleted" in say("yes").lower()
    receiver.wait_for(lambda: len(receiver.of(sender)) == 2)

    created, erased = receiver.of(sender)
    assert created.payload["type"] == "lead.created" and erased.payload["type"] == "lead.erased"
    verify = readme_verify()
    validate_event(created.payload)
    validate_event(erased.payload)
    assert verify(SECRET, created.body, created.headers["X-Advisor-Signature"])
    data = created.payload["data"]
    assert data["recommended_model"] == {"code": "call_center", "name": "Call center outsourcing"}
    assert data["contact"]["email"] == "maria.rossi@rossi.it"
    assert data["conversation_id"] == sender and data["channel"] == "rest" and data["language"] == "en"
    assert data["needs"]["languages"] == ["italian", "german"]
    assert erased.payload["data"] == {"lead_id": data["lead_id"], "conversation_id": sender}
    assert verify(SECRET, erased.body, erased.headers["X-Advisor-Signature"])


def test_talk_to_a_person_reaches_the_sales_team_as_a_handoff(rasa_stack, receiver):
    sender = f"handoff-{uuid.uuid4().hex[:8]}"
    rasa_stack.say(sender, "we want to outsource our payroll")
    rasa_stack.say(sender, "I want to talk to a human")
    receiver.wait_for(lambda: receiver.of(sender))
    (handoff,) = receiver.of(sender)
    validate_event(handoff.payload)
    assert handoff.payload["type"] == "lead.handoff"
    data = handoff.payload["data"]
    assert data["handoff_requested"] is True and data["contact"] is None
    assert data["needs"]["processes"] == ["payroll"]
