"""Reading the answer to a question that cannot be undone ("Delete everything?"): only a clear yes counts.

Plain text and intent names, tested without Rasa. The classifier's intent is a hint, not the verdict: it took
"ok, forget it" for a yes, "keep my data" and "non cancellare i miei dati" for requests to delete, and
"sì, cancella tutto" for "stop".
"""

from __future__ import annotations

import re

from knowledge.languages import ANY_NEGATION, CALLING_OFF_WORDS, YES_WORDS
from knowledge.work_description import mentions_phrase

# Intents that may carry a yes to "delete everything?".
YES_INTENTS = frozenset({"affirm", "delete_my_data"})
_STRICT_YES = re.compile(
    r"\W*(?:" + "|".join(re.escape(word) for words in YES_WORDS.values() for word in words) + r")\b"
)


def confirms_deletion(text: str, intent: str) -> bool:
    """A yes or "delete" said again, with no no and nothing that calls it off; a message the classifier took
    for "stop" counts only when it opens with a yes word ("sì, cancella tutto", not "ok, lascia stare")."""
    lowered = text.lower().replace("’", "'")
    first_sentence = re.split(r"[.?!]", lowered, maxsplit=1)[0]
    if ANY_NEGATION.intersection(re.findall(r"[\w']+", first_sentence)):
        return False  # "no, don't delete my data", "nein, bitte nichts löschen", "non cancellare"
    if mentions_phrase(lowered, CALLING_OFF_WORDS):
        return False
    if intent in YES_INTENTS:
        return True
    return intent == "stop" and _STRICT_YES.match(lowered) is not None
