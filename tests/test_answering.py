"""The reply leads with what was asked: passage ranking and carry-over, over the real content (comparisons:
tests/test_comparisons.py)."""

from __future__ import annotations

import pytest

from knowledge.answering import Answerer
from knowledge.loader import load
from knowledge.queries import KnowledgeBase
from knowledge.question import Question
from tests.questions import ask
from tests.test_loader import edit

# ------------------------------------------------------- the answer to the question, not the topic


def test_a_question_about_today_leads_with_today_not_with_the_history(qa):
    reply = ask(qa, "is BPO still mostly about factories today?", [("ask_history", 0.8)], ["bpo"])
    assert "A7" in reply.passages[0].facts
    assert "highly qualified" in reply.passages[0].text


def test_a_one_word_question_gets_its_topic_only(qa):
    # "cost-driven" history shares the word: it has nothing to add to the price models.
    reply = ask(qa, "costs?", [("ask_pricing", 0.9)])
    assert reply.topic == "pricing" and {p.topic for p in reply.passages} == {"pricing"}
    assert "cost-driven" not in reply.text


def test_two_questions_in_one_get_a_passage_for_each(qa):
    text = "My niece has no experience. Would a call center job suit her, and what are the hours like?"
    reply = ask(qa, text, [("ask_skills", 0.8)], ["call center"])
    assert reply.topic == "skills" and "entry-level" in reply.text
    assert "flexible hours" in reply.text  # from the pay topic: its facts are shown already, not its hours


def test_subjects_with_answers_of_their_own_get_the_answer_about_both(qa):
    text = "Who is more qualified, a call center agent or a BPO employee, and who earns more?"
    reply = ask(qa, text, [("ask_salaries", 0.95)], ["call center agent", "BPO"])
    assert reply.passages[0].facts == ("A17",) and "more qualified" in reply.text


def test_subjects_of_different_kinds_keep_the_first_ones_answer(qa):
    # BPO (a type) and back office (an office): the BPO's answer, which says not every BPO offers both.
    text = "Tutti i BPO offrono sia front che back office?"
    reply = ask(qa, text, [("ask_services", 0.8)], ["BPO", "back office"], language="it")
    assert "Non tutti i BPO" in reply.text


def test_why_a_skill_matters_leads_with_the_reason_not_the_list(qa):
    reply = ask(qa, "Why would agents need emotional intelligence?", [("ask_skills", 0.9)], ["agents"])
    first = reply.passages[0].text.lower()
    assert "emotional intelligence" in first or "soft skills" in first
    assert "satisfaction" in first


def test_the_same_in_italian(qa):
    reply = ask(
        qa, "perché agli operatori serve l'intelligenza emotiva?", [("ask_skills", 0.9)],
        ["operatori"], language="it",
    )  # fmt: skip
    assert reply.language == "it"
    assert "soddisf" in reply.passages[0].text.lower()


def test_a_general_question_gets_the_whole_answer_in_order(qa):
    reply = ask(qa, "what is BPO?", [("ask_what_is_bpo", 0.95)], ["bpo"])
    assert [p.position for p in reply.passages] == list(range(len(reply.passages)))
    assert len(reply.passages) >= 3


def test_an_unsure_classifier_lets_the_words_pick_among_the_top_topics(qa):
    intents = [("ask_history", 0.34), ("ask_salaries", 0.31), ("ask_skills", 0.2)]
    reply = ask(qa, "how much money do call center agents make a month?", intents, ["call center"])
    assert reply.topic == "salaries"


def test_a_confident_intent_is_not_overruled_by_words(qa):
    reply = ask(qa, "what is the history of salaries?", [("ask_history", 0.9), ("ask_salaries", 0.05)])
    assert reply.topic == "history"


def test_dated_figures_carry_their_source(qa):
    reply = ask(qa, "how much do agents earn in Albania?", [("ask_salaries", 0.9)], ["agents"])
    assert any(source.year for source in reply.sources)
    assert all(p.facts for p in reply.passages)


# ------------------------------------------------------------------------------- carry-over


