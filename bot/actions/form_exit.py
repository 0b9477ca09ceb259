"""Leaving the prospect form: "stop" asks first, and a confirmed stop forgets what the form gathered."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.form_slots import FORM_SLOTS, FORM_STATE_SLOTS


def reset_form_events() -> list[EventType]:
    return [ActiveLoop(None), SlotSet("requested_slot", None)] + [
        SlotSet(slot, None) for slot in (*FORM_SLOTS, *FORM_STATE_SLOTS)
    ]


class ActionConfirmStop(Action):
    """ "Stop" or "bye" inside the form: ask before forgetting. The form pauses; "no" resumes it."""

    def name(self) -> str:
        return "action_confirm_stop"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        dispatcher.utter_message(response="utter_confirm_stop")
        # requested_slot is cleared so that the "no" that resumes the form answers no question of it.
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionCancelProspect(Action):
    """'Stop': leave the form and forget everything it gathered that was not confirmed."""

    def name(self) -> str:
        return "action_cancel_prospect"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        dispatcher.utter_message(response="utter_prospect_cancelled")
        return reset_form_events()
