"""Hours from what prospects type: clock ranges and the glossary's phrases, the most demanding wins."""

from __future__ import annotations

import pytest

from knowledge.hours import clock_range, hours_needed


@pytest.mark.parametrize(
    ("text", "named", "expected"),
    [
        ("8 to 20, Monday to Saturday", [], "extended_hours"),
        ("7am-11pm every day", ["24_7"], "extended_hours"),  # "every day" alone would read as 24/7
        ("Mo–Fr 8–18 Uhr", [], "business_hours"),
        ("9 to 18, Monday to Friday", ["business_hours"], "business_hours"),
        ("9-17:30 but also Saturdays", ["extended_hours"], "extended_hours"),
        ("dalle 8 alle 20", [], "extended_hours"),
        ("dalle 9 alle 18, dal lunedì al venerdì", ["business_hours"], "business_hours"),
        ("9-5", [], "business_hours"),
        ("from 10pm to 6am", [], "extended_hours"),
        ("0-24", [], "24_7"),
        ("24/7", ["24_7"], "24_7"),
        ("we're not sure yet", [], None),
    ],
)
def test_hours_needed(text, named, expected):
    assert hours_needed(text, named) == expected


def test_dates_and_counts_are_not_clock_ranges():
    assert clock_range("about 2000 tickets a month") is None
    assert clock_range("from 1.3.2027") is None
    assert clock_range("24/7") is None
