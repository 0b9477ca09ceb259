"""Serves the product page (web/), a config.js that tells the widget where the assistant is, and the operator
dashboard at /admin/ (web/dashboard.py), on Sanic (the web framework that comes with Rasa).

Usage: python web/server.py --port 8080 --assistant-url http://localhost:5005 [--admin-password-file FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):  # run as `python web/server.py`: make the project's packages importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sanic import Request, Sanic, response
from sanic.response import HTTPResponse

from knowledge.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from web.dashboard import DashboardConfig, add_dashboard

WEB_ROOT = Path(__file__).resolve().parent


def socket_sources(assistant_url: str) -> str:
    """The assistant's origin over HTTP (socket.io polling, the reachability check) and WebSocket."""
    parts = urlsplit(assistant_url)
    if not parts.scheme or not parts.netloc:
        return ""
    ws = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {ws}://{parts.netloc}"


def content_security_policy(assistant_url: str, admin: bool) -> str:
    """Only the project's own scripts; the page may talk to the assistant, the dashboard only to itself.
    The widget injects its styles at run time, so the product page allows inline styles; the dashboard not."""
    connect = "'self'" if admin else f"'self' {socket_sources(assistant_url)}".strip()
    style = "'self'" if admin else "'self' 'unsafe-inline'"
    return (
        f"default-src 'self'; script-src 'self'; style-src {style}; img-src 'self' data:; "
        f"font-src 'self' data:; connect-src {connect}; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'; object-src 'none'"
    )


def create_app(assistant_url: str, dashboard: DashboardConfig, name: str = "advisor_web") -> Sanic:
    app = Sanic(name)
    app.config.MOTD = False
    if dashboard.behind_proxy:  # nginx in front: the client's address comes in X-Real-IP
        app.config.REAL_IP_HEADER = "x-real-ip"
    page_policy = content_security_policy(assistant_url, admin=False)
    admin_policy = content_security_policy(assistant_url, admin=True)

    @app.on_response
    async def security_headers(request: Request, resp: HTTPResponse) -> None:
        admin = request.path == "/admin" or request.path.startswith("/admin/")
        resp.headers["Content-Security-Policy"] = admin_policy if admin else page_policy
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer" if admin else "strict-origin-when-cross-origin"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if admin:
            resp.headers["Cache-Control"] = "no-store"

    @app.get("/")
    async def home(request: Request) -> HTTPResponse:
        return await response.file(WEB_ROOT / "index.html")

    # One page per supported language: index.html in the default language, <code>.html for the others.
    pages = "|".join(["index", *(code for code in SUPPORTED_LANGUAGES if code != DEFAULT_LANGUAGE)])

    @app.get(f"/<page:({pages})\\.html>")
    async def page(request: Request, page: str) -> HTTPResponse:
        return await response.file(WEB_ROOT / f"{page}.html")

    @app.get("/config.js")
    async def config(request: Request) -> HTTPResponse:
        body = f"window.ADVISOR_CONFIG = {json.dumps({'socketUrl': assistant_url})};\n"
        return response.text(body, content_type="application/javascript")

    app.static("/static", WEB_ROOT / "static", name="static")
    app.static("/vendor", WEB_ROOT / "vendor", name="vendor")
    add_dashboard(app, dashboard)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--assistant-url", default="http://localhost:5005")
    parser.add_argument(
        "--admin-password-file",
        type=Path,
        default=WEB_ROOT.parent / "var" / "admin-password",
        help="read when $ADVISOR_ADMIN_PASSWORD is unset (make run creates it)",
    )
    parser.add_argument("--behind-proxy", action="store_true", help="trust nginx's X-Real-IP")
    args = parser.parse_args()
    dashboard = DashboardConfig(password_file=args.admin_password_file, behind_proxy=args.behind_proxy)
    app = create_app(args.assistant_url, dashboard)
    app.run(host=args.host, port=args.port, access_log=False, motd=False)


if __name__ == "__main__":
    main()
