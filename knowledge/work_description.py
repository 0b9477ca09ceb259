"""How a prospect's description of their work reads around the glossary terms it names.

Text rules over the phrase lists of knowledge.work_words (no Rasa), used by the prospect form:
- work named but kept in house ("die Abrechnung macht unsere Verwaltung");
- a channel negated after it, where German puts the verb last ("per Mail nehmen wir das nicht an");
- work named only as the subject of customers' questions ("billing questions", "Fragen zur Abrechnung");
- work that names the prospect's trade ("we're a logistics company");
- whether the description talks to customers, or says it is only that;
- German compounds whose last part is a glossary word ("Honorarrechnungen": invoices).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from knowledge.languages import ANY_NEGATION, CLAUSE_BREAKS, ONLY_WORDS
from knowledge.text_analysis import PUNCTUATION_BREAK, cue_ends_near
from knowledge.work_words import (
    ARTICLES,
    BARE_NO,
    COMPANY_NOUNS,
    COMPANY_OF,
    COMPOUND_PREFIXES,
    COMPOUNDING_LANGUAGES,
    CUSTOMER_CONTACT,
    FRONT_OFFICE_ONLY,
    INTENSIFIERS,
    KEPT_IN_HOUSE,
    KEPT_UNTIL_NOW,
    NEGATION_AFTER,
    NOT_COMPOUND_HEADS,
    PRODUCT_FOR,
    PRODUCT_OWNERS,
    PROVIDER_OF,
    QUESTION_NOUNS,
    RESUMING_PRONOUNS,
    SELF_DESCRIPTION,
    TRAILING_FILLERS,
)

WORDS = re.compile(r"[\w'’-]+")
# Of the words before a term, only these last few say it is kept: "die Buchhaltung machen wir selbst und die
# Gehaltsabrechnung lagern wir aus" keeps the first and not the second.
KEPT_WINDOW_BEFORE = 4
# "Fragen zur Betriebskostenabrechnung", "questions about our billing": the question noun this close before.
ASKED_WINDOW_BEFORE = 3
# "We're a small logistics company": at most an article and an adjective between the prospect's words about
# their company and the term.
SELF_GAP = 2
# "Lager, Versand und Buchhaltung": the items of a list are this short.
MAX_LIST_ITEM_WORDS = 3
INDEFINITE_ARTICLES = frozenset({"a", "an", "un", "una", "uno", "un'", "ein", "eine", "einen"})
JOINING_WORDS = frozenset({"and", "or", "plus", "e", "ed", "o", "und", "oder", "sowie"})
# "Nicht mehr" is "no longer" ("schaffen wir nicht mehr"), "nicht hinterher" not keeping up: a need, not a
# refusal. Nor is a clause that says the work is too much ("die Anrufe schaffen wir nicht").
NOT_NEGATING_AFTER = frozenset({"mehr", "hinterher", "nach", "allein", "alleine"})
OVERLOAD_WORDS = frozenset({"schaffen", "schafft", "hinterher", "überlastet", "ueberlastet"})
# A compound's last part must be a word of its own (six letters at least) after a real first part.
MIN_COMPOUND_HEAD = 6
MIN_COMPOUND_MODIFIER = 3


def _clause_before(before: str, language: str) -> list[str]:
    words = WORDS.findall(PUNCTUATION_BREAK.split(before.lower())[-1])
    breaks = CLAUSE_BREAKS.get(language, ())
    last_break = max((i for i, word in enumerate(words) if word in breaks), default=-1)
    return words[last_break + 1 :]


def _clause_after(after: str, language: str) -> list[str]:
    words = WORDS.findall(PUNCTUATION_BREAK.split(after.lower())[0])
    breaks = CLAUSE_BREAKS.get(language, ())
    return words[: next((i for i, word in enumerate(words) if word in breaks), len(words))]


def _has_phrase(words: list[str], phrases: tuple[str, ...]) -> bool:
    padded = f" {' '.join(word for word in words if word not in INTENSIFIERS)} "
    return any(f" {phrase} " in padded for phrase in phrases)


def is_kept_in_house(before: str, after: str, language: str) -> bool:
    """Whether the term's clause keeps the work: "billing stays with us", "la contabilità la facciamo noi",
    "die Prüfung machen wir selbst im Lager". The clause ends at punctuation or "but"; before the term only
    its last few words count, back to an "and" ("reception stays with us and payroll goes out")."""
    cues = KEPT_IN_HOUSE.get(language, ())
    if _has_phrase(WORDS.findall(_rest_of_sentence(after).lower()), KEPT_UNTIL_NOW.get(language, ())):
        return False  # "... machen wir noch selbst, wollen sie aber auslagern"
    # Words that only stress ("li gestisce già il nostro") do not count towards the window.
    stated = [word for word in _clause_before(before, language) if word not in INTENSIFIERS]
    window = stated[-KEPT_WINDOW_BEFORE:]
    joined_at = max((i for i, word in enumerate(window) if word in JOINING_WORDS), default=-1)
    if _has_phrase(window[joined_at + 1 :], cues) or _has_phrase(_clause_after(after, language), cues):
        return True
    return _kept_list_item(before, after, language, cues)


def _rest_of_sentence(after: str) -> str:
    """The text after a term up to the end of its sentence (a comma does not end it)."""
    return re.split(r"[.;:!?]", after, maxsplit=1)[0]


def _kept_list_item(before: str, after: str, language: str, cues: tuple[str, ...]) -> bool:
    """A term that opens a list the sentence keeps: "Lager, Versand und Buchhaltung machen wir selbst",
    "Le pratiche vere e proprie, volture, contabilità, le facciamo noi". Only a list of short items joined by
    "and", or taken up by a pronoun, counts: not "Kundenservice, die Buchhaltung machen wir selbst",
    "Customer service, but billing we handle internally" or "Wir brauchen Kundenservice, und ...", which
    hand the first term over."""
    if len(_clause_before(before, language)) > 1:  # at most an article before the list
        return False
    own_words, *segments = _rest_of_sentence(after).split(",")
    # The term's own words ("vere e proprie") only in a list a pronoun takes up: "Kundenservice brauchen
    # wir, Buchhaltung und Lohn machen wir selbst" hands the customer service over.
    has_own_words = bool(WORDS.findall(own_words))
    breaks = CLAUSE_BREAKS.get(language, ())
    for index, segment in enumerate([own_words, *segments]):
        words = WORDS.findall(segment.lower())
        if breaks and set(words).intersection(breaks):
            return False
        if index and _has_phrase(words, cues):
            if _resumes_the_list(words, language, cues):
                return True
            return not has_own_words and bool(JOINING_WORDS.intersection(words[1:]))  # "Versand und ..."
        if len(words) > MAX_LIST_ITEM_WORDS:
            return False
    return False


def _resumes_the_list(words: list[str], language: str, cues: tuple[str, ...]) -> bool:
    """ "das machen wir selbst", "le facciamo noi": a pronoun, then the words that keep (in Italian the
    pronoun is part of them); not "die Buchhaltung machen wir selbst", which names other work."""
    text = f" {' '.join(words)} "
    for pronoun in RESUMING_PRONOUNS.get(language, ()):
        if text.startswith(f" {pronoun} "):
            rest = text[len(pronoun) + 1 :]
            if any(text.startswith(f" {cue} ") or rest.startswith(f" {cue} ") for cue in cues):
                return True
    return False


def is_refused_by_a_bare_no(after: str, language: str) -> bool:
    """Whether the clause after a term is just a no, maybe after "and so on": "Buchhaltung und so weiter
    nicht, nur die Hotline", "contabilità no". Work said no to this way is not work to hand over."""
    clause = PUNCTUATION_BREAK.split(after.lower())[0]
    if after[len(clause) : len(clause) + 1] == "?":
        return False  # "Buchhaltung oder nicht?" asks
    words = WORDS.findall(clause)
    fillers = TRAILING_FILLERS.get(language, ())
    return bool(words) and words[-1] in BARE_NO.get(language, ()) and all(w in fillers for w in words[:-1])


