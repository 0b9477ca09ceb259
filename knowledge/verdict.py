"""Yes or no to "does this provider do that work?" ("Could a call centre run our emergency line?", "Il call
center gestisce anche le e-mail?", "Übernimmt ein BPO die Dateneingabe?") and to "is this language served?"
("Geht Türkisch in Albanien?"). The reply then opens with the verdict before the passages that explain it.
Plain Python over the glossary's terms, tested directly.

What each provider does follows the facts: a call center does customer-facing (front-office) work by phone
only (A12); a BPO does front- and back-office work over every channel (A3, A10-A12; that not every BPO offers
both sides is the passage's to say).
"""

from __future__ import annotations

from knowledge.glossary import Term
from knowledge.languages import OPEN_QUESTION_WORDS, VERDICT_OPENINGS, WORK_VERBS
from knowledge.recommender import BACK_OFFICE, FRONT_OFFICE, PHONE
from knowledge.text_analysis import asking_sentences
from knowledge.work_description import mentions_phrase

CALL_CENTER, BPO = "call_center", "bpo"
PROVIDER_KIND = "outsourcing_type"
OFFICES = (FRONT_OFFICE, BACK_OFFICE)


def does_the_work(text: str, language: str, terms: tuple[Term, ...]) -> bool | None:
    """True or False when the text asks whether the one provider it names does the work it names; None when
    it asks something else ("which channels does a call center use?", "call center or BPO for sales?")."""
    providers = {term.key for term in terms if term.kind == PROVIDER_KIND}
    work = [term for term in terms if term.kind in ("service", "channel")]
    languages = [term for term in terms if term.kind == "language"]
    if not asks_yes_or_no(text, language):
        return None
    if languages and not work:
        # "Do Albanian call centers do French?", "Deutsch und Türkisch, geht das in Albanien?" (B3). A
        # language off the list is no "no": it has to be checked case by case, as its answer says.
        return True if all(term.served for term in languages) else None
    if len(providers) != 1 or not work:
        return None
    if providers == {BPO}:
        return True if all(covered_by_a_bpo(term) for term in work) else None
    return all(covered_by_a_call_center(term) for term in work)


def asks_yes_or_no(text: str, language: str) -> bool:
    """A question about doing work that asks for no choice, figure or reason."""
    asked = asking_sentences(text)
    return mentions_phrase(asked, {language: WORK_VERBS.get(language, ())}) and not mentions_phrase(
        asked, {language: OPEN_QUESTION_WORDS.get(language, ())}
    )


def covered_by_a_call_center(term: Term) -> bool:
    if term.kind == "channel":
        return term.key == PHONE
    return term.broader == FRONT_OFFICE


def covered_by_a_bpo(term: Term) -> bool:
    """Every channel and office; not work outside them (manufacturing is where BPO began, not what it is)."""
    return term.kind == "channel" or term.broader in OFFICES


def with_verdict(text: str, verdict: bool | None, language: str) -> str:
    """The reply opening with "Yes." or "No.", unless it already says so."""
    if verdict is None or language not in VERDICT_OPENINGS:
        return text
    opening = VERDICT_OPENINGS[language][0 if verdict else 1]
    if text.lower().startswith(opening.lower().rstrip(".")):
        return text
    return f"{opening} {text}"
