"""The operator dashboard at /admin/: login, the overview, unanswered questions, conversations, leads.

Pages are static HTML shells (web/admin/) filled by web/admin/admin.js from the JSON routes under
/admin/api/, always as text (never as HTML). Without a session the pages redirect to the login and the API
answers 401. Export and erase are POSTs that carry the session's CSRF token.
"""

from __future__ import annotations

import asyncio
import html
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from knowledge.analytics import Labels, Period, overview
from knowledge.db import make_engine, make_session_factory
from knowledge.leads import LeadStore
from knowledge.queries import KnowledgeBase
from knowledge.tracker_events import make_tracker_engine
from knowledge.transcripts import conversations, transcript, unanswered
from web.auth import (
    COOKIE,
    SESSION_SECONDS,
    LoginThrottle,
    Session,
    Sessions,
    password_matches,
    read_password,
)

ADMIN_ROOT = Path(__file__).resolve().parent / "admin"
PAGES = {
    "overview": "Overview",
    "unanswered": "Unanswered",
    "conversations": "Conversations",
    "leads": "Leads",
}
FAILED_LOGIN_DELAY = 0.5  # every failed login answers late, on top of the throttle's waits


@dataclass
class DashboardConfig:
    password_file: Path | None = None
    behind_proxy: bool = False
    tracker_url: str | None = None  # default: $ADVISOR_TRACKER_URL
    database_url: str | None = None  # default: $ADVISOR_DATABASE_URL
    sessions: Sessions = field(default_factory=Sessions)
    throttle: LoginThrottle = field(default_factory=LoginThrottle)


class Data:
    """The databases behind the dashboard, opened once per process."""

    def __init__(self, config: DashboardConfig):
        self.tracker = make_tracker_engine(config.tracker_url)
        self.knowledge = make_engine(config.database_url)
        factory = make_session_factory(self.knowledge)
        self.leads = LeadStore(factory)
        kb = KnowledgeBase(factory)
        self.labels = Labels(
            topic_title=lru_cache(maxsize=256)(lambda intent: _title(kb, intent)),
            model_name=lru_cache(maxsize=32)(lambda code: _model_name(kb, code)),
        )


def _title(kb: KnowledgeBase, intent: str) -> str | None:
    topic = kb.topic_for_intent(intent)
    return kb.topic_title(topic, "en") if topic else None


def _model_name(kb: KnowledgeBase, code: str) -> str | None:
    model = kb.service_model(code, "en")
    return model.name if model else None


def _page(name: str, session: Session, **values: str) -> HTTPResponse:
    layout = (ADMIN_ROOT / "layout.html").read_text(encoding="utf-8")
    body = (ADMIN_ROOT / f"{name}.html").read_text(encoding="utf-8")
    nav = "".join(
        f'<a href="/admin/{"" if key == "overview" else key}"{" aria-current=page" if key == name else ""}>'
        f"{label}</a>"
        for key, label in PAGES.items()
    )
    text = layout.replace("{{nav}}", nav).replace("{{body}}", body).replace("{{page}}", name)
    for key, value in {"csrf": session.csrf, **values}.items():
        text = text.replace("{{" + key + "}}", html.escape(value, quote=True))
    return response.html(text)


def _login_page(message: str = "", next_url: str = "/admin/", status: int = 200) -> HTTPResponse:
    text = (ADMIN_ROOT / "login.html").read_text(encoding="utf-8")
    text = text.replace("{{message}}", html.escape(message)).replace(
        "{{next}}", html.escape(next_url, quote=True)
    )
    return response.html(text, status=status)


