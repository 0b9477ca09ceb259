"""How a visitor's message reads as an answer to the prospect form.

An answer or a question of its own, the opening request, a correction that adds to what was said, the work a
description implies: what the form's extraction (bot.actions.prospect) asks of each message.
"""

from __future__ import annotations

from rasa_sdk import Tracker

from bot.actions.common import current_language, form_asks_for, knowledge_base, named_terms
from bot.actions.form_slots import NEEDS_SLOTS
from knowledge.confirmation import leaves_it_open
from knowledge.confirmation import opens_with_yes as yes_opening
from knowledge.languages import (
    ADDITIVE_WORDS,
    CORRECTION_WORDS,
    PERSON_REQUEST_WORDS,
)
from knowledge.proper_names import looks_like_a_name
from knowledge.question import words_ask_for_a_model
from knowledge.recommender import split_by_office
from knowledge.text_analysis import (
    asking_sentences,
    asks_indirectly,
    in_asking_sentence,
    opens_like_a_question,
    stated_part,
    unquoted,
)
from knowledge.work_description import (
    mentions_phrase,
    says_front_office_only,
)

# Words an answer states before the visitor's own question, at least: "Payroll and HR admin for our 150 staff.
# Do your people have accounting training?" answers, "Hi. Is payroll back office?" does not.
STATED_ANSWER_WORDS = 4

# The customer-facing process implied when a need names customer channels but no customer-facing service.
IMPLIED_FRONT_OFFICE = "customer_service"
IMPLIED_BACK_OFFICE = "administration"
# Terms that say there is work but not which: "our claims are getting too much" (claims -> administration)
# may be customer contact or internal processing. Named when the form opens, they do not answer "what would
# you like to outsource?": the form still asks, and the answer decides.
VAGUE_PROCESSES = frozenset({IMPLIED_BACK_OFFICE})
# Words beyond which a description of the work says more than the terms found in it.
RICH_DESCRIPTION = 20

# Intents that are not an answer to the form's question (the domain's free-text mappings exclude them too).
NOT_AN_ANSWER = {
    "greet", "goodbye", "thanks", "help", "bot_challenge", "switch_language", "followup_other",
    "ask_examples", "stop", "human_handoff", "delete_my_data", "request_recommendation", "message_too_long",
}  # fmt: skip

# Intents the form leaves to their own rules (help, stop, handoff ...; a language switch that names a
# language: left_to_rules), never a miss.
HANDLED_BY_RULES = {
    "help", "bot_challenge", "stop", "goodbye", "human_handoff", "delete_my_data",
    "ask_examples", "message_too_long",
}  # fmt: skip


# Leaving the form needs a clear intent (and then a confirmation): a doubtful "bye" is just not understood
# ("Ann Lee" came out as goodbye at 0.43: it is the name asked for).
LEAVING = {"stop", "goodbye"}
CLEAR_INTENT = 0.6
SURE_REQUEST = 0.9
# Requests a name may be taken for ("Elena Guidi" as help); never a stop, a goodbye or a handoff.
NAME_LOOKALIKE_INTENTS = {"help", "bot_challenge", "ask_examples"}
# The questions "it doesn't matter" answers ("non importa" came out as stop at 0.99).
NO_PREFERENCE_SLOTS = {"hours", "volume", "timeline"}


def left_to_rules(tracker: Tracker) -> bool:
    """Help, a clear stop or goodbye, handoff ...: requests their own rules answer, never a form answer."""
    intent = intent_of(tracker)
    if intent in LEAVING:
        return confidence_of(tracker) >= CLEAR_INTENT and not says_no_preference(tracker)
    if intent == "switch_language":
        return names_a_language(tracker)  # without one, the form reads the message as its answer
    return intent in HANDLED_BY_RULES


def names_a_language(tracker: Tracker) -> bool:
    return any(entity.get("entity") == "language" for entity in tracker.latest_message.get("entities") or [])


def says_no_preference(tracker: Tracker) -> bool:
    """ "Non importa, basta che entro fine mese sia tutto registrato" to "which hours?": no preference."""
    asked = tracker.get_slot("requested_slot") in NO_PREFERENCE_SLOTS
    return asked and leaves_it_open(message_text(tracker))


