"""Yes or no to "does this provider do that work?" ("Could a call centre run our emergency line?", "Il call
center gestisce anche le e-mail?", "Übernimmt ein BPO die Dateneingabe?") and to "is this language served?"
("Geht Türkisch in Albanien?"). The reply then opens with the verdict before the passages that explain it.
Plain Python over the glossary's terms, tested directly.

What each provider does follows the facts: a call center does customer-facing (front-office) work by phone
only (A3, A12); a BPO does front- and back-office work over every channel (A2, A4, A5, A12), though not
every BPO offers both sides; the languages served are A15's. "Only" before an office asks whether that is
all the provider does: yes for a call center and the front office ("Is it true that call centers only handle
front-office work?"), no for the back office or a BPO. Only a plain question gets a verdict: one about
price, quality or pay that mentions the work ("does it cost a lot if a call center does customer service?"),
one with "every", a negation, any other "only", a choice or both offices ("do all BPOs handle chat?", "is
it true that a call center does not handle e-mail?", "is a call center front or back office?") and one on a
topic that is not about what the providers do get none.
"""

from __future__ import annotations

import re

from knowledge.glossary import Term
from knowledge.languages import (
    ADDRESS_WORDS,
    DISJUNCTIONS,
    NEGATION_CUES,
    ONLY_WORDS,
    OPEN_QUESTION_WORDS,
    QUANTIFIERS,
    VERDICT_OPENINGS,
    WORK_VERBS,
)
from knowledge.recommender import FRONT_OFFICE, PHONE
from knowledge.text_analysis import asking_sentences, asks_without_its_mark
from knowledge.work_description import mentions_phrase

BPO = "bpo"
PROVIDER_KIND = "outsourcing_type"
WORK_TERM_KINDS = ("service", "channel", "office")
# The topics whose answers tell what the providers do and which languages they speak: a verdict opens only
# their replies (a salary or price answer to "do call centers pay well for customer service?" gets none).
WORK_TOPICS = frozenset(
    {"services", "service_office", "front_back_office", "channels", "what_is_bpo", "what_is_call_center",
     "bpo_vs_call_center", "service_models", "reasons_to_outsource", "customer_base"}
)  # fmt: skip
LANGUAGE_TOPICS = frozenset({"languages"})
# Words at most of a question that names only languages and asks whether they are served ("Even Chinese?").
SHORT_LANGUAGE_CHECK = 4


def does_the_work(
    text: str, language: str, terms: tuple[Term, ...], topic: str, told_before: tuple[Term, ...] = ()
) -> bool | None:
    """True or False when the text asks plainly whether the one provider it names does the work it names, or
    whether the languages it names are served; None when it asks something else. `terms` are those of the
    asking sentence; `told_before` those of the context before it, which a question that names no term of
    a kind refers to ("We use a call center for our hotline. Could they also do our bookkeeping?",
    "Support auf Deutsch und Türkisch. Geht das in Albanien?"), unless it asks us ("Can you ...?")."""
    if not asks_yes_or_no(text, language) and not asks_for_languages_alone(text, language, terms):
        return None
    if not addresses_us(asking_sentences(text), language):
        terms = (*terms, *(term for term in told_before if term.kind not in {t.kind for t in terms}))
    work = [term for term in terms if term.kind in WORK_TERM_KINDS]
    languages = [term for term in terms if term.kind == "language"]
    if languages and not all(term.served for term in languages):
        return None  # a language off the list is checked case by case, as its answer says
    if languages and not work:
        return True if topic in LANGUAGE_TOPICS else None
    providers = {term.key for term in terms if term.kind == PROVIDER_KIND}
    if len(providers) != 1 or not work or topic not in WORK_TOPICS:
        return None
    asked = asking_sentences(text)
    offices = [term for term in work if term.kind == "office"]
    if len(offices) > 1 or (len(work) > 1 and _says(asked, language, DISJUNCTIONS)):
        return None  # a choice or both: "is a call center front or back office?", "does a BPO do both?"
    if _says(asked, language, ONLY_WORDS):
        return only_verdict(asked, language, providers, work)
    return providers == {BPO} or all(covered_by_a_call_center(term) for term in work)


def only_verdict(asked: str, language: str, providers: set[str], work: list[Term]) -> bool | None:
    """ "Do call centers only handle front-office work?" asks whether that office is all the provider
    does: yes for a call center and the front office (A3, A12), no for a BPO or the back office. An "only"
    elsewhere ("just to check, ...", "only by phone", "do only call centers ...?") gets no verdict."""
    words = "|".join(map(re.escape, ONLY_WORDS.get(language, ())))
    before_an_office = re.search(rf"\b(?:{words})\W+(?:\w+\W+){{0,2}}(?:front|back)[\s-]?office", asked, re.I)
    if not before_an_office or len(work) != 1 or work[0].kind != "office":
        return None
    return providers != {BPO} and work[0].key == FRONT_OFFICE


def asks_yes_or_no(text: str, language: str) -> bool:
    """A question (with its mark, or "I wonder whether ...") about doing work, asking for no figure, reason
    or comparison, and with no "every" or negation that turns the answer around."""
    asked = asking_sentences(text)
    if "?" not in asked and not asks_without_its_mark(text):
        return False
    words = {language: WORK_VERBS.get(language, ())}
    blockers = {
        language: (
            *OPEN_QUESTION_WORDS.get(language, ()),
            *QUANTIFIERS.get(language, ()),
            *NEGATION_CUES.get(language, ()),
        )
    }
    return mentions_phrase(asked, words) and not mentions_phrase(asked, blockers)


def asks_for_languages_alone(text: str, language: str, terms: tuple[Term, ...]) -> bool:
    """ "Even Chinese?", "Auch Türkisch?", "Anche il greco?": a language or two and a word or two, asked
    after the languages served, checks whether those are served too."""
    asked = asking_sentences(text)
    named = bool(terms) and all(term.kind == "language" for term in terms)
    if not named or "?" not in asked or len(asked.split()) > SHORT_LANGUAGE_CHECK:
        return False
    # "Why German?", "English or German?", "Only English?", "Not German?" ask something else.
    blockers = (OPEN_QUESTION_WORDS, NEGATION_CUES, ONLY_WORDS, DISJUNCTIONS)
    return not any(_says(asked, language, words) for words in blockers)


def addresses_us(asked: str, language: str) -> bool:
    """ "Can you ...", "potete ...", "könnt ihr / können Sie ...": the provider asked about is us."""
    return _says(asked, language, ADDRESS_WORDS)


def _says(text: str, language: str, words: dict[str, tuple[str, ...]]) -> bool:
    return mentions_phrase(text, {language: words.get(language, ())})


def covered_by_a_call_center(term: Term) -> bool:
    if term.kind == "channel":
        return term.key == PHONE
    if term.kind == "office":
        return term.key == FRONT_OFFICE
    return term.broader == FRONT_OFFICE


def with_verdict(text: str, verdict: bool | None, language: str) -> str:
    """The reply opening with "Yes." or "No.", unless it already opens with a yes or a no of its own."""
    if verdict is None or language not in VERDICT_OPENINGS:
        return text
    own = {opening.rstrip(".").lower() for opening in VERDICT_OPENINGS[language]}
    first = re.match(r"\W*(\w+)", text)
    if first and first.group(1).lower() in own:
        return text
    return f"{VERDICT_OPENINGS[language][0 if verdict else 1]} {text}"
