"""Leads: save the confirmed needs, record a handoff, erase on request. Domain logic is knowledge.leads."""

from __future__ import annotations

from functools import lru_cache

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from bot.actions.answers import question_from
from bot.actions.common import answerer, current_language, knowledge_base
from bot.actions.form_exit import reset_form_events
from bot.actions.form_reading import asks_for_workers, intent_of, message_text
from bot.actions.prospect import needs_from_slots, plain_text
from bot.actions.replies import send_and_remember
from knowledge.confirmation import confirms_deletion
from knowledge.db import make_engine, make_session_factory
from knowledge.erasure import Eraser, has_events_table, tracker_engine
from knowledge.languages import CALLER_WORDS
from knowledge.leads import LeadData, LeadStore
from knowledge.recommender import Needs, NoProcessesError, Recommendation, recommend
from knowledge.work_description import mentions_phrase


@lru_cache(maxsize=1)
def lead_store() -> LeadStore:
    """The leads at $ADVISOR_DATABASE_URL; one engine (and connection pool) per action-server process."""
    return LeadStore(make_session_factory(make_engine()))


def reason_codes(result: Recommendation, needs: Needs) -> list[str]:
    reasons = [f"customer_facing:{','.join(result.front_office)}"] if result.front_office else []
    if result.back_office:
        reasons.append(f"internal:{','.join(result.back_office)}")
    if result.channels:
        reasons.append(f"channels:{','.join(needs.channels)}")
    if result.phone_assumed:
        reasons.append("channels:phone assumed")
    if result.languages_not_listed:
        reasons.append(f"languages_not_listed:{','.join(result.languages_not_listed)}")
    return reasons


def lead_from_slots(tracker: Tracker, handoff: bool = False) -> LeadData:
    needs = needs_from_slots(tracker)
    model, reasons = None, []
    try:
        result = recommend(knowledge_base(), needs, "en")
        model, reasons = result.code, reason_codes(result, needs)
    except NoProcessesError:
        pass
    return LeadData(
        conversation_id=tracker.sender_id,
        language=current_language(tracker),
        channel=tracker.get_latest_input_channel(),
        processes=list(needs.processes),
        processes_text=tracker.get_slot("processes_text"),
        channels=list(needs.channels),
        languages=list(needs.languages),
        hours=needs.hours,
        volume=tracker.get_slot("volume"),
        timeline=tracker.get_slot("timeline"),
        recommended_model=model,
        reasons=reasons,
        consent=tracker.get_slot("consent") is True,
        company=tracker.get_slot("company"),
        contact_name=tracker.get_slot("contact_name"),
        email=tracker.get_slot("email"),
        handoff_requested=handoff,
        notes=dict(tracker.get_slot("form_notes") or {}),
    )


class ActionSaveLead(Action):
    def name(self) -> str:
        return "action_save_lead"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        lead = lead_from_slots(tracker)
        lead_store().save(lead)
        if lead.consent:
            dispatcher.utter_message(response="utter_lead_saved_with_contact", email=plain_text(lead.email))
        else:
            dispatcher.utter_message(response="utter_lead_saved_anonymous")
        return [SlotSet("confirmed", None)]


class ActionHandoff(Action):
    """'Talk to a person': record the request with what is known; no pretend live transfer."""

    def name(self) -> str:
        return "action_handoff"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if asks_for_workers(tracker):
            return [FollowupAction("prospect_form")]
        answered = answer_about_callers(dispatcher, tracker)
        if answered is not None:
            return answered
        lead = lead_from_slots(tracker, handoff=True)
        lead_store().save(lead)
        if lead.consent and lead.email:
            dispatcher.utter_message(
                response="utter_handoff_recorded_with_contact", email=plain_text(lead.email)
            )
        else:
            dispatcher.utter_message(response="utter_handoff_recorded_no_contact")
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


def answer_about_callers(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType] | None:
    """ "Und kann der Anrufer dann verlangen, mit jemandem in der EU zu sprechen?" just after the Italian
    rule: a question about callers' rights, answered when its words clearly fit the topic just told; any
    other request for a person (None) is recorded as a handoff."""
    text, last_topic = message_text(tracker), tracker.get_slot("last_topic")
    if not (last_topic and "?" in text and mentions_phrase(text, CALLER_WORDS)):
        return None
    try:
        reply = answerer().reply(question_from(tracker, knowledge_base()), words_must_match=True)
    except SQLAlchemyError:
        return None  # the handoff is recorded instead
    if reply is None or reply.topic != last_topic:
        return None
    return send_and_remember(dispatcher, tracker, reply)


def eraser() -> Eraser:
    """The lead store and the tracker store at $ADVISOR_TRACKER_URL (knowledge/erasure.py)."""
    return Eraser(lead_store(), tracker_engine())


class ActionConfirmDeletion(Action):
    """ "Delete my data" asks first: erasing cannot be undone, and a misheard message must cost nothing."""

    def name(self) -> str:
        return "action_confirm_deletion"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        dispatcher.utter_message(response="utter_confirm_deletion")
        return []


class ActionConfirmDeletionInForm(ActionConfirmDeletion):
    """The same question inside the form: the form pauses (as for "stop"), and a "no" resumes it."""

    def name(self) -> str:
        return "action_confirm_deletion_in_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        super().run(dispatcher, tracker, domain)
        # requested_slot is cleared so that the "yes" or "no" that follows answers no question of the form.
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionDeleteMyData(Action):
    """The answer to "delete everything?": on a clear yes, the lead and every stored event of the
    conversation go, and the reply says what went; anything else deletes nothing (knowledge.confirmation).

    The events of this very turn are deleted when Rasa saves it (bot/tracker_store.py).
    """

    def name(self) -> str:
        return "action_delete_my_data"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if not confirms_deletion(message_text(tracker), intent_of(tracker)):
            dispatcher.utter_message(response="utter_nothing_deleted")
            return self.after_nothing_deleted()
        store = eraser()
        erased = store.erase_conversation(tracker.sender_id)
        if not has_events_table(store.tracker):  # conversations are not stored (in-memory tracker store)
            response = "utter_data_deleted" if erased.leads else "utter_no_data_stored"
            dispatcher.utter_message(response=response)
        else:
            response = "utter_erased_lead_and_conversation" if erased.leads else "utter_erased_conversation"
            # This message is not stored yet; it goes too.
            dispatcher.utter_message(response=response, messages=erased.messages + 1)
        return reset_form_events()

    def after_nothing_deleted(self) -> list[EventType]:
        return []


class ActionDeleteMyDataInForm(ActionDeleteMyData):
    """The same answer while the form is paused for the question: when nothing is deleted, the form goes on
    where it was."""

    def name(self) -> str:
        return "action_delete_my_data_in_form"

    def after_nothing_deleted(self) -> list[EventType]:
        return [FollowupAction("prospect_form")]
