"""Reading a yes: to "may we contact you?", "is this summary correct?" and, strictest, "delete everything?".

Plain text and intent names, tested without Rasa. For deletion the classifier's intent is a hint, not the
verdict: it took "ok, forget it" for a yes, "keep my data" and "non cancellare i miei dati" for requests to
delete, and "sì, cancella tutto" for "stop".
"""

from __future__ import annotations

import re

from knowledge.languages import (
    ANY_NEGATION,
    CALLING_OFF_WORDS,
    CONTRAST_CONJUNCTIONS,
    CONTRAST_WORDS,
    CORRECTION_WORDS,
    LEAVING_WORDS,
    NO_PREFERENCE_WORDS,
    OTHERWISE_WORDS,
    SET_ASIDE_CUES,
    YES_IF_ALONE,
    YES_WORDS,
)  # fmt: skip
from knowledge.work_description import mentions_phrase

# Intents that may carry a yes to "delete everything?".
YES_INTENTS = frozenset({"affirm", "delete_my_data"})


def _alternatives(phrases: dict[str, tuple[str, ...]]) -> str:
    """A regex alternation of the phrases of every language, longest first ("that's correct" before
    "right")."""
    words = sorted({word for words in phrases.values() for word in words}, key=len, reverse=True)
    return "|".join(map(re.escape, words))


_YES_WORDS = _alternatives(YES_WORDS)
# A yes word at the start of a message, in any language.
_YES_WORD_OPENING = re.compile(rf"\W*(?:{_YES_WORDS})\b")
# ... or a word that is a yes only when nothing follows it but punctuation ("ok.", not "ok so what ...").
_YES_OPENING = re.compile(rf"\W*(?:(?:{_YES_WORDS})\b|(?:{_alternatives(YES_IF_ALONE)})\s*(?:[,.!;:–-]|$))")


def _normalised(text: str) -> str:
    return text.lower().replace("’", "'")


def _first_sentence_says_no(text: str) -> bool:
    first_sentence = re.split(r"[.?!]", text, maxsplit=1)[0]
    # A compound is one word: "non-negotiable" says no "non".
    return bool(ANY_NEGATION.intersection(re.findall(r"[\w']+(?:-[\w']+)*", first_sentence)))


def opens_with_yes(text: str) -> bool:
    """ "Yes, that's correct. Would your staff have legal qualifications?" says yes before it asks, in any
    language (a short "ok" may be taken for another one); not "yes, but not by phone"."""
    lowered = _normalised(text)
    return not _first_sentence_says_no(lowered) and bool(_YES_OPENING.match(lowered))


def confirms_summary(text: str) -> bool:
    """ "Sì, corretto. Il nome dell'azienda va con la V maiuscola, come l'ha scritto lei." confirms the
    summary, whatever the classifier made of the remark; "yes, but the e-mail is wrong" does not."""
    return opens_with_yes(text) and not takes_something_back(text)


# "..., but yes, that's us", "ma sì.", "aber ja!": a contrast word that only leads to a yes again (not
# "yes but yeah the email is old").
_CONTRAST_THEN_YES = re.compile(
    rf"\b(?:{_alternatives(CONTRAST_WORDS)})\W+(?=(?:{_YES_WORDS})\s*(?:[,.!;:–-]|$))"
)


# "..., aber sonst stimmt alles", "but otherwise it's all correct": a contrast word that confirms the rest.
_CONTRAST_THEN_OTHERWISE = re.compile(
    rf"\b(?:{_alternatives(CONTRAST_CONJUNCTIONS)})\W+(?=(?:{_alternatives(OTHERWISE_WORDS)})\b)"
)


def takes_something_back(text: str) -> bool:
    """ "Yes, but ...", "ja, bis auf die Telefonnummer", "sì, a parte il nome": part of the yes is a no."""
    lowered = _CONTRAST_THEN_OTHERWISE.sub(" ", _CONTRAST_THEN_YES.sub(" ", _normalised(text)))
    return any(
        mentions_phrase(lowered, words) for words in (CONTRAST_WORDS, CORRECTION_WORDS, SET_ASIDE_CUES)
    )


def leaves_it_open(text: str) -> bool:
    """ "Non importa, ...", "egal", "it doesn't matter": the visitor has no preference (an answer, not a
    stop), unless the rest leaves after all ("non importa, lasciamo perdere")."""
    opening, *rest = re.split(r"[,.;:!?–-]", _normalised(text), maxsplit=1)
    return mentions_phrase(opening, NO_PREFERENCE_WORDS) and not mentions_phrase(
        " ".join(rest), LEAVING_WORDS
    )


def confirms_deletion(text: str, intent: str) -> bool:
    """A yes or "delete" said again, with no no and nothing that calls it off; a message the classifier took
    for "stop" counts only when it opens with a yes word ("sì, cancella tutto", not "ok, lascia stare")."""
    lowered = _normalised(text)
    if _first_sentence_says_no(lowered):
        return False  # "no, don't delete my data", "nein, bitte nichts löschen", "non cancellare"
    if mentions_phrase(lowered, CALLING_OFF_WORDS):
        return False
    if intent in YES_INTENTS:
        return True
    return intent == "stop" and _YES_WORD_OPENING.match(lowered) is not None
