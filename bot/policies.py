"""A policy that apologises when a custom action failed instead of leaving the user with silence.

When the action server is down (or an action raises), Rasa logs the error, records the action as executed
and drops its events: the user's question gets no reply at all. Every custom action of this assistant
sends a reply, so "a custom action ran and produced no event" means that it failed.
This policy then predicts `utter_action_failed`, a plain response that Rasa renders itself in the
conversation's language, and listens again. It needs no training and never fires while the actions work
(tests/test_policies.py on trackers, tests/test_production.py with the action server really stopped).
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_fixes

# Rasa imports this module whenever it loads the model (rasa run, shell, test): the place to apply fixes.
rasa_fixes.apply()

APOLOGY = "utter_action_failed"
# Above RulePolicy (6): a rule would otherwise predict action_listen after the silent action.
PRIORITY = 7


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class FailedActionApologyPolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**Policy.get_default_config(), "priority": PRIORITY}

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        if silent_custom_action(tracker, domain):
            return self._predict(APOLOGY, domain)
        if tracker.latest_action_name == APOLOGY:
            return self._predict(ACTION_LISTEN_NAME, domain)
        return self._prediction(self._default_predictions(domain))

    def _predict(self, action_name: str, domain: Domain) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        probabilities[domain.index_for_action(action_name)] = 1.0
        # Not based on the user's message, so it outranks the form's and the rules' happy-path predictions.
        return self._prediction(probabilities, is_no_user_prediction=True)


def silent_custom_action(tracker: DialogueStateTracker, domain: Domain) -> str | None:
    """The custom action or form that just ran without producing any event, if one did."""
    if not tracker.events or tracker.get_latest_input_channel() is None:
        # Story tests (`rasa test core`) replay actions without running them, and their user turns come from
        # no channel: there a custom action always looks silent.
        return None
    last_event = tracker.events[-1]
    # user_actions also lists the responses, which Rasa sends itself and which cannot fail this way.
    custom_actions = (set(domain.user_actions) - set(domain.responses)) | set(domain.form_names)
    if isinstance(last_event, ActionExecuted) and last_event.action_name in custom_actions:
        return last_event.action_name
    return None
