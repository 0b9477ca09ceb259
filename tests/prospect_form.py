"""The prospect form driven the way Rasa drives it, for the tests of its extraction and of its actions."""

from __future__ import annotations

import asyncio
from pathlib import Path

import yaml
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.prospect import ValidateProspectForm
from tests.test_actions import tracker

FORM = ValidateProspectForm()
DOMAIN = yaml.safe_load((Path(__file__).resolve().parent.parent / "domain.yml").read_text())

NEEDS_SO_FAR = dict(processes=["customer_service"], channels=["phone"], languages=["italian"])


def form_run(tracker_) -> tuple[list[dict], dict]:
    """The form's validation as Rasa runs it on a user message: messages sent and slots set."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(FORM.run(dispatcher, tracker_, DOMAIN))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def extract(slot: str, tracker_) -> dict:
    """What the form's extraction of one slot reads from the latest message."""
    return getattr(FORM, f"extract_{slot}")(CollectingDispatcher(), tracker_, {})


def asked(slot: str, text: str, intent: str, entities=None, confidence: float = 0.99, **slots):
    return tracker(
        text, intent, entities, active_loop="prospect_form", confidence=confidence, requested_slot=slot,
        **{**NEEDS_SO_FAR, **slots},
    )  # fmt: skip
