"""The numbers behind the progress charts: bars in eighths, a shared time axis, month labels."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from trainer.core.history.charts import TimeAxis, bar_cells, level, month_labels, score_strip
from trainer.core.wording import plural


@pytest.mark.parametrize(
    ("value", "top", "height", "cells"),
    [
        (0, 5, 2, [" ", " "]),
        (5, 5, 2, ["█", "█"]),
        (1, 4, 2, [" ", "▄"]),
        (3, 4, 2, ["▄", "█"]),
        (1, 100, 2, [" ", "▁"]),  # one still shows
        (0, 0, 1, [" "]),
    ],
)
def test_bar_cells(value: int, top: int, height: int, cells: list[str]) -> None:
    assert bar_cells(value, top, height) == cells


def test_score_levels() -> None:
    assert [level(score) for score in (0, 50, 100, 140)] == ["▁", "▄", "█", "█"]


def test_time_axis_and_strip() -> None:
    axis = TimeAxis(date(2026, 1, 1), date(2026, 1, 30), columns=10)
    assert axis.days == 3 and axis.used == 10
    assert axis.column(date(2026, 1, 3)) == 0 and axis.column(date(2026, 1, 4)) == 1
    assert axis.start_of(2) == date(2026, 1, 7)
    points = [(date(2026, 1, 1), 10.0), (date(2026, 1, 2), 90.0), (date(2026, 1, 30), 50.0)]
    strip = score_strip(points, axis)
    assert strip[0] == 90.0 and strip[-1] == 50.0 and strip[1:-1] == [None] * 8  # the last wins
    short = TimeAxis(date(2026, 1, 1), date(2026, 1, 5), columns=40)
    assert short.days == 1 and short.used == 5


def test_month_labels() -> None:
    mondays = [date(2026, 1, 26) + timedelta(weeks=week) for week in range(6)]
    # The week of Jan 26 holds Feb 1, the week of Feb 23 holds Mar 1.
    assert month_labels(mondays, width=2) == [(0, "Feb"), (4, "Mar")]
    later = [date(2026, 2, 2) + timedelta(weeks=week) for week in range(5)]
    assert month_labels(later, width=2) == [(0, "Feb"), (3, "Mar")]
    days = [date(2026, 3, 30) + timedelta(days=day) for day in range(4)]
    assert month_labels(days, width=1) == [(0, "Mar"), (2, "Apr")]
    assert month_labels([]) == []
    fortnights = [date(2025, 7, 7) + timedelta(days=17 * column) for column in range(12)]
    labels = month_labels(fortnights, width=4)  # a month begins in almost every column
    assert [month for _, month in labels] == ["Aug", "Oct", "Jan"]  # Aug 1 in column 1
    assert all(b[0] - a[0] >= 4 for a, b in itertools.pairwise(labels))


def test_plural() -> None:
    assert [plural(n, "attempt") for n in (0, 1, 2)] == ["0 attempts", "1 attempt", "2 attempts"]
    assert plural(1, "day") == "1 day" and plural(3, "entry", "entries") == "3 entries"
