"""The recommendation, as one readable message, and the summary the prospect confirms.

The recommendation's lines are the domain's responses (so every text stays in domain.yml, in every language),
rendered here and joined into one message: Rasa renders one response per message, and seven bubbles were
hard to read. `action_ask_consent` is declared with `send_domain: true` for this.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import current_language, knowledge_base
from bot.actions.form_slots import NOT_SPECIFIED
from bot.actions.prospect import needs_from_slots, plain_text
from bot.actions.responses import joined, render
from knowledge.recommender import NoProcessesError, Recommendation, recommend


def recommendation_text(domain: dict, result: Recommendation, language: str) -> str:
    """The model in bold, then one short line each: why, the team, languages, hours, what is not included."""

    def line(response: str, **values: Any) -> str:
        return render(domain, response, language, **values)

    def listed(items: tuple[str, ...]) -> str:
        return joined(items, line("utter_list_and"))

    model = result.model
    reason = f"utter_reason_{result.code}" + ("_phone_assumed" if result.phone_assumed else "")
    lines = [
        line("utter_recommendation", model_name=f"**{model.name}**", summary=model.summary),
        line(reason, front=listed(result.front_office), back=listed(result.back_office),
             channels=listed(result.channels)),
        line("utter_recommendation_workforce", workforce=model.workforce),
    ]  # fmt: skip
    # "Italian is ...", "Italian and German are both ...", "... are all ...": one response per count.
    for kind, languages, counts in (
        ("served", result.languages_served, ("one", "two", "many")),
        ("not_listed", result.languages_not_listed, ("one", "many", "many")),
    ):
        if languages:
            count = counts[min(len(languages), 3) - 1]
            response = f"utter_recommendation_languages_{kind}_{count}"
            lines.append(line(response, languages=listed(languages), served=listed(result.served_languages)))
    if result.hours and result.hours != NOT_SPECIFIED:
        lines.append(line(f"utter_recommendation_hours_{result.hours}"))
    lines.append(line("utter_recommendation_not_covered", not_covered=model.not_covered))
    return "\n".join(lines)


class ActionAskConsent(Action):
    """Asking for consent comes right after the needs: the recommendation goes first, in one message."""

    def name(self) -> str:
        return "action_ask_consent"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[EventType]:
        if not (tracker.get_slot("form_misses") or {}).get("consent"):  # asked again: the question alone
            self._recommend(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_ask_consent")
        return []

    @staticmethod
    def _recommend(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> None:
        language = current_language(tracker)
        try:
            result = recommend(knowledge_base(), needs_from_slots(tracker), language)
        except NoProcessesError:  # nothing matched after two tries: a consultant reads the notes
            dispatcher.utter_message(response="utter_no_recommendation_noted")
        else:
            dispatcher.utter_message(text=recommendation_text(domain, result, language))


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
        # The summary shown anew (after a correction) starts the count of "what to change?" afresh.
        misses = tracker.get_slot("form_misses") or {}
        if "confirmed" in misses:
            return [SlotSet("form_misses", {k: v for k, v in misses.items() if k != "confirmed"})]
        return []
