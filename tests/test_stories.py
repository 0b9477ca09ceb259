"""Rasa's own story tests: NLU and dialogue predictions on conversations in both languages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from deploy.processes import MODEL
from tests.conftest import PROJECT_ROOT

pytestmark = pytest.mark.model
RASA = str(Path(sys.executable).parent / "rasa")


def test_every_test_story_is_predicted_correctly(tmp_path):
    result = subprocess.run(
        [RASA, "test", "core", "--model", str(MODEL), "--stories", "tests/stories",
         "--endpoints", "endpoints.yml", "--out", str(tmp_path), "--fail-on-prediction-errors"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, details or result.stdout[-4000:] + result.stderr[-4000:]
    assert "Correct:" in result.stdout + result.stderr
