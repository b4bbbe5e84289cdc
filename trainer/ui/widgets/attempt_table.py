"""The history's attempts in a table that draws only the rows on screen: a filter's result at
50,000 attempts is one assignment, and a key costs the rows in view, not the rows matched."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from trainer.core.store.records import AttemptSummary
from trainer.ui.widgets.history_columns import GAP, Column, header_cells
from trainer.ui.widgets.row_table import RowTable

Cells = Callable[[AttemptSummary], Sequence[str]]


def _no_cells(summary: AttemptSummary) -> Sequence[str]:
    return ()


class AttemptTable(RowTable[AttemptSummary]):
    """Attempts as rows, in the columns the screen fitted to its width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: list[tuple[Column, int]] = []
        self.cells_of: Cells = _no_cells

    def set_columns(self, columns: list[tuple[Column, int]], cells_of: Cells) -> None:
        """The columns and how a row's cells are made, each exactly its column's width (the
        rows are drawn again)."""
        self.columns, self.cells_of = columns, cells_of
        self.refresh()

    def cells(self, index: int) -> list[str]:
        """One row's cells, as shown."""
        return list(self.cells_of(self.rows[index]))

    def header_strip(self, width: int, style: Style) -> Strip:
        return self._strip(header_cells(self.columns), width, style)

    def row_strip(self, index: int, row: AttemptSummary, width: int, style: Style) -> Strip:
        return self._strip(self.cells_of(row), width, style)

    def _strip(self, cells: Sequence[str], width: int, style: Style) -> Strip:
        used = sum(column_width + GAP for _, column_width in self.columns)
        line = "".join(cells)
        if used < width:
            line, used = line + " " * (width - used), width
        return Strip([Segment(line, style)], used).crop(0, width)
