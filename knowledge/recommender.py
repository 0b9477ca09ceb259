"""Which of the four service models fits a prospect's needs, and why. Plain Python, table-driven.

The office type of each process comes from the knowledge-base glossary (service -> broader office term); the
rule table below maps "customer-facing work? internal work? channels beyond the phone?" to a model code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from knowledge.glossary import Term
from knowledge.queries import KnowledgeBase, ServiceModelView

BACK_OFFICE = "back_office"
FRONT_OFFICE = "front_office"
PHONE = "phone"

# (customer-facing work, internal work, customer channels beyond the phone) -> model code; None = any.
MODEL_RULES: tuple[tuple[tuple[bool, bool, bool | None], str], ...] = (
    ((True, True, None), "bpo_full"),
    ((False, True, None), "bpo_back_office"),
    ((True, False, True), "bpo_front_office"),
    ((True, False, False), "call_center"),
)


@dataclass(frozen=True)
class Needs:
    """A prospect's needs as glossary term keys (processes are services, languages are language terms)."""

    processes: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    hours: str | None = None


@dataclass(frozen=True)
class Recommendation:
    model: ServiceModelView
    front_office: tuple[str, ...]  # labels of the customer-facing processes, in the answer's language
    back_office: tuple[str, ...]  # labels of the internal processes
    channels: tuple[str, ...]  # labels of the channels
    phone_assumed: bool  # customer-facing work but no channel named: the phone is assumed
    languages_served: tuple[str, ...]
    languages_not_listed: tuple[str, ...]
    served_languages: tuple[str, ...] = field(default=())  # every language the knowledge base lists as served
    hours: str | None = None

    @property
    def code(self) -> str:
        return self.model.code


class NoProcessesError(ValueError):
    """Nothing to recommend on: no process the glossary knows as a service."""


def choose_model(has_front: bool, has_back: bool, beyond_phone: bool) -> str:
    for (front, back, multichannel), code in MODEL_RULES:
        if front == has_front and back == has_back and multichannel in (None, beyond_phone):
            return code
    raise NoProcessesError("no customer-facing or internal process to base a recommendation on")


def model_for_terms(terms: Iterable[Term]) -> str | None:
    """The model for the work a question names ("which model for customer service and accounting?"):
    services by their office, channels as customer-facing work, office terms as themselves."""
    terms = list(terms)
    services = [t for t in terms if t.kind == "service"]
    channels = [t for t in terms if t.kind == "channel"]
    offices = {t.key for t in terms if t.kind == "office"}
    has_back = BACK_OFFICE in offices or any(t.broader == BACK_OFFICE for t in services)
    has_front = FRONT_OFFICE in offices or bool(channels) or any(t.broader != BACK_OFFICE for t in services)
    if not (has_front or has_back):
        return None
    return choose_model(has_front, has_back, any(c.key != PHONE for c in channels))


def split_by_office(
    kb: KnowledgeBase, processes: Iterable[str], language: str
) -> tuple[list[str], list[str]]:
    """Labels of the customer-facing and of the internal services among `processes` (unknown keys skipped)."""
    front, back = [], []
    for key in dict.fromkeys(processes):
        term = kb.term(key, language)
        if term is not None and term.kind == "service":
            (back if term.broader == BACK_OFFICE else front).append(term.label)
    return front, back


def recommend(kb: KnowledgeBase, needs: Needs, language: str) -> Recommendation:
    front, back = split_by_office(kb, needs.processes, language)
    channels = [kb.term(key, language) for key in dict.fromkeys(needs.channels)]
    channels = [c for c in channels if c is not None and c.kind == "channel"]
    beyond_phone = any(c.key != PHONE for c in channels)
    code = choose_model(bool(front), bool(back), beyond_phone)
    languages = [kb.term(key, language) for key in dict.fromkeys(needs.languages)]
    languages = [t for t in languages if t is not None and t.kind == "language"]
    return Recommendation(
        model=kb.service_model(code, language),
        front_office=tuple(front),
        back_office=tuple(back),
        channels=tuple(c.label for c in channels),
        phone_assumed=bool(front) and not channels,
        languages_served=tuple(t.label for t in languages if t.served),
        languages_not_listed=tuple(t.label for t in languages if not t.served),
        served_languages=tuple(t.label for t in kb.terms("language", language) if t.served),
        hours=needs.hours,
    )
