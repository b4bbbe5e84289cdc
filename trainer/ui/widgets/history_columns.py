"""The history table's columns sized to the terminal: the score and the band always show,
titles are cut with an ellipsis, and the least needed columns go first when space runs out."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

from trainer.core.practice.clock import format_seconds
from trainer.core.store.records import AttemptSummary, Mode
from trainer.core.terminal_text import visible
from trainer.core.wording import score_label

SCROLLBAR = 2  # the table's vertical scrollbar
GAP = 1  # one space before each column


@dataclass(frozen=True)
class Column:
    """One column: its key, header, narrowest and preferred widths, and when it may go."""

    key: str
    label: str
    least: int
    ideal: int
    drop: int = 0  # 0: always shown; otherwise dropped in this order (1 first) when too narrow
    right: bool = False  # numbers line up on the right

    def cell(self, text: str, width: int) -> str:
        """`text` in this column `width` wide: the gap before it, cut with an ellipsis when
        too long, numbers on the right; exactly `width + GAP` cells."""
        if cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        if self.right:
            return " " * (width + GAP - cell_len(text)) + text
        return " " * GAP + set_cell_size(text, width)


COLUMNS = (
    Column("mark", " ", 1, 1),
    Column("date", "Date", 10, 10),
    Column("who", "Who", 5, 10, drop=3),
    Column("card", "Card", 18, 70),
    Column("topic", "Topic", 7, 20, drop=2),  # "distributed-storage"
    Column("level", "Lvl", 3, 3),
    Column("mode", "Mode", 4, 10),
    Column("score", "Score", 5, 5, right=True),
    Column("band", "Band", 17, 17),
    Column("time", "Time used", 7, 9, drop=1, right=True),
)
# Who gets spare room, in turn, and up to what width (None: its ideal): a title readable
# first, then every small column whole, then the rest of the titles.
_GROWS: tuple[tuple[str, int | None], ...] = (
    ("card", 24),
    ("time", None),
    ("mode", None),
    ("topic", None),
    ("who", None),
    ("card", None),
)


def fit_columns(width: int, everyone: bool, longest_title: int = 0) -> list[tuple[Column, int]]:
    """The columns to show at this terminal width and the width of each (without the gap);
    the card column grows no wider than the longest title (white space reads as nothing)."""
    columns = [c for c in COLUMNS if everyone or c.key != "who"]

    def room(shown: list[Column]) -> int:
        return width - SCROLLBAR - GAP * len(shown)

    for column in sorted((c for c in columns if c.drop), key=lambda c: c.drop):
        if sum(c.least for c in columns) <= room(columns):
            break
        columns.remove(column)
    widths = {c.key: c.least for c in columns}
    spare = room(columns) - sum(widths.values())
    by_key = {c.key: c for c in columns}
    for key, most in _GROWS:
        if key not in by_key or spare <= 0:
            continue
        ideal = by_key[key].ideal if most is None else most
        if key == "card":
            ideal = min(ideal, max(by_key[key].least, longest_title))
        grow = max(0, min(spare, ideal - widths[key]))
        widths[key] += grow
        spare -= grow
    return [(c, widths[c.key]) for c in columns]


def header_cells(columns: list[tuple[Column, int]]) -> list[str]:
    """The header's cells, for the columns shown."""
    return [column.cell(column.label, width) for column, width in columns]


def row_cells(
    summary: AttemptSummary, columns: list[tuple[Column, int]], marked: bool, title: str
) -> list[str]:
    """The cells of one attempt's row, for the columns shown (the attempt's own text made
    visible: shown, never run)."""
    return [
        column.cell(_text(summary, column, width, marked, title), width)
        for column, width in columns
    ]


def _text(summary: AttemptSummary, column: Column, width: int, marked: bool, title: str) -> str:
    key = column.key
    if key == "mark":
        return "*" if marked else " "
    if key == "date":
        return f"{summary.started.astimezone():%Y-%m-%d}"
    if key == "who":
        return visible(summary.profile)
    if key == "card":
        return visible(title)
    if key == "topic":
        return visible(summary.topic)
    if key == "level":
        return visible(summary.level)
    if key == "mode":
        pair = f"pair ({summary.interviewer})" if summary.interviewer else "pair"
        if len(pair) > width:  # "pair" says more than "pai…"; who was there is in the view
            pair = "pair"
        return visible(pair) if summary.mode is Mode.PAIR else "solo"
    if key == "score":
        return score_label(summary.score)  # as the attempt shows it: 58.5, not 58
    if key == "band":
        return summary.band.label
    return time_used(summary)


def time_used(summary: AttemptSummary) -> str:
    """The answer's time against the top of its budget, "3:20/4m" ("" without a budget)."""
    if not summary.answer_budget:
        return ""
    return f"{format_seconds(summary.answer_seconds)}/{summary.answer_budget // 60}m"
