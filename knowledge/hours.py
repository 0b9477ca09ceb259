"""Which hours a prospect needs, from what they typed: "8 to 20, Monday to Saturday", "7am-11pm every day".

The glossary already names whole phrases ("24/7", "business hours", "weekends"); this adds clock-time ranges,
which no list of phrases can hold. Numbers and am/pm are the same in every supported language; the word that
joins the two times ("to", "alle", "bis", "-") is any short word, so no per-language list is needed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BUSINESS, EXTENDED, ALWAYS = "business_hours", "extended_hours", "24_7"
# From the least to the most demanding: when several clues disagree, the most demanding wins.
SEVERITY = {BUSINESS: 0, EXTENDED: 1, ALWAYS: 2}
OFFICE_START, OFFICE_END = 8, 19

_TIME = r"(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|h|uhr)?"
_JOIN = r"\s*(?:[-–—]|\s[^\W\d_]{1,5}\s)\s*"
TIME_RANGE = re.compile(rf"(?<![\d/.,]){_TIME}{_JOIN}{_TIME}(?![\d/.,]*\d)", re.IGNORECASE)


@dataclass(frozen=True)
class ClockRange:
    start: int  # hour of the day, 0-23
    end: int  # hour of the day, 1-24 (after start, or the next day)

    @property
    def length(self) -> int:
        return (self.end - self.start) % 24 or 24


def _hour(number: str, suffix: str | None) -> int | None:
    hour = int(number)
    marker = (suffix or "").lower().replace(".", "")
    if marker == "pm" and hour < 12:
        hour += 12
    elif marker == "am" and hour == 12:
        hour = 0
    return hour if 0 <= hour <= 24 else None


def clock_range(text: str) -> ClockRange | None:
    """The first plausible clock-time range in the text, or None."""
    for match in TIME_RANGE.finditer(text):
        start_number, start_minutes, start_suffix, end_number, end_minutes, end_suffix = match.groups()
        if any(minutes and int(minutes) > 59 for minutes in (start_minutes, end_minutes)):
            continue
        start = _hour(start_number, start_suffix or (end_suffix if end_suffix in ("am", "pm") else None))
        end = _hour(end_number, end_suffix)
        if start is None or end is None or start == end:
            continue
        if end < start and not end_suffix and end + 12 > start:
            end += 12  # "9-5": five in the afternoon
        return ClockRange(start, end)
    return None


def hours_from_range(clock: ClockRange) -> str:
    if clock.length >= 24:
        return ALWAYS
    if clock.start < OFFICE_START or clock.end > OFFICE_END or clock.end < clock.start:
        return EXTENDED
    return BUSINESS


def hours_needed(text: str, named: list[str]) -> str | None:
    """The hours term key for the text: its clock range and the glossary hours it names, most demanding wins.

    A range bounds the glossary's "every day" (which alone reads as 24/7): "7am-11pm every day" is extended.
    """
    clock = clock_range(text)
    clues = [hours_from_range(clock)] if clock else []
    for key in named:
        if key == ALWAYS and clock and clock.length < 24:
            key = EXTENDED
        if key in SEVERITY:
            clues.append(key)
    return max(clues, key=SEVERITY.__getitem__) if clues else None