def is_negated_after(after: str, language: str) -> bool:
    """Whether the rest of the clause says no to the term: "per Mail oder Chat nehmen wir Störungen nicht
    an", or is a bare no ("telefono no"). Not "nicht nur" (not only), "nicht mehr" (no longer) or
    "schaffen wir nicht" (too much work)."""
    # Cut at punctuation only: "nur" breaks a clause, and "nicht nur" must still be seen.
    words = WORDS.findall(PUNCTUATION_BREAK.split(after.lower())[0])
    if len(words) == 1 and words[0] in BARE_NO.get(language, ()):
        return True  # "email e chat, telefono no"
    if OVERLOAD_WORDS.intersection(words):
        return False
    cues, exceptions = NEGATION_AFTER.get(language, ()), {*ONLY_WORDS.get(language, ()), *NOT_NEGATING_AFTER}
    for index, word in enumerate(words):
        if word in CLAUSE_BREAKS.get(language, ()) and (index == 0 or words[index - 1] not in cues):
            return False  # "..., aber nicht per Chat": the next clause is another term's
        if word in cues and (index + 1 >= len(words) or words[index + 1] not in exceptions):
            return True
    return False


def describes_the_company(before: str, after: str, language: str) -> bool:
    """Whether the term says what the prospect's own company is ("we're a small logistics company", "siamo
    una ditta di trasporti", "wir sind eine Spedition") or what their product does ("eine Software zur
    Dienstplanung"): their trade, not work they hand over. Not "we're
    looking for a logistics company" or "we need an accounting firm", which ask for the work."""
    window = _clause_before(before, language)
    product = window[:-1] if window and window[-1] in ARTICLES else window  # "per la contabilità"
    owned = any(word in PRODUCT_OWNERS.get(language, ()) for word in product[:-2])
    if owned and _has_phrase(product[-2:], PRODUCT_FOR.get(language, ())):
        return True  # what their product does: "wir bieten eine Software zur Dienstplanung an"
    if _of_the_trade(window, language) or _of_the_trade(product, language, provider_only=True):
        return True  # "wir sind ein Softwareanbieter für Praxisverwaltung", "siamo un operatore di fibra"
    company_of = _has_phrase(window[-2:], COMPANY_OF.get(language, ()))  # "una ditta di": two words more
    if not cue_ends_near(window, SELF_DESCRIPTION.get(language, ()), SELF_GAP + 2 * company_of):
        return False
    following = _clause_after(after, language)[:1]
    if following and following[0] in PROVIDER_OF.get(language, ((), ()))[1]:
        return True  # "siamo un operatore di fibra e telefonia", "we're an operator of ..."
    return company_of or bool(following and following[0] in COMPANY_NOUNS.get(language, ()))


