"""The bank's cards in a table that draws only the rows on screen: showing 5,000 cards, or a
filter's result, is one assignment, never 5,000 rows built (a DataTable rebuilt per key took
0.4 s)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from trainer.core.cards.model import Card
from trainer.core.terminal_text import visible
from trainer.ui.widgets.row_table import RowTable

HEADERS = ("Level", "Topic", "Title")
WIDEST = 24
"""A level or topic column is as wide as its longest cell, up to this; the title has the rest."""


class CardTable(RowTable[Card]):
    """Cards as rows (level, topic, title) under a fixed header, with a row cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.widths = (len(HEADERS[0]), len(HEADERS[1]))

    def fit_columns(self, cards: Sequence[Card]) -> None:
        """Size the level and topic columns for these cards (the whole bank: kept while
        filtering, so the columns never jump)."""
        level = max((cell_len(visible(card.level)) for card in cards), default=0)
        topic = max((cell_len(visible(card.topic)) for card in cards), default=0)
        self.widths = (
            min(WIDEST, max(level, len(HEADERS[0]))),
            min(WIDEST, max(topic, len(HEADERS[1]))),
        )

    @property
    def cards(self) -> Sequence[Card]:
        return self.rows

    def header_strip(self, width: int, style: Style) -> Strip:
        return self._strip(HEADERS, width, style)

    def row_strip(self, index: int, row: Card, width: int, style: Style) -> Strip:
        return self._strip([row.level, row.topic, row.title], width, style)

    def _strip(self, cells: Sequence[str], width: int, style: Style) -> Strip:
        level, topic, title = (visible(cell) for cell in cells)  # data: shown, never run
        text = f" {set_cell_size(level, self.widths[0])}  {set_cell_size(topic, self.widths[1])}"
        return Strip([Segment(set_cell_size(f"{text}  {title}", width), style)], width)
