"""Which passages of an answer lead the reply, and when a passage of another topic joins them: plain
functions of the passages and their relevance to the question (knowledge.ranking), used by
knowledge.answering.
"""

from __future__ import annotations

from collections.abc import Callable

from knowledge.queries import Passage
from knowledge.ranking import passage_key

# Below this best relevance the question is general ("tell me about BPO"): the whole answer, in order.
FOCUS_THRESHOLD = 0.12
# Passages at least this share of the best relevance also lead.
LEAD_SHARE = 0.6
MAX_FOCUSED_PASSAGES = 3
# A passage of another candidate topic joins the reply when it fits the question at least this well, both
# absolutely and as a share of the reply's best passage, and shows a fact the reply does not.
SUPPLEMENT_MATCH = 0.3
SUPPLEMENT_SHARE = 0.7


def lead_with_relevant(passages: tuple[Passage, ...], relevance: dict) -> tuple[Passage, ...]:
    """General question: every passage in order. Specific one: the relevant passages first, then context."""
    if not passages:
        return passages
    scores = [relevance.get(passage_key(p), 0.0) for p in passages]
    best = max(scores)
    if best < FOCUS_THRESHOLD:
        return passages
    leading = sorted(
        (p for p, s in zip(passages, scores, strict=True) if leads(s, best)),
        key=lambda p: -relevance.get(passage_key(p), 0.0),
    )
    rest = [p for p in passages if p not in leading]
    return tuple([*leading, *rest][: max(MAX_FOCUSED_PASSAGES, len(leading))])


def with_new_information(
    elsewhere: dict[Passage, float],
    chosen: tuple[Passage, ...],
    relevance: dict,
    adds_to: Callable[[Passage], bool],
) -> tuple[Passage, ...]:
    """The chosen passages, with the best passage of another candidate topic after the leading ones when it
    fits the question almost as well and adds to them (`adds_to`: a fact or words of the question).

    "Is BPO still mostly about factories?" is history and today; "why are call-center jobs entry-level?" is
    pay and the skills the work needs. Knowledge is split by topic; a question need not be.
    """
    best = max((relevance.get(passage_key(p), 0.0) for p in chosen), default=0.0)
    if best < FOCUS_THRESHOLD:
        return chosen  # a general question: its topic's whole answer
    texts = {p.text for p in chosen}
    fitting = [
        (score, p)
        for p, score in elsewhere.items()
        if score >= max(SUPPLEMENT_MATCH, SUPPLEMENT_SHARE * best) and p.text not in texts and adds_to(p)
    ]
    if not fitting:
        return chosen
    _, extra = max(fitting, key=lambda item: item[0])
    leading = sum(1 for p in chosen if leads(relevance.get(passage_key(p), 0.0), best))
    return (*chosen[:leading], extra, *chosen[leading:])


def leads(score: float, best: float) -> bool:
    """Whether a passage scoring `score` is among those the reply leads with."""
    return score >= LEAD_SHARE * best
