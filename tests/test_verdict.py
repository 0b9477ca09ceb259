"""Yes or no to "does this provider do that work?", from the glossary's terms, and the reply that opens
with it."""

from __future__ import annotations

import pytest

from knowledge.answering import Answerer
from knowledge.question import Question
from knowledge.verdict import does_the_work, with_verdict


def terms(kb, language: str, *surfaces: str):
    resolved = tuple(kb.resolve_term(surface, language) for surface in surfaces)
    assert all(resolved), f"test setup: unknown glossary term in {surfaces}"
    return resolved


@pytest.mark.parametrize(
    ("text", "language", "surfaces", "verdict"),
    [("Could a call centre run an emergency line for our roadside assistance business?", "en",
      ("call centre", "emergency line"), True),
     ("Is appointment setting something a call center does?", "en", ("appointment setting", "call center"),
      True),
     ("Can a call center handle our customer e-mails too?", "en", ("call center", "e-mail"), False),
     ("Is data entry the sort of thing a BPO would take on, or is it too small a job?", "en",
      ("data entry", "BPO"), True),
     ("Il call center fa anche le vendite?", "it", ("call center", "vendite"), True),
     ("Un call center può gestire le buste paga?", "it", ("call center", "buste paga"), False),
     ("Übernimmt ein BPO auch die Dateneingabe?", "de", ("BPO", "Dateneingabe"), True),
     ("Kann ein Callcenter unseren Chat betreuen?", "de", ("Callcenter", "Chat"), False),
     ("Do Albanian call centers speak French?", "en", ("call centers", "French"), True),
     ("Support auf Deutsch und Türkisch: geht das in Albanien?", "de", ("Deutsch", "Türkisch"), True),
     ("Even Chinese?", "en", ("Chinese",), True),
     ("Anche il greco?", "it", ("greco",), True),
     ("Und Türkisch?", "de", ("Türkisch",), True)],
)  # fmt: skip
def test_a_question_whether_a_provider_does_the_work_gets_its_verdict(
    project_kb, text, language, surfaces, verdict
):
    topic = (
        "languages" if verdict and surfaces[-1] in ("French", "Türkisch", "Chinese", "greco") else "services"
    )
    assert does_the_work(text, language, terms(project_kb, language, *surfaces), topic) is verdict


@pytest.mark.parametrize(
    ("text", "language", "surfaces"),
    [  # a choice between the providers, an open question, a comparison, no work named
        ("Call center or BPO for our sales line?", "en", ("call center", "BPO", "sales")),
        ("Which channels does a call center handle besides the phone?", "en", ("call center", "phone")),
        (
            "Is a call center cheaper than an in-house team for customer service?",
            "en",
            ("call center", "customer service"),
        ),
        (
            "Quali servizi fa un call center oltre all'assistenza clienti?",
            "it",
            ("call center", "assistenza clienti"),
        ),
        ("Was macht ein Callcenter?", "de", ("Callcenter",)),
        # a language off the list is checked case by case, not refused, with or without work
        ("Do Albanian call centers speak Portuguese?", "en", ("call centers", "Portuguese")),
        (
            "Can a call center do customer service in Portuguese?",
            "en",
            ("call center", "customer service", "Portuguese"),
        ),
        # "every" and negations turn the answer around; a choice between two kinds of work asks which
        ("Do all BPOs handle customer chat?", "en", ("BPOs", "chat")),
        ("Bietet jedes BPO auch Kundenservice an?", "de", ("BPO", "Kundenservice")),
        ("Is it true that a call center does not handle e-mail?", "en", ("call center", "e-mail")),
        ("Stimmt es, dass ein Callcenter keine Buchhaltung macht?", "de", ("Callcenter", "Buchhaltung")),
        (
            "Does a call center do front office or back office?",
            "en",
            ("call center", "front office", "back office"),
        ),
        # a comparison, a figure
        (
            "Un call center fa il servizio clienti meglio del nostro team?",
            "it",
            ("call center", "servizio clienti"),
        ),
        (
            "Wieviel kostet es, wenn ein Callcenter den Kundenservice übernimmt?",
            "de",
            ("Callcenter", "Kundenservice"),
        ),
        # a statement, not a question
        ("We want a call center to handle our payroll.", "en", ("call center", "payroll")),
    ],
)
def test_a_question_that_asks_no_plain_yes_or_no_gets_no_verdict(project_kb, text, language, surfaces):
    assert does_the_work(text, language, terms(project_kb, language, *surfaces), "services") is None