def _of_the_trade(words: list[str], language: str, provider_only: bool = False) -> bool:
    """The term is what a self-described company is or provides "of": "siamo un operatore di fibra e
    telefonia", "we're a leading provider of payroll software", "wir sind ein Softwareanbieter für
    Praxisverwaltung" (not "we are looking for payroll and ...", "siamo senza un fornitore di contabilità").
    An article comes right before the noun; before a provider noun ("Anbieter", "fornitore") naming the term
    itself, one adjective may come between. `provider_only`: only a provider noun right before the term."""
    nouns, prepositions = PROVIDER_OF.get(language, ((), ()))
    at = max((i for i, word in enumerate(words) if word in prepositions), default=None)
    if at is None or at < 2:
        return False
    items = words[at + 1 :]
    provider = not items and words[at - 1].endswith(nouns)
    if provider_only and not provider:
        return False
    if items and (items[-1] not in JOINING_WORDS or len(items) > MAX_LIST_ITEM_WORDS + 1):
        return False
    head = words[: at - 1]  # the words before the noun
    if head[-1] in INDEFINITE_ARTICLES:
        head = head[:-1]
    elif provider and len(head) > 1 and head[-2] in INDEFINITE_ARTICLES:
        head = head[:-2]
    else:
        return False
    return cue_ends_near(head, SELF_DESCRIPTION.get(language, ()), 0)


