"""Our patches to Rasa 3.6, applied when Rasa loads this project's components (bot/policies.py).

1. The message guard (bot/message_guard.py): every channel's messages are checked before NLU.
2. A performance fix:

Rasa checks every action-server response with `jsonschema.validate(result, schema)`. With jsonschema 4.17
(the newest that rasa 3.6 allows), `validate` first re-checks the *schema itself* against the JSON Schema
2020-12 meta-schema, on every call: about 20 ms of CPU per custom action, two or more per user message,
which made schema checks most of the Rasa server's CPU under load (profiled with py-spy during `make bench`).
The fix validates against the same schema with a validator built once: same checks, same error message.
3. Another: `Event.resolve_by_type` walks every subclass of `Event` to find an event's class, once per
event each time a tracker is read from the tracker store: 5% of the Rasa server's CPU under load. The fix
remembers the class found for each type name and asks Rasa's own lookup only for a name it has not seen.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema import ValidationError, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event

from bot import message_guard


@lru_cache(maxsize=1)
def _response_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)  # once, instead of on every response
    return validator_class(schema)


_original = RemoteAction._validate_action_result


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    try:
        _response_validator().validate(result)
    except ValidationError:
        return _original(self, result)  # Rasa's own check raises with Rasa's explanation
    return True


_original_resolve_by_type = Event.resolve_by_type
_event_classes: dict[str, type[Event]] = {}


def _resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    known = _event_classes.get(type_name)
    if known is not None:
        return known
    found = _original_resolve_by_type(type_name, default)
    if found is not None and found is not default:
        _event_classes[type_name] = found
    return found


def apply() -> None:
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_by_type)
    message_guard.apply()
