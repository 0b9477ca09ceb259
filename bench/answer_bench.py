"""The blind answer benchmark (bench/answers/<language>/): replies judged by their content and language.

Written by helpers who saw only shared/knowledge-facts.md and the source article (see each file's header).
- knowledge.yml: questions (some 2-3 turn follow-ups); a scored turn passes when every keyword group has a
  stem in the reply and the reply is in the question's language;
- prospects.yml: a prospect who answers each question of the form in their own words; a conversation passes
  when the stored lead has the expected model within 15 visitor turns and no question came a third time.
Halves: A was looked at while tuning from the start; B stayed untouched through the first session and was
looked at in the second; C was written blind in the second session and stays untouched until the final
number; D was written blind later in that session as more development data (tuned on); E (prospects only)
was written blind in the third session as development data (tuned on); F (knowledge and prospects) and G
(knowledge only) were written blind in the sixth session as development data (tuned on), and H (knowledge
and prospects) and I (prospects written to be hard but fair) in the seventh, likewise; J and K (knowledge and
prospects) in the eighth and ninth, L (knowledge and prospects) in the tenth, M and N (knowledge
and prospects) in the eleventh, O (knowledge and prospects) in the twelfth, P (knowledge and
prospects) in the thirteenth, Q and R (knowledge and prospects) in the fourteenth, S (knowledge and
prospects, chat-box phrasing and yes/no checks) in the fifteenth, T (knowledge and prospects,
misconceptions to correct and questions asked from the visitor's situation) and U (knowledge and
prospects, chains that change subject and question, prospects harder to read) in the sixteenth,
likewise. Every half is reported, and only the tuned halves' failures can be printed.

Usage: python -m bench.answer_bench [--language it] [--half A --half B] [--show-failures]
(failures of the tuned halves only)
"""

from __future__ import annotations

import argparse
import json
import tempfile
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests
import yaml
from lingua import IsoCode639_1, LanguageDetectorBuilder

from bench.overlap import copied_turns
from knowledge.db import make_engine, make_session_factory
from knowledge.languages import SUPPORTED_LANGUAGES
from knowledge.leads import LeadStore
from knowledge.loader import load
from tests.servers import RasaStack

SETS = Path(__file__).resolve().parent / "answers"
REPORTS = Path(__file__).resolve().parent.parent / "reports"
MAX_VISITOR_TURNS = 15
MAX_ASKS = 2
HALVES = tuple("ABCDEFGHIJKLMNOPQRSTU")
UNTOUCHED_HALVES = ("C",)
TUNED_HALVES = tuple(half for half in HALVES if half not in UNTOUCHED_HALVES)
TOKEN = "bench-" + uuid.uuid4().hex


def folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def content_ok(reply: str, groups: list[list[str]]) -> bool:
    text = folded(reply)
    return all(any(folded(str(stem)) in text for stem in group) for group in groups)


class ReplyLanguage:
    """The language of a reply, by lingua over the supported languages (replies are long enough)."""

    def __init__(self) -> None:
        codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED_LANGUAGES]
        self._detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()

    def of(self, text: str) -> str | None:
        found = self._detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else None


@dataclass
class Outcome:
    id: str
    half: str
    passed: bool
    detail: dict = field(default_factory=dict)


class Visitor:
    """One conversation over REST, with the tracker read through Rasa's HTTP API."""

    def __init__(self, stack: RasaStack):
        self.stack = stack
        self.sender = uuid.uuid4().hex

    def say(self, text: str) -> str:
        messages = self.stack.say(self.sender, text)
        return "\n".join(m.get("text", "") for m in messages if m.get("text"))

    def tracker(self) -> dict:
        url = f"http://127.0.0.1:{self.stack.rasa_port}/conversations/{self.sender}/tracker"
        response = requests.get(url, params={"token": TOKEN}, timeout=30)
        response.raise_for_status()
        return response.json()


def run_question(stack: RasaStack, item: dict, language: str, detector: ReplyLanguage) -> Outcome:
    visitor, turns, passed = Visitor(stack), [], True
    for turn in item["turns"]:
        reply = visitor.say(turn["say"])
        if "expect" not in turn:
            continue
        ok_content = content_ok(reply, turn["expect"])
        ok_language = detector.of(reply) == language
        passed = passed and ok_content and ok_language
        turns.append({"say": turn["say"], "reply": reply, "content": ok_content, "language": ok_language})
    return Outcome(item["id"], item["half"], passed, {"turns": turns})


