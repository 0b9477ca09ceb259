"""bot/policies.py: an apology instead of silence when a custom action failed; the Rasa fix it applies."""

from __future__ import annotations

import pytest
from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies import APOLOGY, FailedActionApologyPolicy
from tests.servers import PROJECT_ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.fixture
def policy(tmp_path) -> FailedActionApologyPolicy:
    config = FailedActionApologyPolicy.get_default_config()
    context = ExecutionContext(GraphSchema({}), "test")
    return FailedActionApologyPolicy.create(config, LocalModelStorage(tmp_path), Resource("apology"), context)


def predicted(policy: FailedActionApologyPolicy, domain: Domain, *events) -> str | None:
    tracker = DialogueStateTracker.from_events(
        "user", [ActionExecuted("action_listen"), *events], domain.slots
    )
    prediction: PolicyPrediction = policy.predict_action_probabilities(tracker, domain)
    if max(prediction.probabilities) == 0:
        return None
    return domain.action_names_or_texts[prediction.max_confidence_index]


def question(channel: str | None = "rest") -> UserUttered:
    return UserUttered("what is BPO?", {"name": "ask_what_is_bpo", "confidence": 0.98}, input_channel=channel)


def test_a_custom_action_that_produced_nothing_gets_an_apology_then_the_bot_listens(policy, domain):
    failed = [question(), ActionExecuted("action_extract_slots"), ActionExecuted("action_answer_question")]
    assert predicted(policy, domain, *failed) == APOLOGY
    apologised = [*failed, ActionExecuted(APOLOGY), BotUttered("Sorry, ...")]
    assert predicted(policy, domain, *apologised) == "action_listen"


def test_a_failed_form_gets_an_apology(policy, domain):
    failed = [question(), ActionExecuted("action_extract_slots"), ActionExecuted("prospect_form")]
    assert predicted(policy, domain, *failed) == APOLOGY


def test_a_custom_action_that_answered_leaves_the_decision_to_the_other_policies(policy, domain):
    answered = [
        question(),
        ActionExecuted("action_extract_slots"),
        ActionExecuted("action_answer_question"),
        BotUttered("Business process outsourcing (BPO) means ..."),
    ]
    assert predicted(policy, domain, *answered) is None
    # A response that Rasa sends itself is not a custom action.
    assert predicted(policy, domain, question(), ActionExecuted("utter_greet")) is None


def test_story_replays_without_a_channel_are_left_alone(policy, domain):
    # `rasa test core` replays stories without running the actions: there every action looks silent.
    replay = [
        question(channel=None),
        ActionExecuted("action_extract_slots"),
        ActionExecuted("action_answer_question"),
    ]
    assert predicted(policy, domain, *replay) is None


def test_action_responses_are_still_validated_after_the_speed_fix():
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    action = RemoteAction("action_answer_question", None)
    valid = {
        "events": [{"event": "slot", "name": "last_topic", "value": "kpis"}],
        "responses": [{"text": "hi"}],
    }
    assert action._validate_action_result(valid)
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": [{"event": "no_such_event"}]})
