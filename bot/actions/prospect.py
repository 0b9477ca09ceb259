"""The prospect form: gather needs, recommend a service model, keep the lead.

Extraction and validation follow rasa_sdk's FormValidationAction: `extract_<slot>` reads glossary terms
from the spaCy entities of any message while the form is active (so corrections work at every step),
`validate_<slot>` checks a value and says why it is refused. Domain logic lives in knowledge.recommender
and knowledge.leads.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.common import current_language, form_asks_for, knowledge_base, message_terms
from knowledge.recommender import Needs, NoProcessesError, Recommendation, recommend, split_by_office

FORM = "prospect_form"
NEEDS_SLOTS = ("processes", "channels", "languages", "hours", "volume", "timeline")
CONTACT_SLOTS = ("company", "contact_name", "email")
FORM_SLOTS = (*NEEDS_SLOTS, "consent", *CONTACT_SLOTS, "confirmed")
EDITABLE = {"processes", "channels", "languages", "hours", "volume", "timeline", "contact"}
MAX_TEXT = 300
NOT_SPECIFIED = "-"
# "also German", "anche il tedesco": the new values join the old ones instead of replacing them.
ADDITIVE = re.compile(r"\b(also|too|as well|add|plus|anche|pure|inoltre|aggiungi|in più)\b", re.IGNORECASE)
# A pragmatic check (RFC 5322 allows more, but a sales e-mail needs name@domain.tld).
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!<>|~])")


def plain_text(value: Any) -> str:
    """User text shown back as text: markdown and HTML characters are escaped, never interpreted."""
    return MARKDOWN.sub(r"\\\1", str(value))


# Intents that are not an answer to the form's question (the domain's free-text mappings exclude them too).
NOT_AN_ANSWER = {
    "greet", "goodbye", "thanks", "help", "bot_challenge", "switch_language", "followup_other",
    "ask_examples", "stop", "human_handoff", "delete_my_data", "request_recommendation",
}  # fmt: skip


def intent_of(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""


def is_answer(tracker: Tracker) -> bool:
    intent = intent_of(tracker)
    return not intent.startswith("ask_") and intent not in NOT_AN_ANSWER


def states_needs(tracker: Tracker) -> bool:
    """An answer or the opening request: "is payroll back office?" mid-form is a question, not a need."""
    return is_answer(tracker) or intent_of(tracker) == "request_recommendation"


def merged(tracker: Tracker, slot: str, new: list[str]) -> list[str]:
    previous = tracker.get_slot(slot) or []
    text = tracker.latest_message.get("text") or ""
    keep = previous if ADDITIVE.search(text) else []
    return list(dict.fromkeys([*keep, *new]))


def needs_from_slots(tracker: Tracker) -> Needs:
    return Needs(
        processes=tuple(tracker.get_slot("processes") or ()),
        channels=tuple(tracker.get_slot("channels") or ()),
        languages=tuple(tracker.get_slot("languages") or ()),
        hours=tracker.get_slot("hours"),
    )


def has_front_office(processes: list[str] | None) -> bool:
    front, _ = split_by_office(knowledge_base(), processes or [], "en")
    return bool(front)


class ValidateProspectForm(FormValidationAction):
    def name(self) -> str:
        return "validate_prospect_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        processes = tracker.get_slot("processes")
        required = list(domain_slots)
        if processes is not None and not has_front_office(processes):
            required.remove("channels")  # channels only matter for customer-facing work
        if tracker.get_slot("consent") is False:
            required = [slot for slot in required if slot not in CONTACT_SLOTS]
        return required

    # ------------------------------------------------------------ extraction

    def _terms(self, tracker: Tracker, kind: str) -> list[str]:
        # A bare "Italian" may be classified as switch_language: it still answers "which languages?".
        answers_language_question = kind == "language" and form_asks_for(tracker, "languages")
        if not states_needs(tracker) and not answers_language_question:
            return []
        if form_asks_for(tracker, "volume"):
            return []  # a volume is counted in what is done ("2000 payslips", "5000 calls"): no new need
        return [term.key for term in message_terms(tracker, knowledge_base(), kinds=(kind,))]

    @staticmethod
    def _unknown_answer(tracker: Tracker, slot: str) -> bool:
        """ "I don't know" in answer to this very question."""
        return intent_of(tracker) == "dont_know" and tracker.get_slot("requested_slot") == slot

    def extract_processes(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        found = self._terms(tracker, "service")
        if not found and "agent" in self._terms(tracker, "role"):
            found = ["customer_service"]  # "agents to answer calls": inbound customer service
        if not found:
            return {"processes": []} if self._unknown_answer(tracker, "processes") else {}
        return {
            "processes": merged(tracker, "processes", found),
            "processes_text": tracker.latest_message["text"],
        }

    def extract_channels(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        found = self._terms(tracker, "channel")
        if not found:
            return {"channels": []} if self._unknown_answer(tracker, "channels") else {}
        return {"channels": merged(tracker, "channels", found)}

    def extract_languages(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        found = self._terms(tracker, "language")  # "speak Italian" (about this chat) gives none
        if not found:
            return {"languages": []} if self._unknown_answer(tracker, "languages") else {}
        return {"languages": merged(tracker, "languages", found)}

    def extract_hours(self, dispatcher, tracker: Tracker, domain) -> dict[str, Any]:
        found = self._terms(tracker, "hours")
        if not found:
            return {"hours": NOT_SPECIFIED} if self._unknown_answer(tracker, "hours") else {}
        return {"hours": found[-1]}

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
        return {}

    # ------------------------------------------------------------ validation

    def validate_processes(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value:
            return {"processes": value}
        dispatcher.utter_message(response="utter_unknown_process")
        return {"processes": None}

    def validate_languages(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return {"languages": value or []}

    def validate_volume(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._free_text("volume", value, dispatcher, tracker, optional=True)

    def validate_timeline(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._free_text("timeline", value, dispatcher, tracker, optional=True)

    def validate_company(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return self._free_text("company", value, dispatcher, tracker)

    def validate_contact_name(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        result = self._free_text("contact_name", value, dispatcher, tracker)
        name = result["contact_name"]
        if name and not re.search(r"[^\W\d_]", name):
            dispatcher.utter_message(response="utter_invalid_name")
            return {"contact_name": None}
        return result

    def validate_email(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        address = str(value or "").strip()
        if len(address) <= 254 and EMAIL.fullmatch(address):
            local, domain_part = address.rsplit("@", 1)
            return {"email": f"{local}@{domain_part.lower()}"}
        dispatcher.utter_message(response="utter_invalid_email")
        return {"email": None}

    def validate_consent(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is False:
            # No consent: nothing personal is asked for, and nothing personal already given is kept.
            return {"consent": False, **dict.fromkeys(CONTACT_SLOTS)}
        return {"consent": value}

    def validate_confirmed(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value is True:
            return {"confirmed": True}
        if isinstance(value, str) and value.startswith("edit:"):
            field = value.removeprefix("edit:")
            cleared = CONTACT_SLOTS if field == "contact" else (field,)
            return {"confirmed": None, "editing": False, **dict.fromkeys(cleared)}
        return {"confirmed": None, "editing": True}  # "no": ask what to change

    def _free_text(
        self, slot: str, value, dispatcher, tracker: Tracker, optional: bool = False
    ) -> dict[str, Any]:
        if optional and intent_of(tracker) in ("dont_know", "deny"):
            return {slot: NOT_SPECIFIED}
        text = " ".join(str(value or "").split())
        if not text:
            return {slot: None}
        if len(text) > MAX_TEXT:
            dispatcher.utter_message(response="utter_value_too_long", limit=MAX_TEXT)
            return {slot: None}
        return {slot: text}


def send_recommendation(dispatcher: CollectingDispatcher, result: Recommendation) -> None:
    model = result.model
    dispatcher.utter_message(response="utter_recommendation", model_name=model.name, summary=model.summary)
    front, back, channels = (
        ", ".join(result.front_office),
        ", ".join(result.back_office),
        ", ".join(result.channels),
    )
    reason = f"utter_reason_{result.code}" + ("_phone_assumed" if result.phone_assumed else "")
    dispatcher.utter_message(response=reason, front=front, back=back, channels=channels)
    dispatcher.utter_message(response="utter_recommendation_workforce", workforce=model.workforce)
    if result.languages_served:
        dispatcher.utter_message(
            response="utter_recommendation_languages_served", languages=", ".join(result.languages_served)
        )
    if result.languages_not_listed:
        dispatcher.utter_message(
            response="utter_recommendation_languages_not_listed",
            languages=", ".join(result.languages_not_listed),
            served=", ".join(result.served_languages),
        )
    if result.hours and result.hours != NOT_SPECIFIED:
        dispatcher.utter_message(response=f"utter_recommendation_hours_{result.hours}")
    dispatcher.utter_message(response="utter_recommendation_not_covered", not_covered=model.not_covered)


class ActionAskConsent(Action):
    """Asking for consent comes right after the needs: the recommendation goes first."""

    def name(self) -> str:
        return "action_ask_consent"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        with contextlib.suppress(NoProcessesError):
            send_recommendation(
                dispatcher, recommend(knowledge_base(), needs_from_slots(tracker), current_language(tracker))
            )
        dispatcher.utter_message(response="utter_ask_consent")
        return []


class ActionAskConfirmed(Action):
    """The summary the user confirms or edits."""

    def name(self) -> str:
        return "action_ask_confirmed"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if tracker.get_slot("editing"):
            dispatcher.utter_message(response="utter_ask_what_to_change")
            return [SlotSet("editing", False)]
        kb, language = knowledge_base(), current_language(tracker)

        def labels(slot: str) -> str:
            keys = tracker.get_slot(slot) or []
            return ", ".join(t.label for key in keys if (t := kb.term(key, language))) or NOT_SPECIFIED

        hours = tracker.get_slot("hours")
        hours_term = kb.term(hours, language) if hours else None
        try:
            model_name = recommend(kb, needs_from_slots(tracker), language).model.name
        except NoProcessesError:
            model_name = NOT_SPECIFIED
        consent = tracker.get_slot("consent") is True
        dispatcher.utter_message(
            response="utter_summary_with_contact" if consent else "utter_summary_anonymous",
            processes=labels("processes"),
            channels=labels("channels"),
            languages=labels("languages"),
            hours=hours_term.label if hours_term else NOT_SPECIFIED,
            volume=plain_text(tracker.get_slot("volume") or NOT_SPECIFIED),
            timeline=plain_text(tracker.get_slot("timeline") or NOT_SPECIFIED),
            company=plain_text(tracker.get_slot("company") or NOT_SPECIFIED),
            contact_name=plain_text(tracker.get_slot("contact_name") or NOT_SPECIFIED),
            email=plain_text(tracker.get_slot("email") or NOT_SPECIFIED),
            model_name=model_name,
        )
        return []


def reset_form_events() -> list[EventType]:
    return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet("processes_text", None)] + [
        SlotSet(slot, None) for slot in FORM_SLOTS
    ]


class ActionCancelProspect(Action):
    """'Stop': leave the form and forget everything it gathered that was not confirmed."""

    def name(self) -> str:
        return "action_cancel_prospect"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        dispatcher.utter_message(response="utter_prospect_cancelled")
        return reset_form_events()