def intent_of(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def message_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def asks_knowledge(tracker: Tracker) -> bool:
    intent = intent_of(tracker)
    return intent.startswith("ask_") or intent == "followup_other"


def asks_something(tracker: Tracker) -> bool:
    """A question mark of the visitor's own: not the customers' questions quoted in an answer ("status
    queries (When will the insurer pay? What is missing?)")."""
    return "?" in unquoted(message_text(tracker))


def asks_for_a_model(tracker: Tracker) -> bool:
    """ "Which model fits?", also without a question mark ("mi chiedevo se abbia senso un call center")."""
    return words_ask_for_a_model(message_text(tracker), current_language(tracker))


def asks_for_a_model_in_the_question(tracker: Tracker) -> bool:
    """Which model fits, asked in the sentences that ask: not "We need payroll, not sure which model fits.
    Do your people have accounting training?", whose question is about the training."""
    asking = asking_sentences(message_text(tracker))
    return words_ask_for_a_model(asking, current_language(tracker))


def answers_then_asks(tracker: Tracker) -> bool:
    """An answer stated in sentences of its own, then a question of the visitor's own: the answer is
    read as usual from what is stated, and the question is answered too."""
    stated = stated_part(message_text(tracker))
    return asks_something(tracker) and len(stated.split()) >= STATED_ANSWER_WORDS


def asks_apart(tracker: Tracker) -> bool:
    """An answer, then a question that stands on its own ("... Do your people have accounting training?"):
    the question is answered from its own words. "... someone said a BPO can do that. True?" asks about
    what it said, so the whole message is the question."""
    asking = asking_sentences(message_text(tracker))
    return answers_then_asks(tracker) and len(asking.split()) >= STATED_ANSWER_WORDS


def answer_text(tracker: Tracker) -> str:
    """The message as an answer: without the question that follows a stated answer."""
    return stated_part(message_text(tracker)) if answers_then_asks(tracker) else message_text(tracker)


def said_in_the_question(tracker: Tracker, position: int) -> bool:
    """Whether a word at `position` is part of the visitor's own question ("... Do your people have
    accounting training?"), not of the answer stated before it. A question which model fits names the
    work it is for ("We make e-bikes. If we outsource the hotline and the accounting, what would you
    recommend?")."""
    if not answers_then_asks(tracker) or asks_for_a_model_in_the_question(tracker):
        return False
    return in_asking_sentence(message_text(tracker), position)


def is_question(tracker: Tracker) -> bool:
    """A knowledge question of its own ("is payroll back office?", "mi chiedevo se ..."), not an answer that
    mentions a topic."""
    return asks_knowledge(tracker) and (asks_something(tracker) or asks_indirectly(message_text(tracker)))


def is_answer(tracker: Tracker) -> bool:
    """The message may answer the form: not a question of its own, not a request the rules handle.

    A rich answer that the classifier took for a question ("answering DMs on Instagram plus the support
    mailbox" looks like ask_channels) still answers, as long as it is not phrased as a question.
    """
    if asks_knowledge(tracker):
        return not is_question(tracker)
    return intent_of(tracker) not in NOT_AN_ANSWER


def opens_the_form(tracker: Tracker) -> bool:
    """The request for a recommendation, or the message that opened the form (no question asked yet),
    whatever its intent: a need taken for a question ("document checks and chat support") or for a
    handoff ("cerco agenti per chiamate commerciali") opens it too."""
    if intent_of(tracker) == "request_recommendation":
        return True
    opening = tracker.get_slot("requested_slot") is None
    handoff_for_workers = intent_of(tracker) == "human_handoff" and asks_for_workers(tracker)
    return opening and (intent_of(tracker) not in NOT_AN_ANSWER or handoff_for_workers)


def asks_for_workers(tracker: Tracker) -> bool:
    """ "Cerco agenti per chiamate commerciali" outside the form: agents for work it names, not a person to
    talk to (no word of talking, no person or call back asked for)."""
    if tracker.get_slot("requested_slot") is not None:
        return False  # inside the form, "talk to a person" is a handoff whatever it names
    named = {term.kind for term in (found.term for found in named_terms(tracker, knowledge_base()))}
    asks_a_person = mentions_phrase(message_text(tracker), PERSON_REQUEST_WORDS)
    return {"service", "role"} <= named and not asks_a_person


def states_needs(tracker: Tracker) -> bool:
    """An answer or the opening request: "is payroll back office?" mid-form is a question, not a need."""
    return is_answer(tracker) or opens_the_form(tracker)


def confidence_of(tracker: Tracker) -> float:
    return float((tracker.latest_message.get("intent") or {}).get("confidence") or 0.0)


def answers_asked_slot(tracker: Tracker, slot: str, free_text: bool = False) -> bool:
    """Whatever the intent, a message that is not a question, or states its answer before it asks, is
    first tried as the answer just asked for.

    "8 to 20, Monday to Saturday" came out as a goodbye; in answer to "which hours?" it is the hours. Free
    text answers anything, so there the requests that have rules of their own (help, stop ...) are not one.
    """
    if not form_asks_for(tracker, slot):
        return False
    if is_question(tracker) and not (answers_then_asks(tracker) and slot in NEEDS_SLOTS):
        return False  # a name or an e-mail address is not read out of a question
    if not free_text or not left_to_rules(tracker):
        return True
    # The classifier knows no names ("Elena Guidi" came out as help): a name of two words or more answers,
    # unless the help is sure; "Stop", "Ciao" or "Aiuto" stay requests.
    text = message_text(tracker)
    help_like = intent_of(tracker) in NAME_LOOKALIKE_INTENTS and confidence_of(tracker) < SURE_REQUEST
    return help_like and len(text.split()) >= 2 and looks_like_a_name(text)


def says_any(tracker: Tracker, words: dict[str, tuple[str, ...]]) -> bool:
    """Whether the message uses one of the words as a whole word or phrase, in any language (a short
    "anche tedesco" may not have been recognised as Italian)."""
    return mentions_phrase(message_text(tracker), words)


def is_description(tracker: Tracker) -> bool:
    """A long statement: in answer to the form's question it is an attempt to answer, even when the
    classifier took it for a knowledge topic ("when a client has an accident they call us ..."). Not a
    question typed without its question mark ("tell me how FTE pricing works ...", "wie funktioniert ...")."""
    text = message_text(tracker)
    if asks_something(tracker) or len(text.split()) <= RICH_DESCRIPTION:
        return False
    return not opens_like_a_question(text)


def merged(tracker: Tracker, slot: str, new: list[str]) -> list[str]:
    """ "also German", "anche il tedesco", "auch Deutsch": the new values join the old ones. Under the
    summary, a yes that names only what it lists is a remark, not "just that" ("Ja, passt. Nur als Hinweis:
    Social Media ist uns wichtig", "Yes - but make sure the German speakers ..."); without the yes it
    corrects ("Phone and chat.")."""
    current = tracker.get_slot(slot) or []
    remark = form_asks_for(tracker, "confirmed") and set(new) <= set(current)
    if says_any(tracker, ADDITIVE_WORDS) or (remark and yes_opening(message_text(tracker))):
        return list(dict.fromkeys([*current, *new]))
    return list(dict.fromkeys(new))


def may_change(tracker: Tracker, slot: str) -> bool:
    """While the form asks one question, terms named for another are context, not a new answer to it.

    "Customer service 8am to 10pm, the admin part during the week" answers the hours and leaves the
    processes alone. The opening message, the summary and a correction ("actually also German") may.
    """
    asked = tracker.get_slot("requested_slot")
    if asked in (None, slot, "confirmed"):
        return True
    return says_any(tracker, ADDITIVE_WORDS) or says_any(tracker, CORRECTION_WORDS)


def only_vague(processes: list[str]) -> bool:
    return bool(processes) and all(key in VAGUE_PROCESSES for key in processes)


def has_front_office(processes: list[str] | None) -> bool:
    front, _ = split_by_office(knowledge_base(), processes or [], "en")
    return bool(front)


def has_back_office(processes: list[str] | None) -> bool:
    _, back = split_by_office(knowledge_base(), processes or [], "en")
    return bool(back)


def with_implied_processes(
    found: list[str], channels: list[str], offices: list[str], contact: bool = False, text: str = ""
) -> list[str]:
    """What a description of the work implies beyond the services it names.

    "Bookings by phone and chat, plus invoice data entry": the channels are customer contact. So is
    `contact`, customer contact in other words; when only those words say so, a vague term is what the
    customers get in touch about: "they call us to report a claim" is taking claims, not processing them.
    "Customer care and the back office for the contracts": the back office is internal work, even unnamed.
    "Only talking to users, nothing internal" (`text`): the back-office terms are what the users ask about.
    """
    implied = list(found)
    named_contact = bool(channels) or "front_office" in offices
    if (named_contact or contact) and not has_front_office(implied):
        vague_is_the_subject = contact and not named_contact
        kept = [key for key in implied if not (vague_is_the_subject and key in VAGUE_PROCESSES)]
        implied = [IMPLIED_FRONT_OFFICE, *kept]
    if says_front_office_only(text):
        return [key for key in implied if not has_back_office([key])] or [IMPLIED_FRONT_OFFICE]
    if "back_office" in offices and not has_back_office(implied):
        implied.append(IMPLIED_BACK_OFFICE)
    return implied


def opens_with_yes(tracker: Tracker) -> bool:
    """The message says yes before anything else (knowledge.confirmation)."""
    return yes_opening(message_text(tracker))
