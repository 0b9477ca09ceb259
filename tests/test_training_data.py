"""`rasa data validate` passes, and its only warnings are responses the custom actions send."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from knowledge.languages import SUPPORTED_LANGUAGES
from tests.conftest import PROJECT_ROOT

RASA = str(Path(sys.executable).parent / "rasa")


def responses_sent_by_code() -> tuple[set[str], set[str]]:
    """Response names the actions and the apology policy use literally, and prefixes completed at run time."""
    names: set[str] = set()
    for path in [*(PROJECT_ROOT / "bot" / "actions").glob("*.py"), PROJECT_ROOT / "bot" / "policies.py"]:
        names |= set(re.findall(r"utter_[a-z0-9_]+", path.read_text()))
    return {n for n in names if not n.endswith("_")}, {n for n in names if n.endswith("_")}


def form_questions() -> set[str]:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    return {f"utter_ask_{slot}" for form in domain["forms"].values() for slot in form["required_slots"]}


def test_rasa_data_validate_has_no_unexpected_warning():
    result = subprocess.run(
        [RASA, "data", "validate", "--config", "config.yml", "--domain", "domain.yml", "--data", "bot/data"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    warnings = re.findall(r"UserWarning: (.+)", result.stdout + result.stderr)
    literal, prefixes = responses_sent_by_code()
    # utter_default is sent by Rasa's own action_default_fallback (the core fallback of config.yml).
    allowed = literal | form_questions() | {"utter_default"}
    unexpected = []
    for warning in warnings:
        unused = re.fullmatch(r"The utterance '(\w+)' is not used in any story or rule\.", warning)
        if unused and (unused[1] in allowed or unused[1].startswith(tuple(prefixes))):
            continue
        # Set by the message guard (bot/message_guard.py) instead of NLU: it must have no examples.
        if warning.startswith("The intent 'message_too_long' is listed in the domain file, but is not found"):
            continue
        unexpected.append(warning)
    assert unexpected == []


def test_every_response_has_an_english_default_and_an_italian_variation():
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    for name, variations in domain["responses"].items():
        defaults = [v for v in variations if "condition" not in v]
        italian = [
            v
            for v in variations
            if v.get("condition") == [{"type": "slot", "name": "language", "value": "it"}]
        ]
        assert len(defaults) == 1, f"{name}: needs exactly one unconditioned default"
        assert len(italian) == 1, f"{name}: needs an Italian variation"
        assert len(defaults[0].get("buttons", [])) == len(italian[0].get("buttons", [])), name


def test_training_data_is_split_by_language_and_topic():
    languages = sorted(p.name for p in (PROJECT_ROOT / "bot" / "data" / "nlu").iterdir() if p.is_dir())
    assert languages == sorted(SUPPORTED_LANGUAGES)
    topics = {
        lang: sorted(p.name for p in (PROJECT_ROOT / "bot/data/nlu" / lang).glob("*.yml"))
        for lang in languages
    }
    assert all(files == topics["en"] for files in topics.values()) and len(topics["en"]) >= 10
