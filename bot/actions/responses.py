"""Domain responses rendered to text inside an action, in the visitor's language (for replies built from
several responses, such as the recommendation)."""

from __future__ import annotations

from typing import Any


def render(domain: dict, response: str, language: str, **values: Any) -> str:
    """The text of a domain response in `language` (its language variation, else its default), filled in."""
    variations = (domain.get("responses") or {}).get(response) or []
    default = next((v for v in variations if not v.get("condition")), None)
    chosen = next((v for v in variations if _is_language_variation(v, language)), default)
    if chosen is None:
        raise KeyError(f"response '{response}' is missing from the domain")
    return chosen["text"].format(**values)


def _is_language_variation(variation: dict, language: str) -> bool:
    return any(
        c.get("name") == "language" and c.get("value") == language for c in variation.get("condition") or []
    )


def joined(items: tuple[str, ...] | list[str], conjunction: str) -> str:
    """ "Italian", "Italian and German", "Italian, German and French"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