def _safe_next(value: str | None) -> str:
    """Only a dashboard path: never an open redirect to another site."""
    if value and value.startswith("/admin/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/admin/"


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def filter_leads(leads: list[dict], search: str = "", model: str = "", consent: str = "") -> list[dict]:
    search = search.strip().lower()
    result = []
    for lead in leads:
        text = " ".join(
            str(lead.get(k) or "")
            for k in (
                "conversation_id",
                "company",
                "contact_name",
                "email",
                "processes_text",
                "volume",
                "timeline",
            )
        )
        text += " " + " ".join(lead.get("processes") or [])
        if search and search not in text.lower():
            continue
        if model and (lead.get("recommended_model") or "none") != model:
            continue
        if consent in ("yes", "no") and bool(lead.get("consent")) != (consent == "yes"):
            continue
        result.append(lead)
    return result


def add_dashboard(app: Sanic, config: DashboardConfig) -> None:
    data: list[Data] = []

    def db() -> Data:
        if not data:
            data.append(Data(config))
        return data[0]

    def current(request: Request) -> Session | None:
        return config.sessions.get(request.cookies.get(COOKIE))

    def page_route(path: str, name: str):
        async def handler(request: Request, **params) -> HTTPResponse:
            session = current(request)
            if session is None:
                return response.redirect(f"/admin/login?next={quote(request.path, safe='/%')}")
            extra = {"conversation_id": params.get("conversation_id", "")}
            return _page(name, session, **extra)

        app.route(path, methods=["GET"], name=f"admin_page_{name}", unquote=True)(handler)

    def api(path: str, methods=("GET",)):
        def register(function):
            async def handler(request: Request, **params) -> HTTPResponse:
                session = current(request)
                if session is None:
                    return response.json({"error": "login required"}, status=401)
                if request.method == "POST" and not Sessions.csrf_ok(
                    session, request.headers.get("x-csrf-token")
                ):
                    return response.json({"error": "missing or wrong CSRF token"}, status=403)
                return await function(request, **params)

            name = f"admin_api_{function.__name__}"
            app.route(path, methods=list(methods), name=name, unquote=True)(handler)
            return function

        return register

    @app.get("/admin/login")
    async def login_form(request: Request) -> HTTPResponse:
        if read_password(config.password_file) is None:
            return _login_page("The dashboard is disabled: set ADVISOR_ADMIN_PASSWORD.", status=503)
        if current(request):
            return response.redirect(_safe_next(request.args.get("next")))
        return _login_page(next_url=_safe_next(request.args.get("next")))

    @app.post("/admin/login")
    async def login(request: Request) -> HTTPResponse:
        expected = read_password(config.password_file)
        if expected is None:
            return _login_page("The dashboard is disabled: set ADVISOR_ADMIN_PASSWORD.", status=503)
        client = request.remote_addr or request.ip
        next_url = _safe_next(request.form.get("next"))
        wait = config.throttle.wait_seconds(client)
        if wait > 0:
            page = _login_page(f"Too many failed logins: try again in {int(wait) + 1} s.", next_url, 429)
            page.headers["Retry-After"] = str(int(wait) + 1)
            return page
        if not password_matches(request.form.get("password") or "", expected):
            config.throttle.failed(client)
            await asyncio.sleep(FAILED_LOGIN_DELAY)
            return _login_page("Wrong password.", next_url, 401)
        config.throttle.succeeded(client)
        token, _ = config.sessions.create()
        resp = response.redirect(next_url, status=303)
        resp.cookies[COOKIE] = token
        cookie = resp.cookies[COOKIE]
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        cookie["path"] = "/admin"
        cookie["max-age"] = SESSION_SECONDS
        if request.headers.get("x-forwarded-proto") == "https" or request.scheme == "https":
            cookie["secure"] = True
        return resp

    @app.post("/admin/logout")
    async def logout(request: Request) -> HTTPResponse:
        session = current(request)
        if session is not None and Sessions.csrf_ok(session, request.form.get("csrf")):
            config.sessions.end(request.cookies.get(COOKIE))
        resp = response.redirect("/admin/login", status=303)
        del resp.cookies[COOKIE]
        return resp

    page_route("/admin/", "overview")
    page_route("/admin/unanswered", "unanswered")
    page_route("/admin/conversations", "conversations")
    page_route("/admin/conversations/<conversation_id:str>", "transcript")
    page_route("/admin/leads", "leads")

    def period(request: Request) -> Period:
        name = request.args.get("period") or "30d"
        return Period.named(name if name in ("7d", "30d", "all") else "30d")

    @api("/admin/api/overview")
    async def overview_data(request: Request) -> HTTPResponse:
        d = db()
        result = await asyncio.to_thread(overview, d.tracker, d.knowledge, period(request), d.labels)
        return response.json(result)

    @api("/admin/api/unanswered")
    async def unanswered_data(request: Request) -> HTTPResponse:
        return response.json({"groups": await asyncio.to_thread(unanswered, db().tracker, period(request))})

    @api("/admin/api/conversations")
    async def conversations_data(request: Request) -> HTTPResponse:
        offset = int(request.args.get("offset") or 0) if (request.args.get("offset") or "0").isdigit() else 0
        result = await asyncio.to_thread(conversations, db().tracker, request.args.get("q") or "", 50, offset)
        return response.json(result)

    @api("/admin/api/conversations/<conversation_id:str>")
    async def transcript_data(request: Request, conversation_id: str) -> HTTPResponse:
        turns = await asyncio.to_thread(transcript, db().tracker, conversation_id)
        lead = await asyncio.to_thread(db().leads.get, conversation_id)
        if turns is None and lead is None:
            return response.json({"error": "no such conversation"}, status=404)
        return response.json(
            {"conversation_id": conversation_id, "turns": turns or [], "lead": _jsonable(lead)}
        )

    @api("/admin/api/leads")
    async def leads_data(request: Request) -> HTTPResponse:
        leads = await asyncio.to_thread(db().leads.all)
        args = {key: request.args.get(key) or "" for key in ("q", "model", "consent")}
        chosen = filter_leads(leads, args["q"], args["model"], args["consent"])
        models = sorted({lead.get("recommended_model") or "none" for lead in leads})
        return response.json(
            {"total": len(leads), "models": models, "leads": _jsonable(list(reversed(chosen)))}
        )

    @api("/admin/api/leads/erase", methods=("POST",))
    async def erase_lead(request: Request) -> HTTPResponse:
        lead_id = (request.json or {}).get("lead_id") if isinstance(request.json, dict) else None
        if not isinstance(lead_id, int):
            return response.json({"error": "say which lead: lead_id"}, status=400)
        erased = await asyncio.to_thread(db().leads.erase, lead_id=lead_id)
        return response.json({"erased": erased})

    @app.post("/admin/leads/export")
    async def export_leads(request: Request) -> HTTPResponse:
        session = current(request)
        if session is None:
            return response.json({"error": "login required"}, status=401)
        if not Sessions.csrf_ok(session, request.form.get("csrf")):
            return response.json({"error": "missing or wrong CSRF token"}, status=403)
        kind = "json" if request.form.get("format") == "json" else "csv"
        store = db().leads
        text = await asyncio.to_thread(store.export_json if kind == "json" else store.export_csv)
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return response.text(
            text,
            content_type="application/json" if kind == "json" else "text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="leads-{stamp}.{kind}"'},
        )

    app.static("/admin/assets", ADMIN_ROOT / "assets", name="admin_assets")