def test_a_new_question_without_subject_keeps_the_previous_subject(qa):
    reply = ask(
        qa, "and what do people there earn?", [("followup_other", 0.6), ("ask_salaries", 0.3)],
        previous_topic="what_is_bpo", previous_subject="bpo",
    )  # fmt: skip
    assert (reply.topic, reply.subject) == ("salaries", "bpo")
    assert "BPO" in reply.text


def test_a_follow_up_naming_a_term_of_another_kind_asks_a_new_question_about_the_same_subject(qa):
    # Working hours are no new subject for the skills question: a question about call-center jobs.
    reply = ask(
        qa, "und wie schaut's mit den Arbeitszeiten aus?", [("followup_other", 0.99)], ["Arbeitszeiten"],
        language="de", previous_topic="skills", previous_subject="call_center",
    )  # fmt: skip
    assert (reply.topic, reply.subject) == ("salaries", "call_center")
    assert "flexiblen Arbeitszeiten" in reply.passages[0].text
    # A term of the previous subject's kind is the same question about a new subject.
    same = ask(
        qa, "and for BPO?", [("followup_other", 0.99)], ["BPO"],
        previous_topic="skills", previous_subject="call_center",
    )  # fmt: skip
    assert (same.topic, same.subject) == ("skills", "bpo")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [("Und das andere?", "de", "Kundendienst"), ("and what about the other one?", "en", "customer service"),
     ("e l'altro?", "it", "servizio clienti")],
)  # fmt: skip
def test_the_other_one_asks_the_same_question_about_the_other_of_the_pair(qa, text, language, expected):
    # After "what belongs to the back office?": the front office's tasks, not a sentence that puts the
    # front office into the front office, nor the languages the word "other" brings up.
    reply = ask(qa, text, [("followup_other", 1.0)], language=language,
                previous_topic="service_office", previous_subject="back_office")  # fmt: skip
    assert (reply.topic, reply.subject) == ("service_office", "front_office")
    assert expected in reply.passages[0].text and "{term}" not in reply.text
    other_words = ask(qa, "and the other languages?", [("followup_other", 1.0)],
                      previous_topic="service_office", previous_subject="back_office")  # fmt: skip
    assert other_words.subject != "front_office"


def test_a_new_question_naming_its_own_subject_does_not_carry_the_previous_one(qa):
    reply = ask(
        qa, "Which services belong to the back office?", [("ask_services", 0.9)], ["back office"],
        previous_topic="channels", previous_subject="call_center",
    )  # fmt: skip
    assert reply.subject == "back_office" and "payroll" in reply.text


def test_carry_over_in_italian(qa):
    reply = ask(
        qa, "e gli stipendi?", [("ask_salaries", 0.7)], language="it",
        previous_topic="skills", previous_subject="call_center",
    )  # fmt: skip
    assert (reply.topic, reply.subject, reply.language) == ("salaries", "call_center", "it")
    assert "call center" in reply.text


@pytest.mark.parametrize(("text", "language"), [("why?", "en"), ("perché?", "it"), ("warum?", "de")])
def test_a_question_word_alone_asks_about_the_topic_just_told(qa, text, language):
    reply = ask(qa, text, [("followup_other", 0.7)], language=language, previous_topic="nearshore")
    assert reply.topic == "nearshore"


def test_what_about_training_keeps_the_subject(qa):
    reply = ask(
        qa, "what about training?", [("ask_training", 0.8)],
        previous_topic="what_is_call_center", previous_subject="call_center",
    )  # fmt: skip
    assert (reply.topic, reply.subject) == ("training", "call_center")


@pytest.mark.parametrize(
    ("text", "intents", "previous_topic", "language", "expected"),
    [
        # Pointing back at the employment figures, not asking about salaries.
        ("was it ever higher?", [("out_of_scope", 0.7), ("ask_salaries", 0.1)], "albania_market", "en",
         "25,000"),
        ("e a quei tempi le aziende erano più numerose?",
         [("ask_albania_market", 0.3), ("ask_salaries", 0.3)], "albania_market", "it", "848"),
        # "Damals" points back at the history just told; the classifier heard a skills question.
        ("war das damals anders?", [("ask_skills", 0.5)], "history", "de", "Ausland"),
        # "Which one" of the models just listed.
        ("and which one covers both?", [("followup_other", 0.6), ("ask_front_back_office", 0.3)],
         "service_models", "en", "Full BPO"),
    ],
)  # fmt: skip
def test_a_short_follow_up_that_points_back_stays_on_the_topic(
    qa, text, intents, previous_topic, language, expected
):
    reply = ask(qa, text, intents, language=language, previous_topic=previous_topic)
    assert reply.topic == previous_topic and expected in reply.passages[0].text


