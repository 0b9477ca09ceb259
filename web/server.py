"""Serves the product page (web/) and a config.js that tells the widget where the assistant is.

Usage: python web/server.py --port 8080 --assistant-url http://localhost:5005
"""

from __future__ import annotations

import argparse
import json
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WEB_ROOT = Path(__file__).resolve().parent


class PageHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args, assistant_url: str, **kwargs):
        self.assistant_url = assistant_url
        super().__init__(*args, directory=str(WEB_ROOT), **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/config.js":
            body = f"window.ADVISOR_CONFIG = {json.dumps({'socketUrl': self.assistant_url})};\n".encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/javascript")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if self.path.endswith(".py"):
            self.send_error(404)
            return
        super().do_GET()

    def log_message(self, format: str, *args) -> None:  # quiet: the Rasa logs matter more
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--assistant-url", default="http://localhost:5005")
    args = parser.parse_args()
    handler = partial(PageHandler, assistant_url=args.assistant_url)
    ThreadingHTTPServer((args.host, args.port), handler).serve_forever()


if __name__ == "__main__":
    main()
