"""Why a verdict: the passage that earned each covered concept, and what would earn a missed one.

A covered concept carries its `Evidence` (the passage's span in the answer, its text and the
cue words found). For a missed concept, `missed_hint` gives what would have earned it: the
card's description of the concept and the passage of the card's own model answer that covers
it, found by running the same grader on that model answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from trainer.core.cards.model import Card
from trainer.core.grading.concepts import Evidence
from trainer.core.grading.params import DEFAULT_PARAMS, GradingParams

CAVEAT = (
    "Keyword matching sees topic, not truth: the right words with wrong claims "
    "still score, so check the verdicts against the model answer."
)
"""The one line the review shows beside the score."""


def caveat() -> str:
    """What the grader cannot judge, in one line for the review."""
    return CAVEAT


@dataclass(frozen=True)
class MissedHint:
    """What would have earned a missed concept."""

    concept: str
    description: str
    """The card's own description of the concept."""
    model_passage: Evidence | None
    """The passage of the card's excellent model answer that covers it (offsets into that
    answer, `card.sample_excellent`), or None when the model answer does not cover it."""


def evidence_record(evidence: Evidence) -> dict[str, object]:
    """The JSON shape of one concept's evidence: start, end, text, cues."""
    return {
        "start": evidence.start,
        "end": evidence.end,
        "text": evidence.text,
        "cues": list(evidence.cues),
    }


def missed_hint(
    card: Card, concept_name: str, params: GradingParams = DEFAULT_PARAMS
) -> MissedHint:
    """The description and the model answer's passage for one concept of the card."""
    concept = next(
        (c for c in (*card.core_concepts, *card.bonus_concepts) if c.name == concept_name), None
    )
    if concept is None:
        raise KeyError(f"{card.id} has no concept {concept_name!r}")
    return MissedHint(
        concept.name, concept.description, model_passages(card, params).get(concept.name)
    )


def model_passages(card: Card, params: GradingParams = DEFAULT_PARAMS) -> dict[str, Evidence]:
    """Concept name -> the passage of the card's excellent model answer that covers it."""
    return dict(_model_passages(card, params))


@lru_cache(maxsize=256)
def _model_passages(card: Card, params: GradingParams) -> tuple[tuple[str, Evidence], ...]:
    from trainer.core.grading.scoring import Scorer  # scoring imports this module

    if not card.sample_excellent.strip():
        return ()
    report = Scorer(card, params).score(card.sample_excellent)
    return tuple(
        (concept.name, concept.evidence)
        for concept in report.concepts
        if concept.evidence is not None
    )
