"""The rubric's four bands: apart from the scoring, so the scheduler (which maps a band to a
rating on every start) does not load the grader."""

from __future__ import annotations

from enum import StrEnum


class Band(StrEnum):
    """The rubric's four bands, best first."""

    EXCELLENT = "excellent"
    GOOD = "good"
    NEEDS_IMPROVEMENT = "needs_improvement"
    INSUFFICIENT = "insufficient"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def score_range(self) -> tuple[float, float]:
        return _RANGES[self]

    @property
    def rank(self) -> int:
        """3 for excellent down to 0 for insufficient."""
        return _ORDER.index(self)


_ORDER = (Band.INSUFFICIENT, Band.NEEDS_IMPROVEMENT, Band.GOOD, Band.EXCELLENT)
_RANGES = {
    Band.EXCELLENT: (90.0, 100.0),
    Band.GOOD: (70.0, 89.0),
    Band.NEEDS_IMPROVEMENT: (50.0, 69.0),
    Band.INSUFFICIENT: (0.0, 49.0),
}
