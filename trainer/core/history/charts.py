"""The numbers behind the progress charts, placed in columns: scores along a shared time
axis, where month labels fall, and how tall a bar is in eighths of a cell."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

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


def score_strip(points: Sequence[tuple[date, float]], axis: TimeAxis) -> list[float | None]:
    """Per column of the axis, the last score in its days (None: no attempt then); `points`
    in time order, so a later one in the same column replaces an earlier one."""
    strip: list[float | None] = [None] * axis.used
    first, days, last = axis.first.toordinal(), axis.days, len(strip) - 1
    for day, score in points:  # arithmetic on ordinals: 50,000 points, three widths
        strip[min(last, (day.toordinal() - first) // days)] = score
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
    column holding a month's first day, and at the first column. Labels stay `width` apart:
    a month that begins right after the first column takes its place; later, a month whose
    label would touch the one before goes without (columns of many days: every other)."""
    labels: list[tuple[int, str]] = []
    for index, start in enumerate(starts):
        following = starts[index + 1] if index + 1 < len(starts) else start + timedelta(days=7)
        holds_first = start.day == 1 or start.month != (following - timedelta(days=1)).month
        if index == 0 or holds_first:
            month = following - timedelta(days=1) if holds_first and start.day != 1 else start
            if labels and index - labels[-1][0] < width:
                if labels[-1][0] != 0:
                    continue
                labels.pop()  # the month begun is named rather than the first column's
            labels.append((index, f"{month:%b}"))
    return labels