def run_prospect(stack: RasaStack, item: dict, leads: LeadStore) -> Outcome:
    visitor, answers = Visitor(stack), item["answers"]
    asks: Counter[str] = Counter()
    transcript = [("visitor", item["opening"]), ("bot", visitor.say(item["opening"]))]
    for _ in range(MAX_VISITOR_TURNS - 1):
        tracker = visitor.tracker()
        slot = (tracker.get("slots") or {}).get("requested_slot")
        if (tracker.get("active_loop") or {}).get("name") != "prospect_form" or not slot:
            if leads.get(visitor.sender) is not None:
                break
            message = "/request_recommendation"  # the "Recommend a service" button every answer offers
        else:
            asks[slot] += 1
            message = answers["confirm" if slot == "confirmed" else slot]
        transcript += [("visitor", message), ("bot", visitor.say(str(message)))]
    lead = leads.get(visitor.sender)
    model = lead["recommended_model"] if lead else None
    repeated = sorted(slot for slot, count in asks.items() if count > MAX_ASKS)
    passed = model == item["expected_model"] and not repeated
    detail = {
        "expected": item["expected_model"],
        "got": model,
        "asked_3_times": repeated,
        "visitor_turns": sum(1 for who, _ in transcript if who == "visitor"),
        "transcript": transcript,
    }
    return Outcome(item["id"], item["half"], passed, detail)


def summarise(outcomes: list[Outcome]) -> dict:
    summary = {}
    for half in HALVES:
        picked = [o for o in outcomes if o.half == half]
        passed = sum(o.passed for o in picked)
        share = round(passed / len(picked), 3) if picked else None
        summary[half] = {"passed": passed, "total": len(picked), "share": share}
    return summary


def items(language: str, kind: str, key: str) -> list[dict]:
    """Every item of one kind in a language, from knowledge.yml / knowledge-c.yml (and prospects likewise)."""
    found: list[dict] = []
    for path in sorted((SETS / language).glob(f"{kind}*.yml")):
        found += yaml.safe_load(path.read_text())[key]
    return found


def run_language(
    stack: RasaStack, leads: LeadStore, language: str, detector: ReplyLanguage, halves: tuple[str, ...]
) -> dict:
    knowledge = [q for q in items(language, "knowledge", "questions") if q["half"] in halves]
    prospects = [p for p in items(language, "prospects", "conversations") if p["half"] in halves]
    answered = [run_question(stack, question, language, detector) for question in knowledge]
    recommended = [run_prospect(stack, prospect, leads) for prospect in prospects]
    return {
        "answers": summarise(answered),
        "prospects": summarise(recommended),
        "prospect_questions_asked_3_times": sum(bool(o.detail["asked_3_times"]) for o in recommended),
        "copied_turns": copied_turns(language, knowledge, halves),
        "failures_tuned_halves": [
            o.__dict__ for o in answered + recommended if o.half in TUNED_HALVES and not o.passed
        ],
    }


def run(languages: tuple[str, ...] = SUPPORTED_LANGUAGES, halves: tuple[str, ...] = HALVES) -> dict:
    detector = ReplyLanguage()
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        database_url = f"sqlite:///{workdir / 'advisor.db'}"
        factory = make_session_factory(make_engine(database_url))
        load(factory)
        stack = RasaStack(workdir, database_url, rasa_args=["--enable-api", "--auth-token", TOKEN]).start()
        try:
            leads = LeadStore(factory)
            return {
                language: run_language(stack, leads, language, detector, halves) for language in languages
            }
        finally:
            stack.stop()


def markdown(report: dict) -> str:
    tuned = ", ".join(TUNED_HALVES)
    lines = [
        "## Blind answer benchmark (bench/answers/)",
        "",
        f"Halves {tuned} were looked at while tuning; the others stayed untouched.",
        "",
        "| language | kind | " + " | ".join(f"half {h}" for h in HALVES) + " | 3rd asks |",
        "|---|---|" + "---|" * len(HALVES) + "---|",
    ]
    for language, r in report.items():
        for kind in ("answers", "prospects"):
            cells = [
                f"{h['share']:.3f} ({h['passed']}/{h['total']})" if h["total"] else "-"
                for h in (r[kind][half] for half in HALVES)
            ]
            asks = r["prospect_questions_asked_3_times"] if kind == "prospects" else ""
            lines.append(f"| {language} | {kind} | " + " | ".join(cells) + f" | {asks} |")
    lines += [
        "",
        "Question turns found word for word among the training examples or the content's example"
        " questions (a copy measures memory, not understanding):",
        "",
    ]
    for language, r in report.items():
        copies = ", ".join(f"{h} {c['copied']}/{c['turns']}" for h, c in r["copied_turns"].items())
        lines.append(f"- {language}: {copies}")
    return "\n".join(lines) + "\n"


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--language", choices=SUPPORTED_LANGUAGES, action="append")
    parser.add_argument("--show-failures", action="store_true", help="print the failures of the tuned halves")
    parser.add_argument("--half", choices=HALVES, action="append", help="run only these halves (tuning)")
    args = parser.parse_args()
    report = run(tuple(args.language or SUPPORTED_LANGUAGES), tuple(args.half or HALVES))
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "answers.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(markdown(report))
    if args.show_failures:
        for language, r in report.items():
            for failure in r["failures_tuned_halves"]:
                print(json.dumps({"language": language, **failure}, ensure_ascii=False)[:2500])


if __name__ == "__main__":
    main()
