"""Progress over weeks: scores over time, reviews per day and retention by month, from a
history's digest (the concepts a person keeps missing are counted in `missed`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from trainer.core.history.digest import Digest


@dataclass(frozen=True)
class ScoreSeries:
    """One topic's scores over time (or every topic's: the series named "")."""

    days: list[tuple[date, float]]  # each day's last score, in order
    attempts: int

    @property
    def last(self) -> float | None:
        return self.days[-1][1] if self.days else None


def score_series(digest: Digest) -> dict[str, ScoreSeries]:
    """Every topic's series, by name ("" first: all topics)."""
    return {
        topic: ScoreSeries(
            [(date.fromordinal(day), score) for day, (_, score) in sorted(days.items())],
            digest.topic_attempts.get(topic, 0),
        )
        for topic, days in sorted(digest.day_last.items())
    }


def calendar_weeks(counts: Counter[date], today: date, weeks: int) -> list[list[int | None]]:
    """A heatmap grid: one row per weekday (Monday first), one column per week, ending with
    the week of `today`; days after today are None."""
    last_monday = today - timedelta(days=today.weekday())
    first_monday = last_monday - timedelta(weeks=weeks - 1)
    grid: list[list[int | None]] = [[] for _ in range(7)]
    for week in range(weeks):
        for weekday in range(7):
            day = first_monday + timedelta(weeks=week, days=weekday)
            grid[weekday].append(None if day > today else counts.get(day, 0))
    return grid
