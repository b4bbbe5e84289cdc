"""A table of cards that draws only the rows on screen: showing 5,000 cards, or a filter's
result, is one assignment, never 5,000 rows built (a DataTable rebuilt per key took 0.4 s)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from trainer.core.cards.model import Card
from trainer.core.terminal_text import visible

HEADERS = ("Level", "Topic", "Title")
WIDEST = 24
"""A level or topic column is as wide as its longest cell, up to this; the title has the rest."""


class CardTable(ScrollView, can_focus=True):
    """Cards as rows (level, topic, title) under a fixed header, with a row cursor."""

    COMPONENT_CLASSES = {"card-table--header", "card-table--cursor", "card-table--even"}
    # The widget's own parts (a component class is styled where it is declared, as Textual's
    # DataTable does); the screen's layout of it is in app.tcss.
    DEFAULT_CSS = """
    CardTable { overflow-x: hidden; }
    CardTable > .card-table--header { text-style: bold; color: $text-accent; }
    CardTable > .card-table--even { background: $surface-lighten-1; }
    CardTable > .card-table--cursor {
        background: $block-cursor-blurred-background;
    }
    CardTable:focus > .card-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
    ]

    cursor_row: reactive[int] = reactive(0)

    class Highlighted(Message):
        """The cursor is on another card (or on none: an empty table)."""

        def __init__(self, table: CardTable, card: Card | None) -> None:
            super().__init__()
            self.table = table
            self.card = card

        @property
        def control(self) -> CardTable:
            return self.table

    class Selected(Message):
        """Enter or a click on a row."""

        def __init__(self, table: CardTable, card: Card) -> None:
            super().__init__()
            self.table = table
            self.card = card

        @property
        def control(self) -> CardTable:
            return self.table

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cards: Sequence[Card] = ()
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
    def row_count(self) -> int:
        return len(self.cards)

    @property
    def current(self) -> Card | None:
        return self.cards[self.cursor_row] if 0 <= self.cursor_row < len(self.cards) else None

    def show(self, cards: Sequence[Card]) -> None:
        """Show these cards, the cursor on the first."""
        self.cards = cards
        self.virtual_size = Size(self.size.width, len(cards) + 1)
        self.set_reactive(CardTable.cursor_row, 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.cards) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # less the header

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + self._page_height():
            y = self.cursor_row - self._page_height() + 1
            self.scroll_to(y=y, animate=False, immediate=True)

    def action_move(self, rows: int) -> None:
        self.cursor_row += rows

    def action_page(self, pages: int) -> None:
        self.cursor_row += pages * self._page_height()

    def action_move_to(self, row: int) -> None:
        self.cursor_row = row if row >= 0 else len(self.cards) - 1

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.current is not None:
            event.stop()
            self.post_message(self.Selected(self, self.current))

    def on_click(self, event: events.Click) -> None:
        row = event.y - 1 + round(self.scroll_offset.y)  # the header is the first line
        if event.y >= 1 and 0 <= row < len(self.cards):
            self.cursor_row = row
            if event.chain >= 2:
                self.post_message(self.Selected(self, self.cards[row]))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.cards) + 1)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            style = self.get_component_rich_style("card-table--header")
            return self._strip(HEADERS, width, style)
        row = y - 1 + round(self.scroll_offset.y)
        if row >= len(self.cards):
            return Strip.blank(width, self.rich_style)
        card = self.cards[row]
        if row == self.cursor_row:
            style = self.get_component_rich_style("card-table--cursor")
        elif row % 2:
            style = self.get_component_rich_style("card-table--even")
        else:
            style = self.rich_style
        return self._strip([card.level, card.topic, card.title], width, style)

    def _strip(self, cells: Sequence[str], width: int, style: Style) -> Strip:
        level, topic, title = (visible(cell) for cell in cells)  # data: shown, never run
        text = f" {set_cell_size(level, self.widths[0])}  {set_cell_size(topic, self.widths[1])}"
        return Strip([Segment(set_cell_size(f"{text}  {title}", width), style)], width)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
