"""The numbers behind the progress charts, placed in columns: scores along a shared time
axis, where month labels fall, and how tall a bar is in eighths of a cell."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trainer.core.store.records import AttemptSummary

EIGHTHS = " ▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class TimeAxis:
    """`columns` columns from `first` to `last` (inclusive), `days` days in each column."""

    first: date
    last: date
    columns: int

    @property
    def days(self) -> int:
        span = (self.last - self.first).days + 1
        return max(1, -(-span // self.columns))  # ceiling: every day has a column

    def column(self, day: date) -> int:
        return min(self.columns - 1, (day - self.first).days // self.days)

    def start_of(self, column: int) -> date:
        return self.first + timedelta(days=column * self.days)

    @property
    def used(self) -> int:
        """How many columns the days fill (fewer than `columns` for a short history)."""
        return self.column(self.last) + 1


def dated_scores(summaries: Iterable[AttemptSummary]) -> dict[str, list[tuple[date, float]]]:
    """(local day, score) in time order, overall (key "") and for each topic."""
    series: dict[str, list[tuple[date, float]]] = defaultdict(list)
    for summary in sorted(summaries, key=lambda s: s.started):
        point = (summary.started.astimezone().date(), summary.score)
        series[""].append(point)
        series[summary.topic or "other"].append(point)
    return dict(series)


def score_strip(points: Sequence[tuple[date, float]], axis: TimeAxis) -> list[float | None]:
    """Per column of the axis, the last score in its days (None: no attempt then)."""
    strip: list[float | None] = [None] * axis.used
    for day, score in dict(points).items():  # each day's last score: days, not attempts
        strip[axis.column(day)] = score
    return strip


def level(score: float, top: float = 100.0) -> str:
    """One cell for a score: ▁ for the lowest, █ for the top (an attempt always shows)."""
    eighths = round(max(0.0, min(score, top)) / top * 8) if top else 0
    return EIGHTHS[max(1, eighths)]


def bar_cells(value: int, top: int, height: int) -> list[str]:
    """A bar `height` cells tall for `value` out of `top`, top cell first, in eighths."""
    filled = round(value / top * height * 8) if top else 0
    if value and not filled:
        filled = 1  # a count of one still shows
    cells = []
    for row in range(height - 1, -1, -1):
        cells.append(EIGHTHS[max(0, min(8, filled - row * 8))])
    return cells


def month_labels(starts: Sequence[date], width: int = 3) -> list[tuple[int, str]]:
    """(column, "Mar") where each month begins among columns starting on `starts`: at every
    column holding a month's first day, and at the first column (labels `width` apart at
    least, the later month kept when two would touch)."""
    labels: list[tuple[int, str]] = []
    for index, start in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else start + timedelta(days=7)
        holds_first = start.day == 1 or start.month != (following - timedelta(days=1)).month
        if index == 0 or holds_first:
            month = following - timedelta(days=1) if holds_first and start.day != 1 else start
            if labels and index - labels[-1][0] < width:
                labels.pop()  # the newer month wins the room
            labels.append((index, f"{month:%b}"))
    return labels
