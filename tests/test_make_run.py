"""`make run` starts the whole assistant, prints where it is, and Ctrl-C stops every process it started."""

from __future__ import annotations

import os
import re
import socket

import pexpect
import pytest
import requests

from deploy.processes import free_port
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.model


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_make_run_serves_page_and_api_and_ctrl_c_stops_everything(tmp_path):
    ports = {"RASA_PORT": free_port(), "ACTIONS_PORT": free_port(), "WEB_PORT": free_port()}
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "ADVISOR_DATABASE_URL": f"sqlite:///{tmp_path / 'advisor.db'}",
        "ADVISOR_TRACKER_URL": f"sqlite:///{tmp_path / 'tracker.db'}",
        "ADVISOR_ADMIN_PASSWORD_FILE": str(tmp_path / "admin-password"),
        "LOG_DIR": str(tmp_path / "log"),
    }
    env.pop("ADVISOR_ADMIN_PASSWORD", None)
    run = pexpect.spawn("make", ["run"], cwd=PROJECT_ROOT, env=env, encoding="utf-8", timeout=300)
    try:
        run.expect("Press Ctrl-C to stop")
        assert f"http://localhost:{ports['WEB_PORT']}/" in run.before
        page = requests.get(f"http://127.0.0.1:{ports['WEB_PORT']}/it.html", timeout=10)
        assert "Chiedilo all'Outsourcing Advisor" in page.text
        reply = requests.post(
            f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook",
            json={"sender": "make-run", "message": "what is a call center?"},
            timeout=30,
        ).json()
        assert "phone" in reply[0]["text"].lower()
        # The dashboard: a password generated at first start, printed once, kept only for the owner.
        password = re.search(r"/admin/\s+\(password: (\S+)\)", run.before).group(1)
        run.expect("shown only once")
        assert (tmp_path / "admin-password").read_text().strip() == password
        assert (tmp_path / "admin-password").stat().st_mode & 0o777 == 0o600
        login = requests.post(
            f"http://127.0.0.1:{ports['WEB_PORT']}/admin/login", data={"password": password}, timeout=10
        )
        assert "Conversations per day" in login.text  # the overview, after the redirect
        assert (tmp_path / "tracker.db").exists()  # the conversation is kept in SQL
        run.sendcontrol("c")
        run.expect(pexpect.EOF, timeout=60)
    finally:
        run.close(force=True)
    assert not any(listening(port) for port in ports.values())
    worker_log = (tmp_path / "log" / "delivery.log").read_text()  # the lead delivery worker
    assert "delivering to" in worker_log and "stopped" in worker_log
