"""The operator dashboard in headless Chromium, after scripted conversations in both languages.

The numbers on the page are compared with counts computed here, in plain SQL over the stack's tracker store.
Screenshots go to reports/browser/.
"""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest

from knowledge.db import make_engine, make_session_factory
from knowledge.leads import LeadStore
from tests.test_conversation_restart import send, watch_csp
from tests.test_web_widget import SCREENSHOTS, bot_says, browser, open_chat, page  # noqa: F401 (fixtures)

pytestmark = pytest.mark.model
RUN = uuid.uuid4().hex[:8]
EMAIL = f"anna.{RUN}@acme-test.example"
HOSTILE = '<img src=x onerror="window.__xss=1">zzkq <b>bold</b>'
ENGLISH = [
    "hello", "what is BPO?", "what's the weather in Paris?", "recommend a service", "payroll", "Italian",
    "business hours", "2000 payslips a month", "in 3 months", "yes", "ACME Test", "Anna Rossi", EMAIL, "yes",
]  # fmt: skip
ITALIAN = ["cos'è il BPO?", "quanto costa?", "che tempo fa a Roma?", "voglio parlare con una persona"]
CHARTS = ["chart-days", "chart-channels", "chart-languages", "chart-funnel", "chart-models"]
FALLBACK = {"action_default_fallback", "utter_default", "utter_ask_rephrase"}


@pytest.fixture(scope="module")
def conversations(rasa_stack):
    senders = {"en": f"dash-en-{RUN}", "it": f"dash-it-{RUN}", "hostile": f"dash-x-{RUN}"}
    for message in ENGLISH:
        rasa_stack.say(senders["en"], message)
    rasa_stack.say(senders["it"], "/greet", {"language": "it"})
    for message in ITALIAN:
        rasa_stack.say(senders["it"], message)
    rasa_stack.say(senders["hostile"], HOSTILE)
    return senders


def sql_counts(tracker_url: str) -> dict:
    """The overview's numbers for the period "all", computed independently from the raw events."""
    db = sqlite3.connect(tracker_url.removeprefix("sqlite:///"))
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    senders = lambda where: one(f"SELECT COUNT(DISTINCT sender_id) FROM events WHERE {where}")  # noqa: E731
    last_user: dict[str, int] = {}
    fallback, out_of_scope = set(), set()
    for event_id, sender, kind, action, data in db.execute(
        "SELECT id, sender_id, type_name, action_name, data FROM events ORDER BY sender_id, id"
    ):
        if kind == "user":
            last_user[sender] = event_id
            continue
        # The reply: a response action, or a custom action that sent that response (its utter_action).
        sent = (json.loads(data).get("metadata") or {}).get("utter_action") if kind == "bot" else None
        reply = action if kind == "action" else sent
        if sender in last_user and reply in FALLBACK:
            fallback.add(last_user[sender])
        elif sender in last_user and reply == "utter_out_of_scope":
            out_of_scope.add(last_user[sender])
    recommended = senders("type_name = 'action' AND action_name = 'action_ask_consent'")
    slot = "type_name = 'slot' AND action_name = '{}' AND data LIKE '%\"value\": {}%'"
    counts = {
        "conversations": senders("type_name = 'user'"),
        "messages": one("SELECT COUNT(*) FROM events WHERE type_name = 'user'"),
        "fallback": len(fallback),
        "out_of_scope": len(out_of_scope),
        "handoff": senders("type_name = 'action' AND action_name = 'action_handoff'"),
        "topics": dict(db.execute(
            "SELECT intent_name, COUNT(*) FROM events WHERE type_name = 'user' "
            "AND substr(intent_name, 1, 4) = 'ask_' GROUP BY intent_name"
        ).fetchall()),
        "funnel": {
            "conversation": senders("type_name = 'user'"),
            "form_started": senders("type_name = 'active_loop' AND action_name = 'prospect_form'"),
            "needs_complete": senders(
                "type_name = 'slot' AND action_name = 'timeline' AND data NOT LIKE '%\"value\": null%'"
            ),
            "recommendation_shown": recommended,
            "contact_consented": senders(slot.format("consent", "true")),
        },
    }  # fmt: skip
    db.close()
    return counts


def log_in(page, stack) -> None:  # noqa: F811 (not the fixture)
    page.goto(f"{stack.web_url}/admin/")
    assert "/admin/login" in page.url
    page.locator("#password").fill(stack.admin_password)
    page.locator("#login button").click()
    page.locator("body[data-loaded=overview]").wait_for()


def fits_width(page, width: int) -> bool:  # noqa: F811 (not the fixture)
    """Nothing wider than the screen, once the charts have followed the new size (they resize in a moment;
    polled from here: the page's policy forbids the eval that wait_for_function would use)."""
    for _ in range(50):
        if page.evaluate("document.documentElement.scrollWidth") <= width:
            return True
        page.wait_for_timeout(200)
    return False