def test_a_new_subject_without_question_keeps_the_previous_question(qa):
    reply = ask(
        qa, "and for call centers?", [("followup_other", 0.9)], ["call centers"],
        previous_topic="what_is_bpo", previous_subject="bpo",
    )  # fmt: skip
    assert reply.topic == "what_is_call_center"


def test_no_knowledge_intent_and_nothing_before_gives_no_reply(qa):
    assert ask(qa, "and?", [("followup_other", 0.9)]) is None


def off_topic(answerer: Answerer, text: str, language: str = "en", terms=()):
    """What the fallback action gets back for a message the classifier took for off-topic."""
    named = tuple(answerer.kb.resolve_term(surface, language) for surface in terms)
    question = Question(text, language, (("out_of_scope", 0.9),), named)
    return answerer.reply(question, words_must_match=True)


@pytest.mark.parametrize(
    "language, text",
    [
        ("en", "what is the capital of France?"),  # shaped like "what is BPO?"
        ("en", "do you like football?"),  # shaped like "what do you offer?"
        ("it", "che ore sono?"),
        ("de", "was ist die Hauptstadt von Frankreich?"),
    ],
)
def test_an_off_topic_message_shaped_like_a_question_gets_no_knowledge_answer(qa, language, text):
    assert off_topic(qa, text, language) is None


def test_an_off_topic_guess_that_continues_the_topic_is_still_answered(qa):
    question = Question(
        "e oggi com'è la situazione?", "it", (("out_of_scope", 0.6),), previous_topic="history"
    )
    reply = qa.reply(question, words_must_match=True)
    assert reply is not None and reply.topic == "history" and "oggi" in reply.passages[0].text.lower()


def test_a_need_with_a_language_question_gets_the_answer_written_for_that_language(qa):
    # The form opens on "we'd need support in Polish, is that possible?"; its question still gets the answer
    # for languages not served, though its words alone match no passage strongly.
    polish = qa.kb.resolve_term("polacco", "it")
    intents = (("request_recommendation", 0.53), ("ask_languages", 0.40))
    question = Question("Ci servirebbe supporto in polacco, si può fare?", "it", intents, (polish,))
    reply = qa.reply(question, words_must_match=True)
    assert reply is not None and reply.topic == "languages" and "polacco" in reply.text.lower()
    # The classifier hardly saw a language question and no language is named: nothing to answer (with
    # "polacco" named the words alone decide; they fit the languages' answer at about the threshold).
    hardly = (("request_recommendation", 0.9), ("ask_languages", 0.05))
    unsure = Question("Ci servirebbe una mano, si può fare?", "it", hardly)
    assert qa.reply(unsure, words_must_match=True) is None


def test_a_need_the_classifier_nearly_took_for_a_question_gets_that_answer(qa):
    # It opens the form (a recommendation 0.52) but asks why outsource (0.47): both get their answer.
    intents = (("request_recommendation", 0.52), ("ask_reasons_to_outsource", 0.47))
    text = "vorremmo tagliare i costi del customer care, conviene esternalizzare?"
    care = qa.kb.resolve_term("customer care", "it")
    reply = qa.reply(Question(text, "it", intents, (care,)), words_must_match=True)
    assert reply is not None and reply.topic == "reasons_to_outsource" and "costi" in reply.text
    # Rasa's own 0.25 for nlu_fallback is no confidence to be near: an off-topic message stays unanswered.
    guessed = (("nlu_fallback", 0.25), ("ask_services", 0.18))
    assert qa.reply(Question("do you like football?", "en", guessed), words_must_match=True) is None


def test_an_off_topic_guess_that_names_the_content_is_still_answered(qa):
    reply = off_topic(qa, "are call center working hours flexible?", terms=["call center", "working hours"])
    assert reply is not None and "flexible" in reply.text