@pytest.mark.parametrize(
    ("text", "language", "surfaces", "verdict"),
    [("Is it true that call centers only handle front-office work?", "en", ("call centers", "front-office"),
      True),
     ("Un call center fa solo front office?", "it", ("call center", "front office"), True),
     ("Macht ein BPO nur Back-Office?", "de", ("BPO", "Back-Office"), False),
     # any other "only" gets none: a filler, the channel, the provider, a single service
     ("Just to check, does a BPO do back-office work?", "en", ("BPO", "back-office"), None),
     ("Does a call center handle customer service only by phone?", "en",
      ("call center", "customer service", "phone"), None),
     ("Do only call centers handle phone calls?", "en", ("call centers", "phone calls"), None),
     ("Does a call center only do customer service?", "en", ("call center", "customer service"), None),
     # both offices: not every BPO offers both (A12)
     ("Does a BPO do both front office and back office?", "en", ("BPO", "front office", "back office"),
      None)],
)  # fmt: skip
def test_only_before_an_office_asks_whether_that_is_all_the_provider_does(
    project_kb, text, language, surfaces, verdict
):
    assert does_the_work(text, language, terms(project_kb, language, *surfaces), "services") is verdict


@pytest.mark.parametrize(
    ("text", "topic"),
    [("Does it cost a lot if a call center does our customer service?", "pricing"),
     ("Do call centers pay agents well for customer service?", "salaries"),
     ("Is the quality good if a call center handles our customer service?", "kpis")],
)  # fmt: skip
def test_a_question_answered_from_another_topic_than_the_work_gets_no_verdict(project_kb, text, topic):
    found = terms(project_kb, "en", "call center", "customer service")
    assert does_the_work(text, "en", found, topic) is None


def test_the_verdict_opens_the_reply_once():
    assert with_verdict("A call center works by phone only.", False, "en").startswith("No. A call")
    assert with_verdict("Sì, certo.", True, "it") == "Sì, certo."
    assert with_verdict("Ein Callcenter ...", True, "de").startswith("Ja. ")
    assert with_verdict("Text", None, "en") == "Text"
    # A reply with a yes or no of its own keeps it; a word that only begins like one does not count.
    assert with_verdict("Yes: staff are trained first.", False, "en") == "Yes: staff are trained first."
    assert with_verdict("Non tutti i BPO offrono il front office.", True, "it").startswith("Sì. Non tutti")
    assert with_verdict("Nowadays BPO is a strategy.", True, "en").startswith("Yes. Nowadays")


def test_the_reply_to_a_yes_or_no_question_opens_with_its_verdict(project_answerer: Answerer):
    kb = project_answerer.kb
    for text, language, surfaces, opening in [
        ("Is appointment setting something a call center does?", "en", ("appointment setting", "call center"),
         "Yes."),
        ("Un call center può gestire anche la chat?", "it", ("call center", "chat"), "No."),
        ("Übernimmt ein BPO auch die Gehaltsabrechnung?", "de", ("BPO", "Gehaltsabrechnung"), "Ja."),
    ]:  # fmt: skip
        question = Question(text, language, (("ask_services", 0.9),), terms(kb, language, *surfaces))
        reply = project_answerer.reply(question)
        assert reply.text.startswith(opening), reply.text


def test_a_question_naming_no_provider_or_language_refers_to_those_told_before(project_kb):
    said = terms(project_kb, "en", "call center", "hotline")
    text = "We already use a call center for our hotline. Could they also do our bookkeeping?"
    asked = terms(project_kb, "en", "bookkeeping")
    assert does_the_work(text, "en", asked, "services", said) is False
    text = "Wir brauchen Support auf Deutsch und Türkisch. Geht das in Albanien?"
    told = terms(project_kb, "de", "Deutsch", "Türkisch")
    assert does_the_work(text, "de", (), "languages", told) is True
    # Asked of us, it is about us, not about the call center told of.
    text = "We run a call center in Tirana. Can you take over our payroll?"
    assert does_the_work(text, "en", terms(project_kb, "en", "payroll"), "services", said[:1]) is None


def test_the_verdict_reads_the_asking_sentence_only(project_answerer: Answerer):
    # The call center told of first is the visitor's own; the question names no provider.
    kb = project_answerer.kb
    text = "We run a call center in Tirana. Can you take over our payroll?"
    question = Question(text, "en", (("ask_services", 0.9),), terms(kb, "en", "call center", "payroll"),
                        asked_terms=terms(kb, "en", "payroll"))  # fmt: skip
    assert not project_answerer.reply(question).text.startswith(("Yes.", "No."))


@pytest.mark.parametrize(
    ("text", "language", "surfaces"),
    [("Why German?", "en", ("German",)), ("English or German?", "en", ("English", "German")),
     ("Only English?", "en", ("English",)), ("Inglese o tedesco?", "it", ("inglese", "tedesco")),
     ("Warum Deutsch?", "de", ("Deutsch",))],
)  # fmt: skip
def test_a_short_language_question_that_asks_something_else_gets_no_verdict(
    project_kb, text, language, surfaces
):
    assert does_the_work(text, language, terms(project_kb, language, *surfaces), "languages") is None
