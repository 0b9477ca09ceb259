"""Whether a short message looks like a person's or a company's name, read by the prospect form.

The intent classifier knows no names: "Elena Guidi" came out as help (0.83, "Guidi" like "guida") and the
name question came again and again. A message of at most a few words, each capitalised or a particle of
names ("van", "di", "&"), with no question mark, reads as the name asked for unless the classifier is
sure of a request.
"""

from __future__ import annotations

import re

MAX_NAME_WORDS = 6
# Lower-case words inside names and company names, in the supported languages and their neighbours.
NAME_PARTICLES = frozenset({
    "de", "del", "della", "di", "da", "dal", "dalla", "van", "von", "der", "den", "zu", "vom", "la", "le",
    "e", "and", "und", "&", "of", "the", "y", "bin", "al",
})  # fmt: skip
NAME_CHARACTERS = re.compile(r"[\w'’.,&\- ]+")
WORD = re.compile(r"[^\s,]+")


def looks_like_a_name(text: str) -> bool:
    """ "Elena Guidi", "Titano Meccanica S.p.A.", "Jan van der Berg", "Müller & Söhne GmbH"."""
    text = " ".join(text.split())
    if not text or not NAME_CHARACTERS.fullmatch(text):
        return False  # a question mark, a colon, an e-mail address ...
    words = WORD.findall(text)
    if len(words) > MAX_NAME_WORDS:
        return False
    initials = [w for w in words if w[0].isupper() or w[0].isdigit()]
    return bool(initials) and all(w in initials or w.lower() in NAME_PARTICLES for w in words)
