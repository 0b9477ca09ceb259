"""How the prospect form checks each answer (rasa_sdk's `validate_<slot>`), and why it refuses one.

A mixin of ValidateProspectForm (bot.actions.prospect), which extracts the answers.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Tracker

from bot.actions.form_reading import intent_of, message_text
from bot.actions.form_slots import CONTACT_SLOTS, NOT_SPECIFIED
from knowledge.confirmation import takes_something_back

MAX_TEXT = 300
# A pragmatic check (RFC 5322 allows more, but a sales e-mail needs name@domain.tld).
EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


class ProspectAnswerChecks:
    def validate_processes(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value:
            # The prospect's own words for the work go with the lead. (Set here: the SDK keeps only the
            # form's own slots from the extraction.) A form resumed after "stop? no" validates its filled
            # slots again, with no question asked: the "no" is not the description.
            requested = tracker.get_slot("requested_slot")
            if requested == "processes" or (requested is None and not tracker.get_slot("processes_text")):
                return {"processes": value, "processes_text": message_text(tracker)}
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
        text = message_text(tracker)
        # "Yes, but the e-mail is wrong" (Rasa fills the yes): what to change. "Ja, aber wann melden Sie
        # sich?" confirms, and its question is answered.
        misses = {**(tracker.get_slot("form_misses") or {})}
        # Just asked what to change (the count restarts whenever the summary is shown again), a yes means
        # nothing to change: the visitor is not asked it again and again ("Yes, that's accurate - sorry,
        # long week, but yes").
        asked_before = misses.get("confirmed", 0) >= 1
        if value is True and ("?" in text or not takes_something_back(text) or asked_before):
            return {"confirmed": True}
        if isinstance(value, str) and value.startswith("edit:"):
            field = value.removeprefix("edit:")
            cleared = CONTACT_SLOTS if field == "contact" else (field,)
            misses = {k: v for k, v in misses.items() if k not in (*cleared, "confirmed")}
            return {"confirmed": None, "editing": False, "form_misses": misses, **dict.fromkeys(cleared)}
        misses["confirmed"] = misses.get("confirmed", 0) + 1
        return {"confirmed": None, "editing": True, "form_misses": misses}  # "no": ask what to change

    def _free_text(
        self, slot: str, value, dispatcher, tracker: Tracker, optional: bool = False
    ) -> dict[str, Any]:
        # "No idea" answers this slot's own question; a form resumed after "stop? no" or "delete? no"
        # validates its filled slots again with no question asked, and that "no" must not wipe them.
        asked = tracker.get_slot("requested_slot") == slot
        if optional and asked and intent_of(tracker) in ("dont_know", "deny"):
            return {slot: NOT_SPECIFIED}
        text = " ".join(str(value or "").split())
        if not text:
            return {slot: None}
        if len(text) > MAX_TEXT:
            dispatcher.utter_message(response="utter_value_too_long", limit=MAX_TEXT)
            return {slot: None}
        return {slot: text}
