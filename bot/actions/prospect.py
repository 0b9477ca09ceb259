"""The prospect form: gather needs, recommend a service model, keep the lead.

Extraction follows rasa_sdk's FormValidationAction: `extract_<slot>` reads glossary terms from the spaCy
entities of any message while the form is active (so corrections work at every step); `validate_<slot>`,
which checks a value and says why it is refused, is bot.actions.form_validation. How a message reads as an
answer to the form is bot.actions.form_reading. Domain logic lives in knowledge.recommender and
knowledge.leads.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.answers import answer_question, previous_work
from bot.actions.channel_reading import (
    may_involve_customers,
    only_channels,
    says_internal_only,
    says_no_customer_channels,
    talks_to_customers,
)
from bot.actions.common import (
    current_language,
    form_asks_for,
    knowledge_base,
    named_terms,
    terms_among,
)
from bot.actions.form_notices import acknowledge_added_needs
from bot.actions.form_reading import (
    CLEAR_INTENT,
    IMPLIED_FRONT_OFFICE,
    answer_text,
    answers_asked_slot,
    answers_then_asks,
    asks_apart,
    asks_for_a_model,
    asks_knowledge,
    asks_something,
    confidence_of,
    has_back_office,
    has_front_office,
    intent_of,
    is_answer,
    is_description,
    is_question,
    left_to_rules,
    may_change,
    merged,
    message_text,
    only_vague,
    opens_the_form,
    opens_with_yes,
    said_in_the_question,
    says_any,
    says_no_preference,
    states_needs,
    with_implied_processes,
)
from bot.actions.form_slots import CONTACT_SLOTS, FORM_SLOTS, LIST_SLOTS, NEEDS_SLOTS, NOT_SPECIFIED
from bot.actions.form_validation import EMAIL, MAX_TEXT, ProspectAnswerChecks
from knowledge.confirmation import confirms_summary
from knowledge.glossary import languages_by_code
from knowledge.hours import hours_needed
from knowledge.languages import ANY_NEGATION, DELETION_WORDS
from knowledge.question import says_it_adds_work
from knowledge.recommender import Needs
from knowledge.text_analysis import is_negated

# A question is asked at most twice: after the second miss the form moves on and keeps the words as a note.
MAX_ASKS = 2
EDITABLE = {"processes", "channels", "languages", "hours", "volume", "timeline", "contact"}
MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!<>|~])")


def plain_text(value: Any) -> str:
    """User text shown back as text: markdown and HTML characters are escaped, never interpreted."""
    return MARKDOWN.sub(r"\\\1", str(value))


# The questions whose misses are counted (the summary's "confirmed" has its own edit loop).
COUNTED_SLOTS = set(FORM_SLOTS) - {"confirmed"}
# Answers that may come with a question of their own, which is answered too ("yes, correct. Is the data
# stored in Albania?"); not names and e-mail addresses.
ANSWERED_WITH_QUESTIONS = {*NEEDS_SLOTS, "consent", "confirmed"}


def filled_any_form_slot(events: list[EventType], asked: str | None, before: dict[str, Any]) -> bool:
    """Whether the message answered: the question asked, or a change to another need (`before`: the slots
    before the form's extraction). "None" ([]) answers the question asked. Naming an already known service
    again answers nothing. (Rasa itself fills the intent-mapped slots, consent and confirmed, before the
    form runs: only the asked one counts.)"""
    return any(
        e.get("event") == "slot"
        and e.get("name") in FORM_SLOTS
        and e.get("value") is not None
        and (e["name"] == asked or e.get("value") not in ([], before.get(e["name"])))
        for e in events
    )


def skipped_value(slot: str) -> Any:
    """What a question skipped after two misses leaves: nothing for lists, no consent, "-" for text."""
    if slot in LIST_SLOTS:
        return []
    return False if slot == "consent" else NOT_SPECIFIED


def needs_from_slots(tracker: Tracker) -> Needs:
    return Needs(
        processes=tuple(tracker.get_slot("processes") or ()),
        channels=tuple(tracker.get_slot("channels") or ()),
        languages=tuple(tracker.get_slot("languages") or ()),
        hours=tracker.get_slot("hours"),
    )


class ValidateProspectForm(ProspectAnswerChecks, FormValidationAction):
    def name(self) -> str:
        return "validate_prospect_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        processes = tracker.get_slot("processes")
        required = list(domain_slots)
        internal = processes is not None and not has_front_office(processes)
        # Channels only matter for customer-facing work; an answer already given stays (the SDK keeps only
        # required slots, and "no customer channels" may have just made the work internal).
        if internal and not may_involve_customers(tracker) and tracker.get_slot("channels") is None:
            required.remove("channels")
        if tracker.get_slot("consent") is False:
            required = [slot for slot in required if slot not in CONTACT_SLOTS]
        return required

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        asked = tracker.get_slot("requested_slot")
        before = dict(tracker.slots)  # the SDK's run updates the tracker with what it extracts
        events = await super().run(dispatcher, tracker, domain)
        answered = filled_any_form_slot(events, asked, before)
        acknowledge_added_needs(dispatcher, tracker, domain, events, asked, before)
        also_asks = answered and (asked in ANSWERED_WITH_QUESTIONS or answers_then_asks(tracker))
        # An opening may ask which model fits without a question mark ("mi chiedevo se abbia senso un call
        # center o qualcos'altro.").
        asks = asks_something(tracker) or (asked is None and asks_for_a_model(tracker))
        if asks and (asked is None or also_asks):
            # "Our support drowns in e-mails: can a BPO take that over?" starts the form, and "does BPO make
            # sense if we lack the time for the accounting?" answers "what to outsource?": answer it too.
            events += answer_question(
                dispatcher, tracker, None, words_must_match=True, inside_form=True,
                question_only=asked is not None and asks_apart(tracker),  # an opening asks as a whole
            )  # fmt: skip
        validated = any(e.get("name") == "confirmed" for e in events)  # a yes, a no, an edit button
        elsewhere = asks_something(tracker) or left_to_rules(tracker)  # a question, help, stop ...
        if asked == "confirmed" and not (validated or answered or elsewhere):
            missed = self._summary_missed(dispatcher, tracker)
            if not any(e.get("name") == "confirmed" for e in missed):
                return events + missed  # "what would you like to change?"
            # Taken as shown: the form ends here instead of asking for the summary's answer once more.
            kept = [e for e in events if e.get("name") != "requested_slot"]
            return [*kept, *missed, SlotSet("requested_slot", None)]
        if asked not in COUNTED_SLOTS or answered:
            return events  # an answer or a correction
        if left_to_rules(tracker):
            # Help, stop, handoff ...: no events, so that the form rejects the message and their rules answer
            # (a slot event of any kind, even a count, would keep the rule from running).
            return events
        missed = self._missed(asked, dispatcher, tracker)
        if not any(e.get("name") == asked for e in missed):
            return events + missed
        # The question was skipped: the next one to ask is worked out again, past the skipped slot.
        kept = [e for e in events if e.get("name") != "requested_slot"]
        tracker.slots.update({e["name"]: e["value"] for e in missed if e.get("event") == "slot"})
        next_slot = await self.next_requested_slot(dispatcher, tracker, domain)
        return kept + missed + ([next_slot] if next_slot else [])

    @staticmethod
    def _summary_missed(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Under the summary, neither a yes nor a change ("Yes, that's it - but make sure the German speakers
        are on reservations"): first "what would you like to change?", then the summary is taken as shown
        (consent to keep the details was asked apart), so it never comes a third time."""
        misses = {**(tracker.get_slot("form_misses") or {})}
        misses["confirmed"] = misses.get("confirmed", 0) + 1
        if misses["confirmed"] < MAX_ASKS:
            return [SlotSet("form_misses", misses), SlotSet("editing", True)]
        dispatcher.utter_message(response="utter_saved_as_shown")
        return [SlotSet("form_misses", misses), SlotSet("confirmed", True)]

    def _missed(self, asked: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """The message did not answer: a digression gets its answer; the question comes at most twice."""
        misses = {**(tracker.get_slot("form_misses") or {})}
        misses[asked] = misses.get(asked, 0) + 1
        events: list[EventType] = [SlotSet("form_misses", misses)]
        clear_topic = confidence_of(tracker) >= CLEAR_INTENT and not is_description(tracker)
        knowledge_question = asks_knowledge(tracker) and (is_question(tracker) or clear_topic)
        if knowledge_question:
            events += answer_question(dispatcher, tracker, "utter_ask_rephrase", inside_form=True)
        digression = knowledge_question  # answered: no "didn't catch", no note
        if misses[asked] < MAX_ASKS:
            if not digression:
                dispatcher.utter_message(response="utter_didnt_catch")
            return events  # the form asks the same question once more
        notes = {**(tracker.get_slot("form_notes") or {})}
        words = " ".join(message_text(tracker).split())[:MAX_TEXT]
        if words and not digression:
            notes[asked] = words
            dispatcher.utter_message(response="utter_moving_on_noted", words=plain_text(words))
        else:
            dispatcher.utter_message(response="utter_moving_on")
        return [*events, SlotSet("form_notes", notes), SlotSet(asked, skipped_value(asked))]

    # ------------------------------------------------------------ extraction

    def _terms(self, tracker: Tracker, kind: str) -> list[str]:
        # A bare "Italian" may be classified as switch_language: it still answers "which languages?".
        answers_language_question = kind == "language" and form_asks_for(tracker, "languages")
        asked = {"service": "processes", "channel": "channels", "hours": "hours"}.get(kind)
        answers_question = answers_language_question or (asked and answers_asked_slot(tracker, asked))
        if not states_needs(tracker) and not answers_question:
            return []
        if form_asks_for(tracker, "volume"):
            return []  # a volume is counted in what is done ("2000 payslips", "5000 calls"): no new need
        skip_asked_about = kind == "service"  # "billing questions" are customer contact, not billing
        named = [  # not the terms of the visitor's own question ("... do you also do accounting?")
            term
            for term in named_terms(tracker, knowledge_base(), (kind,))
            if not said_in_the_question(tracker, len(term.before))
        ]
        # Any term may name the prospect's trade: "siamo un operatore di fibra e telefonia" needs no agents
        # and no phone line.
        terms = terms_among(
            named, current_language(tracker), skip_negated=True, skip_asked_about=skip_asked_about,
            skip_trade=True,
        )  # fmt: skip
        return [term.key for term in terms]

    @staticmethod
    def _unknown_answer(tracker: Tracker, slot: str) -> bool:
        """ "I don't know" in answer to this very question; to the hours question "it doesn't matter" too."""
        asked = tracker.get_slot("requested_slot") == slot
        return asked and (intent_of(tracker) == "dont_know" or says_no_preference(tracker))

    @staticmethod
    def _work_of_the_model_question(tracker: Tracker, kind: str) -> list[str]:
        """ "Und wenn wir zusätzlich die Rechnungsstellung loswerden wollen?" opening the form right after the
        model answer for the customer chat: the work of that question is part of the need too."""
        language = current_language(tracker)
        opening = tracker.get_slot("requested_slot") is None and opens_the_form(tracker)
        if not (opening and says_it_adds_work(message_text(tracker), language)):
            return []
        return [term.key for term in previous_work(tracker, knowledge_base(), language) if term.kind == kind]

    def extract_processes(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        if not may_change(tracker, "processes"):
            return {}
        found = list(dict.fromkeys([*self._work_of_the_model_question(tracker, "service"),
                                    *self._terms(tracker, "service")]))  # fmt: skip
        if not found and "agent" in self._terms(tracker, "role"):
            found = [IMPLIED_FRONT_OFFICE]  # "agents to answer calls": inbound customer service
        describes_work = form_asks_for(tracker, "processes") or opens_the_form(tracker)
        if describes_work:
            channels, offices = self._terms(tracker, "channel"), self._terms(tracker, "office")
            # Only an answer describes the work: "can someone call us back?" is a question.
            answers = states_needs(tracker) or (
                answers_asked_slot(tracker, "processes", free_text=True)
                and (not asks_something(tracker) or answers_then_asks(tracker))
            )
            contact, text = (talks_to_customers(tracker), answer_text(tracker)) if answers else (False, "")
            found = with_implied_processes(found, channels, offices, contact, text)
        if not found:
            return {"processes": []} if self._unknown_answer(tracker, "processes") else {}
        unasked = not form_asks_for(tracker, "processes") and not tracker.get_slot("processes")
        if unasked and only_vague(found):
            return {}  # a vague opening ("help with our claims"): the question what the work is still comes
        return {"processes": merged(tracker, "processes", found)}

    def extract_channels(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        if not may_change(tracker, "channels"):
            return {}
        found = list(dict.fromkeys([*self._work_of_the_model_question(tracker, "channel"),
                                    *self._terms(tracker, "channel")]))  # fmt: skip
        asked = form_asks_for(tracker, "channels")
        if asked and says_no_customer_channels(tracker):
            # "No customer channels, you'd work with our office by internal mail": and the work that
            # sounded customer-facing was not ("Reservierungen" kept, "sales ledgers").
            return {"channels": [], **self._only_back_office(tracker)}
        if not found:
            says_none = asked and (intent_of(tracker) == "deny" or says_internal_only(tracker))  # "none"
            return {"channels": []} if says_none or self._unknown_answer(tracker, "channels") else {}
        exclusive = only_channels(tracker) if asked else None
        found = [key for key in found if key in exclusive] if exclusive else found
        extracted = {"channels": merged(tracker, "channels", found)}
        processes = tracker.get_slot("processes") or []
        if asked and processes and not has_front_office(processes):
            # Customers reach them for work that sounded internal ("claims", "bookings"): there is
            # customer-facing work too.
            extracted["processes"] = [IMPLIED_FRONT_OFFICE, *processes]
        return extracted

    @staticmethod
    def _only_back_office(tracker: Tracker) -> dict[str, Any]:
        processes = tracker.get_slot("processes") or []
        internal = [key for key in processes if has_back_office([key])]
        return {"processes": internal} if internal and len(internal) < len(processes) else {}

    def extract_languages(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        if not may_change(tracker, "languages"):
            return {}
        found = self._terms(tracker, "language")  # "speak Italian" (about this chat) gives none
        if form_asks_for(tracker, "languages"):  # "IT + EN, e un po' di spagnolo", not "EN only, no DE"
            text, language = message_text(tracker), current_language(tracker)
            codes = languages_by_code(text, knowledge_base().terms("language"))
            named = [  # not "... Do your agents also speak DE well?"
                key
                for key, at in codes
                if not is_negated(text[:at], language) and not said_in_the_question(tracker, at)
            ]
            found = list(dict.fromkeys([*named, *found]))
        if not found:
            return {"languages": []} if self._unknown_answer(tracker, "languages") else {}
        return {"languages": merged(tracker, "languages", found)}

    def extract_hours(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        if not may_change(tracker, "hours"):
            return {}
        named = self._terms(tracker, "hours")
        parse_clock = named or answers_asked_slot(tracker, "hours")
        needed = hours_needed(message_text(tracker), named) if parse_clock else None
        if not needed:
            return {"hours": NOT_SPECIFIED} if self._unknown_answer(tracker, "hours") else {}
        return {"hours": needed}

    def extract_consent(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        """ "No, I'd rather just get the summary here" is a no, whatever else the classifier made of it."""
        words = message_text(tracker).lower().split()
        if not form_asks_for(tracker, "consent") or not words:
            return {}
        if words[0].strip(",.!;:") in ANY_NEGATION:
            return {"consent": False}  # "No, thanks. Why do you need my e-mail?" too
        if asks_something(tracker):  # whatever the classifier made of the question ("not understood")
            return self._yes_before_a_question(tracker, "consent")
        if not answers_asked_slot(tracker, "consent"):
            return {}
        # A yes that asks for no deletion consents, whatever the intent ("Ja, Sie dürfen meine Angaben
        # speichern" came out as delete_my_data); not a yes the classifier heard as a no ("Ja, aber
        # speichern Sie bitte nichts"). An intent-mapped "yes" is filled by Rasa already.
        refused = intent_of(tracker) == "deny" or says_any(tracker, DELETION_WORDS)
        return {"consent": True} if opens_with_yes(tracker) and not refused else {}

    def _yes_before_a_question(self, tracker: Tracker, slot: str) -> dict[str, Any]:
        """ "Yes, you may contact me. Where is the data stored?" answers the yes/no question asked, whatever
        the classifier made of the rest (the question is answered too, see `run`)."""
        return {slot: True} if form_asks_for(tracker, slot) and opens_with_yes(tracker) else {}

    # Free-text answers: taken as given when they answer the question just asked ("2000 tickets a month"
    # may look like a knowledge question to the classifier; it still answers "what volume?").
    def extract_volume(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self._free_answer(tracker, "volume")

    def extract_timeline(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self._free_answer(tracker, "timeline")

    def extract_company(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self._free_answer(tracker, "company")

    def extract_contact_name(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        return self._free_answer(tracker, "contact_name")

    @staticmethod
    def _free_answer(tracker: Tracker, slot: str) -> dict[str, Any]:
        if not answers_asked_slot(tracker, slot, free_text=True) or intent_of(tracker) in ("greet", "thanks"):
            return {}
        return {slot: answer_text(tracker)}

    def extract_email(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        """An address anywhere ("my e-mail is ..."), or any answer to the e-mail question (validated next)."""
        text = (tracker.latest_message.get("text") or "").strip()
        match = EMAIL.search(text)
        if match:
            return {"email": match.group(0)}
        if text and form_asks_for(tracker, "email") and is_answer(tracker):
            return {"email": text}
        return {}

    def extract_confirmed(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        """The summary's buttons: confirm, or name the part to change."""
        for entity in tracker.latest_message.get("entities") or []:
            if entity.get("entity") == "edit_field" and entity.get("value") in EDITABLE:
                return {"confirmed": "edit:" + entity["value"]}
        if asks_something(tracker):
            return self._yes_before_a_question(tracker, "confirmed")
        # A yes with a remark the classifier took for something else confirms (Rasa fills a plain yes).
        confirms = form_asks_for(tracker, "confirmed") and confirms_summary(message_text(tracker))
        return {"confirmed": True} if confirms else {}
