"""The hostile corpus in the web widget (headless Chromium): visitor text is never rendered as HTML or as
markdown links, links in bot messages are only http(s), and a 429 gets a friendly notice."""

from __future__ import annotations

import pytest

from tests.test_web_widget import bot_says, browser, open_chat, page  # noqa: F401

pytestmark = pytest.mark.model
HOSTILE = [
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<script>window.__pwned='script'</script><b>bold?</b>",
    "[click me](javascript:window.__pwned='link')",
    "[a site](http://evil.example/) **strong?** <a href=\"javascript:window.__pwned='a'\">x</a>",
    "cos'è il **back office**? <i>grazie</i>",
]


def test_visitor_text_is_shown_as_typed_and_never_as_markup(rasa_stack, page):  # noqa: F811
    open_chat(page, f"{rasa_stack.web_url}/index.html")
    bot_says(page, "Outsourcing Advisor")
    for text in HOSTILE:
        page.locator(".rw-new-message").fill(text)
        page.keyboard.press("Enter")
        page.locator(".rw-client").last.wait_for()
    bot_says(page, "back office")  # the last one is answered
    client_bubbles = page.locator(".rw-client")
    shown = client_bubbles.all_inner_texts()
    for text in HOSTILE:
        assert any(text in bubble for bubble in shown), text  # literally, markup characters included
    assert client_bubbles.locator("a, img, script, b, i, strong").count() == 0
    assert page.evaluate("window.__pwned") is None
    hrefs = page.locator(".rw-messages-container a").evaluate_all("links => links.map(a => a.href)")
    assert all(href.startswith(("http://", "https://")) for href in hrefs), hrefs


def test_too_many_messages_gets_a_friendly_notice_in_the_pages_language(rasa_stack, page):  # noqa: F811
    page.route("**/socket.io/**", lambda route: route.fulfill(status=429, body="Too Many Requests"))
    page.goto(f"{rasa_stack.web_url}/it.html")
    notice = page.locator("#assistant-offline")
    notice.get_by_text("Troppi messaggi in poco tempo").wait_for(timeout=30_000)
    assert notice.is_visible()
