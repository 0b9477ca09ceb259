"""Custom actions driven with rasa_sdk trackers, as the action server would run them."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import OperationalError

from bot.actions.answers import (
    ActionAnswerExamples,
    ActionAnswerFollowup,
    ActionAnswerOrFallback,
    ActionAnswerQuestion,
    ActionSmallTalk,
)
from bot.actions.language import ActionDetectLanguage, ActionSessionStart, ActionSwitchLanguage


def tracker(
    text: str,
    intent: str,
    entities: list[dict[str, Any]] | None = None,
    metadata: dict | None = None,
    active_loop: str | None = None,
    confidence: float = 0.99,
    **slots: Any,
) -> Tracker:
    """A tracker whose latest message is `text`, classified as `intent`, with spaCy-ruler style entities."""
    located = []
    for entity in entities or []:
        start = text.lower().find(entity["value"].lower())
        located.append({**entity, "start": start, "end": start + len(entity["value"])})
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": located}
    if metadata is not None:
        latest["metadata"] = metadata
    loop = {"name": active_loop} if active_loop else None
    return Tracker("test-user", {"language": "en", **slots}, latest, [], False, None, loop, "action_listen")


def run(action, tracker_: Tracker, domain: dict | None = None) -> tuple[list[dict], list]:
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker_, domain or {})
    return dispatcher.messages, events


def texts(messages: list[dict]) -> list[str]:
    return [m["text"] for m in messages if m.get("text")]


def responses(messages: list[dict]) -> list[str]:
    return [m["response"] for m in messages if m.get("response")]


def test_service_question_in_italian_gets_the_specific_answer_in_italian(action_kb):
    messages, events = run(
        ActionAnswerQuestion(),
        tracker(
            "le buste paga sono front o back office?",
            "ask_service_office",
            [{"entity": "service", "value": "buste paga"}, {"entity": "office", "value": "back office"}],
            language="it",
        ),
    )
    answer = texts(messages)[0]
    assert "buste paga" in answer and "back office" in answer
    assert "clienti" in answer  # Italian text, not the English one
    assert SlotSet("last_topic", "service_office") in events
    assert SlotSet("last_term", "back_office") in events


def test_same_question_in_english_gets_the_same_specific_answer(action_kb):
    messages, _ = run(
        ActionAnswerQuestion(),
        tracker("is payroll back office?", "ask_service_office", [{"entity": "service", "value": "payroll"}]),
    )
    answer = texts(messages)[0]
    assert "payroll belongs to the internal functions" in answer and "back office" in answer
    assert "utter_answer_next_step" in responses(messages)


def test_next_step_offers_related_questions_as_buttons(action_kb):
    messages, _ = run(ActionAnswerQuestion(), tracker("what skills do agents need", "ask_skills"))
    next_step = next(m for m in messages if m.get("response") == "utter_answer_next_step")
    assert next_step["buttons"]
    assert all(b["payload"].startswith("/ask_") for b in next_step["buttons"])


def test_dated_figures_come_with_their_source_and_year(action_kb):
    messages, _ = run(ActionAnswerQuestion(), tracker("how much do agents earn?", "ask_salaries"))
    assert "2019" in texts(messages)[0] and "2025" in texts(messages)[0]
    sources = next(m for m in messages if m.get("response") == "utter_sources")
    assert "2025" in sources["sources"] and "2019" in sources["sources"]


def test_a_german_answer_names_its_sources_in_german(action_kb):
    question = tracker("Wie viel verdient man im Callcenter in Albanien?", "ask_salaries", language="de")
    messages, _ = run(ActionAnswerQuestion(), question)
    sources = next(m for m in messages if m.get("response") == "utter_sources")
    assert "Bruttomonatslohn" in sources["sources"] and "average" not in sources["sources"]


def test_follow_up_answers_the_last_question_about_the_new_subject(action_kb):
    first, events = run(
        ActionAnswerQuestion(),
        tracker(
            "what skills do call center agents need?",
            "ask_skills",
            [{"entity": "outsourcing_type", "value": "call center"}],
        ),
    )
    assert "emotional intelligence" in texts(first)[0]
    slots = {e["name"]: e["value"] for e in events}
    follow_up, _ = run(
        ActionAnswerFollowup(),
        tracker("and for BPO?", "followup_other", [{"entity": "outsourcing_type", "value": "BPO"}], **slots),
    )
    assert "degree" in texts(follow_up)[0]


def test_follow_up_about_the_other_subject_moves_to_its_topic_in_the_users_language(action_kb):
    _, events = run(
        ActionAnswerQuestion(),
        tracker(
            "cos'è il BPO?",
            "ask_what_is_bpo",
            [{"entity": "outsourcing_type", "value": "BPO"}],
            language="it",
        ),
    )
    slots = {e["name"]: e["value"] for e in events}
    entities = [{"entity": "outsourcing_type", "value": "call center"}]
    follow_up, events = run(
        ActionAnswerFollowup(),
        tracker("e per i call center?", "followup_other", entities, **{**slots, "language": "it"}),
    )
    assert "esclusivamente di front office" in texts(follow_up)[0]
    # The conversation now is about call centers: "give me examples" lists call-center work.
    assert SlotSet("last_topic", "what_is_call_center") in events


def test_examples_follow_the_previous_answer(action_kb):
    _, events = run(
        ActionAnswerQuestion(),
        tracker(
            "what is back office?", "ask_front_back_office", [{"entity": "office", "value": "back office"}]
        ),
    )
    slots = {e["name"]: e["value"] for e in events}
    messages, _ = run(ActionAnswerExamples(), tracker("give me examples", "ask_examples", **slots))
    assert "payroll" in texts(messages)[0].lower()


def test_an_examples_request_that_names_its_subject_gets_the_answer_when_there_are_no_examples(action_kb):
    entities = [{"entity": "language", "value": "arabo"}, {"entity": "language", "value": "cinese"}]
    message = tracker(
        "anche roba più esotica tipo arabo o cinese?", "ask_examples", entities, language="it",
        last_topic="languages",
    )  # fmt: skip
    messages, _ = run(ActionAnswerExamples(), message)
    assert "arabo" in texts(messages)[0] and "cinese" in texts(messages)[0]


def test_which_ones_after_an_answer_without_examples_gets_that_answer_in_short(action_kb):
    message = tracker("which ones exactly?", "ask_examples", last_topic="languages")
    messages, events = run(ActionAnswerExamples(), message)
    assert responses(messages)[0] == "utter_no_examples_in_short"
    whole = action_kb.answer("languages", "en", None).passages
    assert len(whole) > 2 and texts(messages)[0] == " ".join(p.text for p in whole[:2])
    assert "German" in texts(messages)[0] and SlotSet("last_topic", "languages") in events


def test_an_examples_request_with_nothing_to_go_on_says_so(action_kb):
    messages, _ = run(ActionAnswerExamples(), tracker("examples please", "ask_examples"))
    assert responses(messages) == ["utter_no_examples"]


def test_an_examples_request_with_nothing_before_gets_the_answer_to_its_own_words(action_kb):
    text = "What sort of work actually counts as BPO? Give me a few examples."
    entities = [{"entity": "outsourcing_type", "value": "BPO"}]
    messages, _ = run(ActionAnswerExamples(), tracker(text, "ask_examples", entities))
    assert "payroll" in texts(messages)[0].lower() and "utter_no_examples" not in responses(messages)


def test_a_term_set_aside_is_not_the_subject_of_the_question(action_kb):
    text = "Apart from answering phones, what kind of work do BPO firms take on? A few examples pls."
    entities = [{"entity": "channel", "value": "phones"}, {"entity": "outsourcing_type", "value": "BPO"}]
    messages, events = run(ActionAnswerQuestion(), tracker(text, "ask_services", entities))
    assert "accounting" in texts(messages)[0] and SlotSet("last_term", "bpo") in events


def test_a_term_named_only_for_comparison_keeps_the_previous_subject(action_kb):
    text = "und werden die da auch erst eingearbeitet wie im Callcenter?"
    entities = [{"entity": "outsourcing_type", "value": "Callcenter"}]
    message = tracker(text, "ask_training", entities, language="de", last_topic="skills", last_term="bpo")
    messages, events = run(ActionAnswerQuestion(), message)
    assert "mitbringen" in texts(messages)[0] and SlotSet("last_term", "bpo") in events


def test_a_cue_that_means_separate_sets_no_subject_aside(action_kb):
    # "a parte" here means "separate": both sides stay the subject of the question.
    text = "Il call center è un servizio a parte rispetto al BPO?"
    entities = [{"entity": "outsourcing_type", "value": v} for v in ("call center", "BPO")]
    message = tracker(text, "ask_bpo_vs_call_center", entities, language="it")
    messages, _ = run(ActionAnswerQuestion(), message)
    assert "sottocategoria" in texts(messages)[0]


def test_follow_up_without_a_previous_question_asks_what_to_know(action_kb):
    messages, events = run(
        ActionAnswerFollowup(),
        tracker("and for BPO?", "followup_other", [{"entity": "outsourcing_type", "value": "BPO"}]),
    )
    assert responses(messages) == ["utter_no_previous_topic"] and events == []


def test_an_unsure_bot_challenge_that_asks_about_the_knowledge_gets_the_answer(action_kb):
    # A follow-up after "is BPO only for big companies?", read as "are you a bot?" with little confidence.
    message = tracker(
        "anche se siamo una piccola startup?", "bot_challenge", confidence=0.46, language="it",
        last_topic="reasons_to_outsource", last_term="bpo",
    )  # fmt: skip
    messages, events = run(ActionSmallTalk(), message)
    assert "startup" in texts(messages)[0] and responses(messages) != ["utter_iamabot"]
    assert SlotSet("last_topic", "reasons_to_outsource") in events


def test_a_follow_up_taken_for_help_right_after_an_answer_gets_the_answer(action_kb):
    message = tracker("e oggi cosa è cambiato?", "help", confidence=0.73, language="it",
                      last_topic="history", last_term="bpo")  # fmt: skip
    messages, events = run(ActionSmallTalk(), message)
    assert responses(messages) != ["utter_help"] and "oggi" in texts(messages)[0].lower()
    assert SlotSet("last_topic", "history") in events
    # Without a topic just talked about it is a request for help.
    messages, _ = run(ActionSmallTalk(), tracker("e cosa sai fare?", "help", confidence=0.9, language="it"))
    assert responses(messages) == ["utter_help"]


@pytest.mark.parametrize(
    ("text", "intent", "confidence", "response"),
    [
        ("are you a real person?", "bot_challenge", 0.95, "utter_iamabot"),
        ("are you a bot or not", "bot_challenge", 0.45, "utter_iamabot"),  # unsure, but no knowledge words
        ("what can you do?", "help", 0.40, "utter_help"),
    ],
)
def test_small_talk_gets_its_response(action_kb, text, intent, confidence, response):
    messages, events = run(ActionSmallTalk(), tracker(text, intent, confidence=confidence))
    assert responses(messages) == [response] and events == []


def test_unreachable_database_gets_an_apology(action_kb, monkeypatch):
    def broken(*_args, **_kwargs):
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr(action_kb, "answer", broken)
    monkeypatch.setattr(action_kb, "content_digest", broken)  # the first query of every reply
    messages, events = run(ActionAnswerQuestion(), tracker("what is bpo", "ask_what_is_bpo"))
    assert responses(messages) == ["utter_knowledge_unavailable"] and events == []


@pytest.mark.parametrize(
    ("text", "intent", "entities", "current", "expected"),
    [
        ("cos'è il back office?", "ask_front_back_office", [], "en", "it"),
        ("what is BPO?", "ask_what_is_bpo", [], "it", "en"),
        ("ok", "affirm", [], "it", None),  # too short to tell: keep Italian
        ("BPO?", "ask_what_is_bpo", [], "it", None),
        ("/ask_what_is_bpo", "ask_what_is_bpo", [], "it", None),  # a button payload
        ("in English please", "switch_language", [{"entity": "language", "value": "English"}], "it", "en"),
        ("parla italiano", "switch_language", [{"entity": "language", "value": "italiano"}], "en", "it"),
        ("speak Italian please", "switch_language", [{"entity": "language", "value": "Italian"}], "en", "it"),
        ("Was ist BPO?", "ask_what_is_bpo", [], "en", "de"),  # "was" is English too, "ist" German only
        ("bitte auf Deutsch", "switch_language", [{"entity": "language", "value": "Deutsch"}], "it", "de"),
        ("grazie", "thanks", [], "de", "it"),
        ("24/7", "inform", [], "de", None),  # nothing to tell: stays German
    ],
)
def test_language_follows_the_message(action_kb, text, intent, entities, current, expected):
    _, events = run(ActionDetectLanguage(), tracker(text, intent, entities, language=current))
    assert events == ([SlotSet("language", expected)] if expected else [])


def test_a_first_message_trusts_a_likely_guess(action_kb):
    first = tracker("Was misst CSAT?", "ask_kpis")  # no earlier visitor message, no function word
    assert run(ActionDetectLanguage(), first)[1] == [SlotSet("language", "de")]


def test_client_metadata_decides_when_the_text_does_not(action_kb):
    _, events = run(ActionDetectLanguage(), tracker("ok", "affirm", metadata={"language": "it"}))
    assert events == [SlotSet("language", "it")]
    _, events = run(ActionDetectLanguage(), tracker("ok", "affirm", metadata={"language": "xx"}))
    assert events == []


def test_unsupported_language_request_is_answered_honestly(action_kb):
    messages, _ = run(
        ActionSwitchLanguage(),
        tracker(
            "parli francese?", "switch_language", [{"entity": "language", "value": "francese"}], language="it"
        ),
    )
    assert messages[0]["response"] == "utter_language_unsupported"
    assert messages[0]["requested_language"] == "francese"


def test_session_start_takes_the_language_from_metadata(action_kb):
    start = Tracker(
        "web-user",
        {"language": "en", "session_started_metadata": {"language": "it"}},
        {},
        [],
        False,
        None,
        None,
        None,
    )
    _, events = run(ActionSessionStart(), start)
    assert isinstance(events[0], dict) and events[0] == SessionStarted()
    assert events[-2] == SlotSet("language", "it")


def test_a_language_name_answers_the_forms_language_question_instead_of_switching(action_kb):
    answer = tracker(
        "Italian",
        "switch_language",
        [{"entity": "language", "value": "Italian"}],
        active_loop="prospect_form",
        requested_slot="languages",
    )
    _, events = run(ActionDetectLanguage(), answer)
    assert events == []  # the chat stays in English
    messages, events = run(ActionSwitchLanguage(), answer)
    assert messages == [] and events == [SlotSet("languages", ["italian"])]


def test_names_given_to_the_form_do_not_switch_the_language(action_kb):
    answer = tracker("Rossi Srl", "inform", active_loop="prospect_form", requested_slot="company")
    assert run(ActionDetectLanguage(), answer)[1] == []
    assert run(ActionDetectLanguage(), tracker("Rossi Srl e basta, grazie mille", "inform"))[1] == [
        SlotSet("language", "it")
    ]


def test_an_opening_made_only_of_german_terms_is_german_and_shared_terms_say_nothing(action_kb):
    entities = [
        {"entity": "service", "value": "Kundenservice"}, {"entity": "hours", "value": "rund um die Uhr"}
    ]  # fmt: skip
    german = tracker("Kundenservice rund um die Uhr", "inform", entities, language=None)
    assert run(ActionDetectLanguage(), german)[1] == [SlotSet("language", "de")]
    shared = tracker("BPO 24/7", "inform", [{"entity": "outsourcing_type", "value": "BPO"},
                     {"entity": "hours", "value": "24/7"}], language=None)  # fmt: skip
    assert run(ActionDetectLanguage(), shared)[1] == []


def test_a_need_taken_for_a_question_starts_the_form(action_kb):
    text = "Wir möchten unseren Kundenservice per Telefon und Chat auslagern"
    entities = [{"entity": "service", "value": "Kundenservice"}, {"entity": "channel", "value": "Chat"}]
    _, events = run(ActionAnswerQuestion(), tracker(text, "ask_channels", entities, confidence=0.63))
    assert events == [FollowupAction("prospect_form")]
    sure = tracker("tell me about customer service outsourcing", "ask_services",
                   [{"entity": "service", "value": "customer service"}], confidence=0.95)  # fmt: skip
    messages, _ = run(ActionAnswerQuestion(), sure)
    assert texts(messages)  # a confident question is answered


GERMAN_24_7 = [
    {"entity": "service", "value": "Kundenservice"},
    {"entity": "hours", "value": "rund um die Uhr"},
]


def test_a_question_taken_for_an_answer_outside_the_form_gets_the_knowledge_answer(action_kb):
    text = "Geht ausgelagerter Kundenservice auch rund um die Uhr, also nachts?"
    messages, _ = run(ActionAnswerOrFallback(), tracker(text, "inform", GERMAN_24_7, language="de"))
    assert "24/7" in texts(messages)[0] and "utter_ask_rephrase" not in responses(messages)


def test_work_named_as_a_lone_answer_outside_the_form_starts_it_unless_refused(action_kb):
    need = tracker("Kundenservice rund um die Uhr, auf Deutsch", "inform", GERMAN_24_7, language="de")
    assert run(ActionAnswerOrFallback(), need)[1] == [FollowupAction("prospect_form")]
    refused = tracker(
        "no customer service, thanks", "inform", [{"entity": "service", "value": "customer service"}]
    )
    assert FollowupAction("prospect_form") not in run(ActionAnswerOrFallback(), refused)[1]


def test_a_lone_answer_that_fits_nothing_is_met_with_a_request_to_rephrase(action_kb):
    nonsense = tracker("purple elephants dancing", "inform")
    assert responses(run(ActionAnswerOrFallback(), nonsense)[0]) == ["utter_ask_rephrase"]
