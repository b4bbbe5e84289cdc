"""Progress over weeks: scores over time, reviews per day, retention by month (the concepts a
person keeps missing are counted in `missed`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from trainer.core.store.records import AttemptSummary


def scores_by_topic(summaries: Iterable[AttemptSummary]) -> dict[str, list[float]]:
    """Scores in time order, overall (key "") and for each topic."""
    series: dict[str, list[float]] = defaultdict(list)
    for summary in sorted(summaries, key=lambda s: s.started):
        series[""].append(summary.score)
        series[summary.topic or "other"].append(summary.score)
    return dict(series)


def reviews_per_day(summaries: Iterable[AttemptSummary]) -> Counter[date]:
    """How many attempts were made on each local day."""
    return Counter(summary.started.astimezone().date() for summary in summaries)


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


def retention_by_month(summaries: Iterable[AttemptSummary]) -> list[tuple[str, int, float]]:
    """(YYYY-MM, rated reviews, share not rated Again) for each month with rated reviews."""
    rated: dict[tuple[int, int], list[int]] = defaultdict(list)
    for summary in summaries:
        if summary.rating is not None:
            local = summary.started.astimezone()
            rated[(local.year, local.month)].append(summary.rating)  # strftime: 3x slower
    return [
        (f"{year:04d}-{month:02d}", len(ratings), sum(r != 1 for r in ratings) / len(ratings))
        for (year, month), ratings in sorted(rated.items())
    ]