# ------------------------------------------------------- content edits reach the ranking at once


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_editing_keywords_changes_the_reply_without_retraining(session_factory, content_copy):
    load(session_factory, content_copy)
    answerer = Answerer(KnowledgeBase(session_factory))
    question = "tell me about zebras"
    before = ask(answerer, question, [("ask_kpis", 0.9)])
    edit(content_copy / "market.yml", "en: [service level, 80/20,", "en: [zebras, service level, 80/20,")
    load(session_factory, content_copy)
    after = ask(answerer, question, [("ask_kpis", 0.9)])
    assert "zebras" in after.passages[0].keywords
    assert after.passages[0] != before.passages[0]


def test_a_message_that_opens_like_a_follow_up_keeps_the_previous_topic_in_the_running(qa):
    reply = ask(
        qa, "e nel 2015 quanti erano?", [("ask_salaries", 0.6), ("ask_albania_market", 0.2)],
        language="it", previous_topic="albania_market",
    )  # fmt: skip
    assert reply.topic == "albania_market" and "25.000" in reply.text


def test_a_passage_of_another_candidate_topic_that_fits_as_well_joins_the_reply(qa):
    # The classifier says "services"; 24/7 as a reason to outsource lives in another topic, which the words
    # make a candidate. Its passage fits the question about as well and adds a fact, so it is in the reply.
    reply = ask(
        qa, "can a call centre be open 24/7 or only office hours?",
        [("ask_services", 0.77), ("ask_reasons_to_outsource", 0.16)], ["call centre"],
    )  # fmt: skip
    topics = [p.topic for p in reply.passages]
    assert topics[0] == reply.topic and "reasons_to_outsource" in topics[1:]
    assert "24/7" in reply.text
    # Only passages that add a fact join: no passage repeats what the reply already shows.
    texts = [p.text for p in reply.passages]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize(
    ("language", "text", "term", "named"),
    [
        ("en", "Do you have agents who speak Dutch?", "dutch", "Dutch"),
        ("it", "Ci servirebbe supporto in polacco, si può fare?", "polacco", "polacco"),
        ("de", "Geht auch Schwedisch?", "schwedisch", "Schwedisch"),
    ],
)
def test_a_language_not_on_the_list_is_named_and_not_promised(qa, language, text, term, named):
    reply = ask(qa, text, [("ask_languages", 0.9)], [term], language=language)
    first = reply.passages[0].text
    assert first.startswith(named) or f"({named})" in first
    assert {"en": "case by case", "it": "caso per caso", "de": "Einzelfall"}[language] in first
    # The article's list comes with it, so the visitor sees what is covered.
    assert {"en": "Chinese", "it": "cinese", "de": "Chinesisch"}[language] in first


def test_a_language_on_the_list_gets_the_list(qa):
    reply = ask(qa, "Do you speak German?", [("ask_languages", 0.9)], ["german"])
    assert reply.passages[0].text.startswith("Call centers in Albania work in English")


def test_what_a_term_means_is_ranked_by_the_term_not_by_the_words_for_meaning(qa):
    # "cosa vuol dire" is in many example questions (nearshore explains three terms): the subject decides.
    reply = ask(
        qa, "e il modello per FTE cosa vuol dire?", [("followup_other", 0.87), ("ask_pricing", 0.11)],
        language="it", previous_topic="kpis",
    )  # fmt: skip
    assert reply.passages[0].topic == "pricing" and "FTE" in reply.passages[0].text


def test_context_before_the_question_brings_in_no_other_topic(qa):
    # "Albania" and "Italian customers" fit the Italian call-center law; the question is about the agents.
    text = (
        "We're thinking about hiring call center agents in Albania for our Italian customers. "
        "What profile would those people have?"
    )
    reply = ask(qa, text, [("ask_skills", 0.75), ("ask_italian_law", 0.25)], ["agents", "italian"])
    assert reply.topic == "skills"
    assert "italian_law" not in [p.topic for p in reply.passages]
    # Asked on its own, the law is what the visitor gets.
    law = ask(qa, "Does the Italian law apply to Albanian call centers serving Italian customers?",
              [("ask_italian_law", 0.9)], ["italian"])  # fmt: skip
    assert law.topic == "italian_law"
