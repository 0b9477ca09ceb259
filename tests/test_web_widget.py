"""The product page with the rasa-webchat widget, in headless Chromium driven by Playwright.

Chromium is Debian's (`make browser` installs it); Playwright never downloads a browser of its own.
Screenshots go to reports/browser/.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from deploy.processes import free_port, wait_until_up
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.model
SCREENSHOTS = PROJECT_ROOT / "reports" / "browser"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run `make browser` (make test does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    yield context.new_page()
    context.close()


def open_chat(page, url: str):
    page.goto(url)
    page.locator(".rw-launcher").click()
    return page.locator(".rw-messages-container")


def bot_says(page, text: str, timeout: float = 30_000) -> None:
    page.locator(".rw-messages-container").get_by_text(text, exact=False).first.wait_for(timeout=timeout)


def test_widget_answers_clicks_a_button_and_keeps_the_conversation_after_reload(rasa_stack, page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    open_chat(page, f"{rasa_stack.web_url}/index.html")
    bot_says(page, "Outsourcing Advisor")  # the greeting, in the page's language
    page.locator(".rw-new-message").fill("what is the back office?")
    page.keyboard.press("Enter")
    bot_says(page, "internal")
    bot_says(page, "Anything else?")  # the next step, with its buttons
    page.locator(".rw-reply", has_text="Recommend a service").click()
    bot_says(page, "What would you like to outsource?")
    page.screenshot(path=str(SCREENSHOTS / "widget-en.png"))
    page.reload()
    page.locator(".rw-launcher").wait_for()
    try:  # the widget remembers whether it was open
        page.locator(".rw-messages-container").wait_for(timeout=3_000)
    except PlaywrightTimeout:
        page.locator(".rw-launcher").click()
    bot_says(page, "What would you like to outsource?")  # still there after the reload
    assert "what is the back office?" in page.locator(".rw-messages-container").inner_text()


def test_italian_page_greets_in_italian(rasa_stack, page):
    open_chat(page, f"{rasa_stack.web_url}/it.html")
    bot_says(page, "Cosa vuoi sapere?")
    page.screenshot(path=str(SCREENSHOTS / "widget-it.png"))


def test_german_page_greets_and_answers_in_german(rasa_stack, page):
    open_chat(page, f"{rasa_stack.web_url}/de.html")
    bot_says(page, "Guten Tag! Ich bin der Outsourcing Advisor")
    page.locator(".rw-new-message").fill("Was ist BPO?")
    page.keyboard.press("Enter")
    bot_says(page, "Kerngeschäft")
    page.screenshot(path=str(SCREENSHOTS / "widget-de.png"))
    assert page.locator("nav a", has_text="Deutsch").get_attribute("aria-current") == "page"


def test_every_page_links_every_language(rasa_stack, page):
    for name in ("index.html", "it.html", "de.html"):
        page.goto(f"{rasa_stack.web_url}/{name}")
        assert page.locator("nav a").all_inner_texts() == ["English", "Italiano", "Deutsch"]


def test_unreachable_assistant_shows_a_friendly_notice(page, tmp_path):
    port = free_port()
    dead = free_port()  # nothing listens there
    log = tmp_path / "web.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "web/server.py",
                "--port",
                str(port),
                "--assistant-url",
                f"http://127.0.0.1:{dead}",
            ],
            cwd=PROJECT_ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/index.html", server, log)
        page.goto(f"http://127.0.0.1:{port}/index.html")
        notice = page.locator("#assistant-offline")
        notice.wait_for(state="visible", timeout=15_000)
        assert "not reachable" in notice.inner_text()
        page.screenshot(path=str(SCREENSHOTS / "widget-offline.png"))
    finally:
        server.terminate()
        server.wait(timeout=10)
