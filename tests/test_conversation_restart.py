"""Conversations are kept in Rasa's SQL tracker store: a restart of the assistant mid-form loses nothing."""

from __future__ import annotations

import uuid

import pytest

from tests.test_web_widget import SCREENSHOTS, bot_says, browser, open_chat, page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.model
# The widget's bundle asks Google Fonts for a typeface; the page's policy blocks it (no CDN) on purpose.
EXPECTED_BLOCK = "fonts.googleapis.com"


def texts(replies: list[dict]) -> str:
    return " ".join(reply.get("text", "") for reply in replies)


def watch_csp(page) -> list[str]:  # noqa: F811 (not the fixture)
    """The page's Content-Security-Policy violations (from the console), as they happen."""
    violations: list[str] = []

    def check(message) -> None:
        if "Security Policy" in message.text and EXPECTED_BLOCK not in message.text:
            violations.append(message.text)

    page.on("console", check)
    return violations


def send(page, text: str) -> None:  # noqa: F811 (not the fixture)
    page.locator(".rw-new-message").fill(text)
    page.keyboard.press("Enter")


def test_rest_and_widget_conversations_continue_the_form_after_a_restart(rasa_stack, page):  # noqa: F811
    """One restart (it takes a while) for both channels: each is in the middle of the form when it happens."""
    violations = watch_csp(page)
    sender = f"restart-rest-{uuid.uuid4().hex[:8]}"
    assert "What would you like to outsource?" in texts(rasa_stack.say(sender, "recommend a service"))
    assert "In which languages" in texts(rasa_stack.say(sender, "payroll"))
    open_chat(page, f"{rasa_stack.web_url}/index.html")
    bot_says(page, "Outsourcing Advisor")
    send(page, "recommend a service")
    bot_says(page, "What would you like to outsource?")
    send(page, "payroll")
    bot_says(page, "In which languages")

    rasa_stack.restart_rasa()

    assert "Which hours should be covered?" in texts(rasa_stack.say(sender, "Italian"))
    send(page, "German")
    bot_says(page, "Which hours should be covered?", timeout=60_000)  # the widget reconnects by itself
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "widget-after-restart.png"))
    assert violations == []  # otherwise the widget works under the page's Content-Security-Policy
