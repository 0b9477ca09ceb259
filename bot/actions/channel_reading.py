"""How an answer reads about customer channels: whether the work involves customers at all, which
channels are the only ones, and "no customer contact" in answer to "which channels?" (for
bot.actions.prospect)."""

from __future__ import annotations

import re

from rasa_sdk import Tracker

from bot.actions.common import current_language, knowledge_base, named_terms
from bot.actions.form_reading import (
    RICH_DESCRIPTION,
    VAGUE_PROCESSES,
    answer_text,
    message_text,
    said_in_the_question,
)
from knowledge.contact_words import CONTACT_STAYS, HANDOVER_WORDS, INTERNAL_ONLY, NONE_OPENINGS
from knowledge.languages import ANY_NEGATION, CONTRAST_WORDS, ONLY_WORDS
from knowledge.work_description import (
    describes_customer_contact,
    is_asked_about,
    mentions_phrase,
    phrase_position,
    unnegated_phrase_position,
    without_intensifiers,
)


def talks_to_customers(tracker: Tracker) -> bool:
    """The work described is customer contact, in words the glossary may not know: "they call us",
    "Anfragen von Mietern beantworten", or work named as what customers ask about ("billing questions")."""
    if describes_customer_contact(answer_text(tracker)):
        return True
    language = current_language(tracker)
    return any(
        is_asked_about(named.before, named.after, language)
        for named in named_terms(tracker, knowledge_base(), ("service",))
        if not said_in_the_question(tracker, len(named.before))
    )


def may_involve_customers(tracker: Tracker) -> bool:
    """Internal-sounding work that may still have customers, so the channels question is asked: a vague
    term ("our claims") or a long description in which the glossary found only internal work ("pet owners
    get in touch to report a claim ... then behind the scenes: keying the vet invoices"). Not when the
    prospect said there are none, nor for a short "payroll and accounting"."""
    if says_internal_only(tracker):
        return False
    processes = tracker.get_slot("processes") or []
    described = tracker.get_slot("processes_text") or ""
    return any(key in VAGUE_PROCESSES for key in processes) or len(described.split()) > RICH_DESCRIPTION


def says_internal_only(tracker: Tracker) -> bool:
    """The prospect said the work involves no customers ("no customer contact", "tutto interno"), in the
    description of the work or just now."""
    said = f"{tracker.get_slot('processes_text') or ''} {message_text(tracker)}"
    return unnegated_phrase_position(said, INTERNAL_ONLY) is not None


def only_channels(tracker: Tracker) -> set[str] | None:
    """The channels of an answer whose first sentence says they are the only ones ("Just phone. We have an
    email address for claims but our own team handles that"), or None when it does not say so. Channels
    named after the only-word are the ones when a no takes back those before ("we thought of e-mail, but
    no: strictly a telephone line"); otherwise all of the first sentence's ("Phone only, please")."""
    text = message_text(tracker)
    first_sentence = re.split(r"[.!?;]", text, maxsplit=1)[0]
    only_at = _only_word_position(first_sentence, ONLY_WORDS.get(current_language(tracker), ()))
    if only_at is None:
        return None
    named = [
        n for n in named_terms(tracker, knowledge_base(), ("channel",)) if len(n.before) < len(first_sentence)
    ]
    after = {n.term.key for n in named if len(n.before) > only_at}
    before = [n for n in named if len(n.before) < only_at]
    if after and before and _takes_back(first_sentence[len(before[-1].before) : only_at]):
        return after  # "we thought of e-mail, but no: strictly a telephone line"
    return {n.term.key for n in named} or None


def _takes_back(between: str) -> bool:
    """Words between channels and the only-word that take the first ones back ("..., but on reflection no:
    ...", "..., aber nein: ..."): a negation, not an "and" ("phone and e-mail, and just a little chat")."""
    return bool(ANY_NEGATION.intersection(re.findall(r"[\w']+", between.lower())))


def _only_word_position(sentence: str, only_words: tuple[str, ...]) -> int | None:
    """Where an only-word stands that no negation comes right before ("Not only phone: also chat" lists
    more); punctuation counts as a word, so in "Keine, nur Telefon" the "nur" follows a comma, not the no."""
    tokens = list(re.finditer(r"[\w']+|[,;:–-]", sentence.lower()))
    for index, token in enumerate(tokens):
        negated = index > 0 and tokens[index - 1].group() in ANY_NEGATION
        if token.group() in only_words and not negated:
            return token.start()
    return None


def opens_with_none(text: str) -> bool:
    """ "Keine, es gibt keinerlei Kontakt zu Mandanten.", "None. Our staff e-mail the files": a none first."""
    words = "|".join(re.escape(word) for words in NONE_OPENINGS.values() for word in words)
    return re.match(rf"\s*({words})\s*([,.;:!–-]|$)", text.lower()) is not None


def hands_over(between: str) -> bool:
    """ "..., a voi daremmo", "but you'd take", "Sie sollen": the channels after these words go to us."""
    return mentions_phrase(between, HANDOVER_WORDS) or mentions_phrase(between, CONTRAST_WORDS)


def says_no_customer_channels(tracker: Tracker) -> bool:
    """In answer to "which channels?": no customer contact, before any channel is named ("no customer
    channels, you'd work with our office by internal mail"). Not "phone and chat for customers; the
    accounting has no customer contact", where the no is about the other part of the work."""
    text = message_text(tracker)
    if mentions_phrase(without_intensifiers(text), CONTACT_STAYS):
        # "... by phone and e-mail, but that contact stays with our own staff", "con i clienti parliamo noi,
        # al banco e al telefono"; not "..., a voi daremmo la chat": those channels are handed over.
        stays_at = phrase_position(text, CONTACT_STAYS) or 0
        channels = named_terms(tracker, knowledge_base(), ("channel",))
        return not any(hands_over(text[stays_at : len(named.before)]) for named in channels)
    if opens_with_none(text):
        return only_channels(tracker) is None  # "Nothing, just phone." names the one channel
    said_at = unnegated_phrase_position(text, INTERNAL_ONLY)
    if said_at is None:
        return False
    channels = named_terms(tracker, knowledge_base(), ("channel",))
    return not any(len(named.before) < said_at for named in channels)
