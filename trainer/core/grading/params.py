"""The grader's tunable numbers, in one place, and the values shipped.

Every number here was chosen by leave-one-card-out cross-validation over the labelled answers
(`python tests/accuracy.py` prints the search and both in-sample and out-of-sample figures):
for each card, the values that did best on the other cards were used to judge its answers, and
the shipped values are the ones the same search picks on every card at once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GradingParams:
    """Thresholds of concept coverage (see `concepts.py` for what each one means)."""

    threshold_share: float = 0.3
    """A passage covers a concept when its cues add up to this share of the concept's weight..."""
    threshold_cap: float = 1.5
    """...or to this much, whichever is less."""
    topic_factor: float = 1.0
    """Weight kept by topic words (the question's words every answer says)."""
    question_factor: float = 0.75
    """Weight kept by the other words of the title and main question (saying them back is no
    explanation). Searched over 0.25/0.5/0.75: 0.75 lifts honest recall 0.720 -> 0.734 and
    bands within one 82.5% -> 83.8% out of sample; 0.25 credits the wrong model answer."""
    min_distinct: int = 1
    """Distinct cues a passage needs, unless one of them is a full-weight name word."""
    min_detail: int = 0
    """Distinct cues a passage needs beyond the concept's name words: saying what, not naming."""
    hedge_penalty: float = 0.5
    """Share of a hedged passage's weight taken off ("somehow", "I think": named, not stated)."""
    min_novel: int = 0
    """Distinct cues a passage needs that the question does not say (measured: 1 costs honest
    recall 0.69 -> 0.64 and bands within one 85% -> 77%; topic words already cover it)."""
    model_floor: float = 0.6
    """A concept's threshold may drop to what the card's model answer shows of it, down to this
    share of it (1: never drops)."""
    solo_weight: float = 1.0
    """A single cue of at least this weight is enough on its own (above 1: never)."""
    window: int = 1
    """Neighbouring chunks a passage may take in besides its own (0: one chunk only). Measured:
    2 would lift honest recall 0.70 -> 0.72 and bands within one 80% -> 82% out of sample, but
    evidence is a chunk at most with its neighbour (issue 11), so the search stops at 1."""
    semantic_weight: float = 0.0
    """How much the optional sentence-embedding similarity moves the cue strength."""
    semantic_center: float = 0.35
    """The similarity that neither helps nor hurts."""
    semantic_floor: float = 0.5
    """Cue strength a passage needs before similarity may lift it (never similarity alone)."""


DEFAULT_PARAMS = GradingParams()
