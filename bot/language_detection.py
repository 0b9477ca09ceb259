"""Which supported language a message is written in, or None when the message does not say.

Statistical detection alone fails on short domain text ("cos'è il back office?" comes out English because of
the loanwords). So three signals are combined:
- the loanwords of the domain (glossary forms shared by several languages: BPO, call center, payroll...)
  are removed first;
- function words from spaCy's stop-word lists, counting only those that belong to one language alone;
- lingua's confidence, trusted on its own only when it is high.
A message that gives no clear signal ("ok", "BPO?", "24/7") returns None: the caller keeps the
conversation's current language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
from spacy.util import get_lang_class

from knowledge.glossary import only_language_codes
from knowledge.languages import SUPPORTED_LANGUAGES

# lingua's probability above which it decides without any function-word evidence. Measured over en/it/de:
# "ciao" 0.79, "danke" 0.86, "grazie" 0.83, "guten tag" 0.81 reach it; "hello" (0.64 Italian!), "servus"
# 0.59, "no" 0.59, "ok" 0.47 do not, and keep the conversation's language.
CONFIDENT = 0.75
# A conversation's first message has no language to keep yet: from two words on, lingua's best guess at this
# probability is better than the default ("Was misst CSAT?"); a lone "hello" (0.64 Italian) is not trusted.
FIRST_MESSAGE_CONFIDENT = 0.6
# Words of capitals this short are acronyms ("HR", "BPO"), not words of a language.
MAX_ACRONYM = 3
LANGUAGE_CODES = frozenset(language.iso_code_639_1.name for language in Language.all())
# A message of a few words with a function word of one language and none of another ("Was ist BPO?": "was"
# is English too, "ist" is German only) is in that language.
SHORT_MESSAGE_WORDS = 3
# lingua is not asked about fewer letters than this: it calls the "Q" of "Q2" Italian at 0.76 ("sì" and
# "nö" still get asked).
MIN_STATISTICAL_LETTERS = 2
WORD = re.compile(r"[^\W\d_]+")
# Stop words that are tokenizer fragments, not words anyone types: spaCy's English "ca" (from "can't") is
# the German "ca." (circa) in "stundenlohn callcenter agent albanien ca?".
TOKENIZER_FRAGMENTS = frozenset({"ca"})


@dataclass(frozen=True)
class Detection:
    language: str | None
    reason: str


class LanguageDetector:
    def __init__(self, languages: Iterable[str] = SUPPORTED_LANGUAGES, loanwords: Iterable[str] = ()):
        self.languages = tuple(languages)
        self._loanwords = {word for phrase in loanwords for word in WORD.findall(phrase.lower())}
        self._function_words = _exclusive_stop_words(self.languages)
        self._lingua = _lingua_detector(self.languages)

    def detect(self, text: str, first_message: bool = False) -> Detection:
        if only_language_codes(text, LANGUAGE_CODES):
            return Detection(None, "language codes only")  # "it en es": not the German "es"
        shouted = not any(c.islower() for c in text)  # "WAS IST BPO?": its short words count
        words = [w.lower() for w in WORD.findall(text) if not _is_acronym(w, shouted)]
        words = [w for w in words if w not in self._loanwords]
        if not words:
            return Detection(None, "no words beyond shared loanwords")
        counts = {lang: sum(w in self._function_words[lang] for w in words) for lang in self.languages}
        ranked = sorted(counts, key=counts.get, reverse=True)
        margin = counts[ranked[0]] - (counts[ranked[1]] if len(ranked) > 1 else 0)
        statistical, confidence = self._statistical(" ".join(words))
        if margin >= 2:
            return Detection(ranked[0], f"{margin} more function words")
        if margin == 1 and statistical == ranked[0]:
            return Detection(ranked[0], "function words and statistics agree")
        others = sum(counts.values()) - counts[ranked[0]]
        if margin == 1 and not others and len(words) <= SHORT_MESSAGE_WORDS:
            return Detection(ranked[0], "short message, one language's function word")
        if margin == 0 and confidence >= CONFIDENT:
            return Detection(statistical, f"statistics {confidence:.2f}")
        if first_message and len(words) >= 2 and margin == 0 and confidence >= FIRST_MESSAGE_CONFIDENT:
            return Detection(statistical, f"first message, statistics {confidence:.2f}")
        return Detection(None, "no clear signal")

    def _statistical(self, text: str) -> tuple[str | None, float]:
        if sum(c.isalpha() for c in text) < MIN_STATISTICAL_LETTERS:
            return None, 0.0
        values = self._lingua.compute_language_confidence_values(text)
        if not values:
            return None, 0.0
        best = values[0]
        return best.language.iso_code_639_1.name.lower(), best.value


def _is_acronym(word: str, shouted: bool) -> bool:
    """ "EN", "DE", "HR", "IT" in a message not written in capitals: codes and acronyms, not the German "es"
    or the Italian "de". In capitals ("WAS IST BPO?") only language codes ("EN+DE") are."""
    if shouted:
        return len(word) == 2 and word in LANGUAGE_CODES
    return len(word) <= MAX_ACRONYM and word.isupper()


def _exclusive_stop_words(languages: tuple[str, ...]) -> dict[str, frozenset[str]]:
    stop_words = {lang: {w.lower() for w in get_lang_class(lang).Defaults.stop_words} for lang in languages}
    exclusive = {}
    for lang, words in stop_words.items():
        others = set().union(*(w for other, w in stop_words.items() if other != lang))
        # Elided forms ("dell'") come out of WORD without the apostrophe.
        exclusive[lang] = frozenset(w.strip("'’") for w in words - others) - TOKENIZER_FRAGMENTS
    return exclusive


@lru_cache(maxsize=4)
def _lingua_detector(languages: tuple[str, ...]):
    codes = [Language.from_iso_code_639_1(getattr(IsoCode639_1, lang.upper())) for lang in languages]
    return LanguageDetectorBuilder.from_languages(*codes).build()