def is_asked_about(before: str, after: str, language: str) -> bool:
    """Whether the work is named as what customers ask about ("login and billing questions", "Fragen zur
    Betriebskostenabrechnung", "domande sulla fatturazione"), not as work to hand over."""
    nouns = QUESTION_NOUNS.get(language, ())
    following = _clause_after(after, language)[:1]
    if following and following[0] in nouns:
        return True
    window = _clause_before(before, language)[-ASKED_WINDOW_BEFORE:]
    asked_at = max((i for i, word in enumerate(window) if word in nouns), default=None)
    return asked_at is not None and not JOINING_WORDS.intersection(window[asked_at + 1 :])


def mentions_phrase(text: str, phrases: Mapping[str, tuple[str, ...]]) -> bool:
    """Whether the text uses one of the phrases as whole words, in any language (a short answer may have
    been taken for another language)."""
    return phrase_position(text, phrases) is not None


def phrase_position(text: str, phrases: Mapping[str, tuple[str, ...]]) -> int | None:
    """Where the text first uses one of the phrases as whole words, in any language, or None."""
    match = _phrase_pattern(phrases).search(text.lower())
    return match.start() if match else None


def unnegated_phrase_position(text: str, phrases: Mapping[str, tuple[str, ...]]) -> int | None:
    """Where the text first uses one of the phrases with no negation in the two words before it: "es geht
    nicht nur um interne Abläufe" does not say the work is internal."""
    lowered = text.lower()
    for match in _phrase_pattern(phrases).finditer(lowered):
        if not ANY_NEGATION.intersection(WORDS.findall(lowered[: match.start()])[-2:]):
            return match.start()
    return None


def _phrase_pattern(phrases: Mapping[str, tuple[str, ...]]) -> re.Pattern[str]:
    listed = [phrase for language_phrases in phrases.values() for phrase in language_phrases]
    return re.compile(rf"\b({'|'.join(map(re.escape, listed))})\b")


def without_intensifiers(text: str) -> str:
    """The text's words without those that only stress ("bleibt komplett bei" reads "bleibt bei")."""
    return " ".join(word for word in WORDS.findall(text.lower()) if word not in INTENSIFIERS)


def describes_customer_contact(text: str) -> bool:
    """ "When a client has an accident they call us", "Anfragen von Mietern beantworten"."""
    return mentions_phrase(text, CUSTOMER_CONTACT)


def says_front_office_only(text: str) -> bool:
    """ "Only talking to users, nothing internal", "reine Kundenkommunikation"; not "nicht nur
    Kundenkontakt, sondern auch die Buchhaltung"."""
    for match in _phrase_pattern(FRONT_OFFICE_ONLY).finditer(text.lower()):
        preceding = WORDS.findall(text[: match.start()].lower())[-1:]
        if not ANY_NEGATION.intersection(preceding):
            return True
    return False


def compound_heads(text: str, language: str, surfaces: Mapping[str, str]) -> Iterator[tuple[str, int, int]]:
    """(term key, start, end) of each compound word ending in a one-word glossary surface.

    `surfaces` maps lower-case one-word surface forms to term keys. "Honorarrechnungen" ends in
    "rechnungen" (invoicing); the longest ending wins, and a word that is a surface itself is left to the
    entity ruler.
    """
    if language not in COMPOUNDING_LANGUAGES:
        return
    prefixes, false_heads = COMPOUND_PREFIXES.get(language, ()), NOT_COMPOUND_HEADS.get(language, ())
    for match in re.finditer(r"\w+", text):
        word = match.group().lower()
        if word in surfaces:
            continue
        for cut in range(MIN_COMPOUND_MODIFIER, len(word) - MIN_COMPOUND_HEAD + 1):
            key = surfaces.get(word[cut:])
            if key is None:
                continue
            # The longest ending decides: "Aus-lagerung" is a derived word, not a kind of storage.
            if word[cut:] not in false_heads and not word[:cut].endswith(prefixes):
                yield key, match.start(), match.end()
            break
