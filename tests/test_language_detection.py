"""Which language a message is in (bot.language_detection): function words first, then statistics."""

from __future__ import annotations

import pytest

from bot.language_detection import LanguageDetector

DETECTOR = LanguageDetector()


@pytest.mark.parametrize(
    "text, language",
    [
        ("what is the difference between BPO and a call center?", "en"),
        ("qual è la differenza tra BPO e call center?", "it"),
        ("was ist der Unterschied zwischen BPO und Callcenter?", "de"),
        ("WAS KOSTET DAS IM MONAT", "de"),  # shouted: its short words still count
        ("WAS IST BPO?", "de"),
        ("EN. maybe ES later", "en"),  # "EN" and "ES" are codes, not German function words
        ("stundenlohn callcenter agent albanien ca?", "de"),  # "ca." is circa, not the "ca" of "can't"
    ],
)
def test_the_language_of_a_message(text, language):
    assert DETECTOR.detect(text).language == language


@pytest.mark.parametrize("text", ["EN+DE", "it en es", "de/en", "Q2", "ok"])
def test_codes_alone_keep_the_conversations_language(text):
    # "es" is a German function word: lower-case codes once switched an Italian conversation to German.
    assert DETECTOR.detect(text).language is None
