"""`make shell`: the Rasa shell in a terminal, with the action server it starts and stops."""

from __future__ import annotations

import os
import sys

import pexpect
import pytest
import requests

from deploy.processes import free_port
from knowledge.db import make_engine, make_session_factory
from knowledge.loader import load
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.model


def test_shell_chats_with_scripted_input_and_stops_the_action_server(tmp_path):
    port = free_port()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{port}/webhook"\n')
    database_url = f"sqlite:///{tmp_path / 'advisor.db'}"
    load(make_session_factory(make_engine(database_url)))
    env = {
        **os.environ,
        "ACTIONS_PORT": str(port),
        "ENDPOINTS": str(endpoints),
        "ADVISOR_DATABASE_URL": database_url,
    }
    shell = pexpect.spawn(
        "bash", ["scripts/shell.sh"], cwd=PROJECT_ROOT, env=env, encoding="utf-8", timeout=180,
        dimensions=(50, 200),
    )  # fmt: skip
    shell.logfile_read = sys.stdout
    try:
        shell.expect("Your input ->")
        shell.sendline("is payroll front office or back office?")
        shell.expect("internal functions")
        shell.expect("Recommend a service")  # the next step's button, shown as a choice
        shell.sendline("")  # pick the first choice: Recommend a service
        shell.expect("What would you like to outsource")
        shell.expect("Type out your own message")
        shell.send("\x1b[A")  # up from the first choice wraps to "Type out your own message..."
        shell.sendline("")
        shell.expect("Your input ->")
        shell.sendline("/stop")
        shell.expect(pexpect.EOF, timeout=60)
    finally:
        shell.close(force=True)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/health", timeout=5)
