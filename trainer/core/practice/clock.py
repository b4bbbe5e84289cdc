"""The phase clock: budgets, pause and resume, calm / warning / over time. It never reads the
time itself: every call takes `now` (monotonic seconds) from the caller, so tests move time."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from trainer.core.cards.budgets import TimeRange


class ClockState(StrEnum):
    """Calm before the budget's low end, warning inside the budget, over after its high end."""

    CALM = "calm"
    WARNING = "warning"
    OVER = "over"


def clock_state(elapsed: float, budget: TimeRange) -> ClockState:
    if elapsed < budget.low:
        return ClockState.CALM
    if elapsed <= budget.high:
        return ClockState.WARNING
    return ClockState.OVER


def format_seconds(seconds: float) -> str:
    """m:ss (or h:mm:ss past an hour); negative values get a minus sign."""
    sign = "-" if seconds < 0 else ""
    whole = int(abs(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"


@dataclass
class PhaseClock:
    """Elapsed time of one phase, which can be paused; it counts on past the budget."""

    budget: TimeRange
    accumulated: float = 0.0
    running_since: float | None = None

    def start(self, now: float) -> None:
        if self.running_since is None:
            self.running_since = now

    def pause(self, now: float) -> None:
        if self.running_since is not None:
            self.accumulated += max(0.0, now - self.running_since)
            self.running_since = None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def elapsed(self, now: float) -> float:
        running = max(0.0, now - self.running_since) if self.running_since is not None else 0.0
        return self.accumulated + running

    def state(self, now: float) -> ClockState:
        return clock_state(self.elapsed(now), self.budget)

    def describe(self, now: float) -> str:
        """What the timer shows: elapsed time, the budget, and where it stands, in words."""
        used, standing = self.describe_lines(now)
        return f"{used} · {standing}" if standing else used

    def describe_lines(self, now: float) -> tuple[str, str]:
        """`describe` in two short parts (each fits a narrow side panel on one line): the
        time against the budget, and where it stands (empty while calm and running)."""
        elapsed = self.elapsed(now)
        state = clock_state(elapsed, self.budget)
        standing = []
        if state is ClockState.WARNING:
            standing.append(f"wrap up ({format_seconds(self.budget.high - elapsed)} left)")
        elif state is ClockState.OVER:
            standing.append(f"over by {format_seconds(elapsed - self.budget.high)}")
        if not self.running:
            standing.append("paused")
        return f"{format_seconds(elapsed)} / {self.budget}", " · ".join(standing)
