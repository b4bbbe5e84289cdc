"""Time against the answer budget: telling the user once when each bound passes, and what a
long overrun does to the suggested rating. Plain data in, plain data out (no clock reads)."""

from __future__ import annotations

from dataclasses import dataclass

from fsrs import Rating

from trainer.core.cards.budgets import TimeRange
from trainer.core.practice.clock import ClockState, clock_state, format_seconds

FAR_OVER = 0.5  # past the budget's high end by more than this share of it: the rating drops

ALERTS = {  # in the order the bounds pass
    ClockState.WARNING: "Answer time: {low} used, the {budget} budget begins: time to wrap up.",
    ClockState.OVER: "Answer time: past {high}, the end of the {budget} budget.",
}


class BoundAlerts:
    """Says once each when the answer's elapsed time passes the budget's low and high ends.

    Bounds already behind when it is made (a resumed draft) are not announced again."""

    def __init__(self, budget: TimeRange, elapsed: float = 0.0) -> None:
        self.budget = budget
        self._said = _passed(clock_state(elapsed, budget))

    def due(self, elapsed: float) -> list[str]:
        """The alerts to give now (each once in the life of the drill), oldest first."""
        passed = _passed(clock_state(elapsed, self.budget))
        new = [state for state in ALERTS if state in passed and state not in self._said]
        self._said.update(new)
        return [self._message(state) for state in new]

    def _message(self, state: ClockState) -> str:
        low, high = self.budget.low, self.budget.high
        return ALERTS[state].format(
            low=format_seconds(low), high=format_seconds(high), budget=self.budget
        )


def _passed(state: ClockState) -> set[ClockState]:
    if state is ClockState.OVER:
        return {ClockState.WARNING, ClockState.OVER}
    return {ClockState.WARNING} if state is ClockState.WARNING else set()


@dataclass(frozen=True)
class OvertimeVerdict:
    """What the time used does to the suggested rating, and why, in words."""

    rating: Rating
    dropped: bool
    overrun: float  # seconds past the budget's high end (0 when within it)

    def explain(self, budget: TimeRange) -> str:
        """One plain sentence for the review (empty when the answer kept to its budget)."""
        if self.overrun <= 0:
            return ""
        said = f"The answer ran {format_seconds(self.overrun)} over its {budget} budget"
        if self.dropped:
            return (
                f"{said}, more than half as long again: the suggested rating drops one step "
                f"to {self.rating.name}."
            )
        return f"{said}."


def rating_after_time(rating: Rating, elapsed: float, budget: TimeRange) -> OvertimeVerdict:
    """The suggested rating once time is counted: one step lower (never below Again) when the
    answer ran past the budget's high end by more than half of it."""
    overrun = max(0.0, elapsed - budget.high)
    if overrun <= budget.high * FAR_OVER:
        return OvertimeVerdict(rating, False, overrun)
    lower = Rating(max(Rating.Again.value, rating.value - 1))
    return OvertimeVerdict(lower, lower != rating, overrun)