def loaded(page, name: str) -> None:  # noqa: F811 (not the fixture)
    page.locator(f"body[data-loaded={name}]").wait_for(timeout=30_000)


def test_dashboard_overview_unanswered_transcript_and_leads(rasa_stack, conversations, page):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    violations = watch_csp(page)
    # One widget conversation too, so that two channels show up.
    open_chat(page, f"{rasa_stack.web_url}/it.html")
    bot_says(page, "Cosa vuoi sapere?")
    send(page, "cos'è il back office?")
    bot_says(page, "Posso anche consigliarti")

    log_in(page, rasa_stack)
    page.select_option("#period", "all")
    loaded(page, "overview")
    expected = sql_counts(rasa_stack.tracker_url)
    sums = page.evaluate(
        """ids => ids.map(id => {
             const chart = Chart.getChart(document.getElementById(id));
             return chart ? chart.data.datasets[0].data.reduce((a, b) => a + b, 0) : -1; })""",
        CHARTS,
    )
    assert all(total > 0 for total in sums), dict(zip(CHARTS, sums, strict=True))  # drawn, with data
    labels = "id => Chart.getChart(document.getElementById(id)).data.labels"
    assert len(page.evaluate(labels, "chart-channels")) >= 2  # rest and socketio
    assert {"en", "it"} <= set(page.evaluate(labels, "chart-languages"))
    assert page.locator("#stat-conversations").inner_text() == str(expected["conversations"])
    assert page.locator("#stat-messages").inner_text() == str(expected["messages"])
    assert page.locator("#stat-fallback-n").inner_text() == f"{expected['fallback']} messages"
    assert page.locator("#stat-oos-n").inner_text() == f"{expected['out_of_scope']} messages"
    assert page.locator("#stat-handoff-n").inner_text() == f"{expected['handoff']} conversations"
    assert expected["out_of_scope"] >= 2 and expected["handoff"] >= 1  # the scripted ones at least
    for step, count in expected["funnel"].items():
        assert page.locator(f"#funnel-table tr[data-step={step}] td").nth(1).inner_text() == str(count), step
    assert expected["funnel"]["contact_consented"] >= 1
    shown_topics = {
        row.get_attribute("data-intent"): int(row.locator("td").nth(1).inner_text())
        for row in page.locator("#topics-table tbody tr[data-intent]").all()
    }
    assert shown_topics == expected["topics"]
    page.screenshot(path=str(SCREENSHOTS / "dashboard-overview.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: nothing wider than the screen
    assert fits_width(page, 390)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-overview-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1200, "height": 900})

    page.goto(f"{rasa_stack.web_url}/admin/unanswered")
    loaded(page, "unanswered")
    groups = page.locator("#unanswered-list .group")
    weather = groups.filter(has_text="what's the weather in Paris?").first
    weather.wait_for()
    page.screenshot(path=str(SCREENSHOTS / "dashboard-unanswered.png"), full_page=True)
    weather.locator("a", has_text=conversations["en"]).click()
    loaded(page, "transcript")
    transcript = page.locator("#transcript")
    assert "what's the weather in Paris?" in transcript.inner_text()
    assert "out_of_scope" in transcript.inner_text()  # the intent, with its confidence
    assert page.locator("#lead-fields").inner_text().count(EMAIL) == 1
    page.screenshot(path=str(SCREENSHOTS / "dashboard-transcript.png"), full_page=True)

    page.goto(f"{rasa_stack.web_url}/admin/conversations")
    loaded(page, "conversations")
    page.locator("#q").fill("zzkq")
    page.locator("#conversation-search button").click()
    loaded(page, "conversations")
    page.locator("#conversations-table a", has_text=conversations["hostile"]).click()
    loaded(page, "transcript")
    assert HOSTILE in page.locator("#transcript").inner_text()  # shown as text, not as markup
    assert page.locator("#transcript img, #transcript b").count() == 0
    assert page.evaluate("window.__xss") is None

    page.goto(f"{rasa_stack.web_url}/admin/leads")
    loaded(page, "leads")
    page.locator("#lead-q").fill(EMAIL)
    page.locator("#lead-filter button").click()
    loaded(page, "leads")
    assert page.locator("#leads-table tbody tr").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "dashboard-leads.png"), full_page=True)
    for kind in ("csv", "json"):
        page.select_option("#export select", kind)
        with page.expect_download() as download:
            page.locator("#export button").click()
        assert download.value.suggested_filename.endswith(f".{kind}")
        assert EMAIL in download.value.path().read_text(encoding="utf-8")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#leads-table tbody tr button", has_text="Erase").click()
    page.locator("#lead-message", has_text="erased").wait_for()
    loaded(page, "leads")
    assert page.locator("#leads-table tbody tr").count() == 0
    store = LeadStore(make_session_factory(make_engine(rasa_stack.database_url)))
    assert store.get(conversations["en"]) is None
    assert violations == []
