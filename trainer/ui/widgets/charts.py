"""Charts drawn with text, with their numbers, dates and scale beside them: they read the same
in any theme and without colour. Each chart is a widget that draws to its own width."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

from trainer.core.history.charts import TimeAxis, bar_cells, level, month_labels, score_strip
from trainer.core.history.progress import ScoreSeries
from trainer.core.wording import plural
from trainer.ui.safe_text import literal

DAY = 4  # columns per day in the forecast: room for a count of three digits and a gap
LABEL = 16  # the series' names in the score chart
SHADES = " ░▒▓█"


def forecast_text(counts: Sequence[int], today: date, height: int = 4) -> Text:
    """One bar per day with its count right above it, the weekday and the date below."""
    top = max(counts, default=0)
    days = [today + timedelta(days=offset) for offset in range(len(counts))]
    text = Text()
    text.append("".join(f"{count:^{DAY}}" for count in counts) + "\n", "bold")
    columns = [bar_cells(count, top, height) for count in counts]
    for row in range(height):
        text.append("".join(f" {column[row] * (DAY - 2)} " for column in columns) + "\n")
    text.append("─" * (DAY * len(counts)) + "\n", "dim")
    text.append("".join(f"{f'{d:%a}':^{DAY}}" for d in days))
    text.append("\n" + "".join(f"{d.day:^{DAY}}" for d in days) + "\n")
    months = dict(month_labels(days, width=1))
    text.append("".join(f"{months.get(i, ''):^{DAY}}" for i in range(len(days))), "dim")
    return text


def strips_text(series: Mapping[str, ScoreSeries], today: date, width: int) -> Text:
    """Each series' scores placed by date on one shared axis (▁ 0 to █ 100), its count and last
    score after it, the axis' dates and months under it."""
    if not series:
        return Text("No attempts yet: drill a card and come back.")
    first = min(one.days[0][0] for one in series.values() if one.days)
    notes = {name: _note(one) for name, one in series.items()}
    columns = max(8, width - LABEL - max(map(len, notes.values())) - 3)
    axis = TimeAxis(first, today, columns)
    text = Text()
    each = plural(axis.days, "day")
    text.append(f"{'':{LABEL}} scale ▁ 0 … █ 100; a column is {each}\n", "dim")
    for name, one in series.items():
        strip = score_strip(one.days, axis)
        text.append_text(literal(f"{name or 'all topics':<{LABEL}.{LABEL}} "))
        text.append("".join(" " if s is None else level(s) for s in strip).ljust(axis.used))
        text.append(f"  {notes[name]}\n")
    starts = [axis.start_of(column) for column in range(axis.used)]
    row = [" "] * axis.used
    for column, month in month_labels(starts, width=4):
        row[column : column + 3] = list(month)
    text.append(f"{'':{LABEL}} " + "".join(row).rstrip() + "\n", "dim")
    since = f"{first:%Y-%m-%d}"
    room = axis.used - len(since)  # "today" ends where the strips end, when there is room
    ends = since + ("today".rjust(room) if room > len("today") else " … today")
    text.append(f"{'':{LABEL}} {ends}", "dim")
    return text


def _note(series: ScoreSeries) -> str:
    last = "" if series.last is None else f"{series.last:.0f}"
    return f"{plural(series.attempts, 'attempt')}, last {last}"


def heatmap_text(grid: Sequence[Sequence[int | None]], first_monday: date) -> Text:
    """Attempts per day, a row per weekday and two cells per week, the months above."""
    busiest = max((count or 0 for row in grid for count in row), default=0) or 1
    weeks = len(grid[0]) if grid else 0
    mondays = [first_monday + timedelta(weeks=week) for week in range(weeks)]
    header = [" "] * (2 * weeks + 2)
    for week, month in month_labels(mondays, width=2):
        header[2 * week : 2 * week + 3] = list(month)
    text = Text("    " + "".join(header).rstrip() + "\n", "dim")
    for label, row in zip(("Mon", "", "Wed", "", "Fri", "", "Sun"), grid, strict=True):
        text.append(f"{label:4}")
        for count in row:
            if count is None:
                text.append("  ")
            else:
                shade = SHADES[min(4, (count * 4 + busiest - 1) // busiest)] if count else "·"
                text.append(shade * 2)
        text.append("\n")
    text.append(f"    · none  {SHADES[1]} few  {SHADES[4]} most ({busiest} in a day)", "dim")
    return text


class ScoreStrips(Widget):
    """The scores over time, redrawn to the width it is given."""

    def __init__(self, series: Mapping[str, ScoreSeries] | None, today: date) -> None:
        """`series` None: still being read (says so until `show`)."""
        super().__init__(id="score-strips")
        self.series = series
        self.today = today
        self._drawn: tuple[int, Text] | None = None  # (width, text): layout renders it often

    def show(self, series: Mapping[str, ScoreSeries]) -> None:
        self.series, self._drawn = series, None
        self.refresh(layout=True)

    def render(self) -> Text:
        width = self.size.width or 80
        if self.series is None:
            return Text("Reading your attempts…")
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, strips_text(self.series, self.today, width))
        return self._drawn[1]
