"""A table that draws only the rows on screen, under a fixed header, with a row cursor.

Showing 50,000 attempts or 5,000 cards, or a filter's result, is one assignment: no row is
built until it scrolls into view (a DataTable refilled per key cost 70 ms for 50 rows, and
0.4 s for a bank). Subclasses say how the header and a row are drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Row = TypeVar("Row")


class RowTable(ScrollView, Generic[Row], can_focus=True):
    """Rows of one kind under a header line; the cursor row is highlighted."""

    COMPONENT_CLASSES = {"row-table--header", "row-table--cursor", "row-table--even"}
    # The widget's own parts (a component class is styled where it is declared, as Textual's
    # DataTable does); the screen's layout of it is in app.tcss.
    DEFAULT_CSS = """
    RowTable { overflow-x: hidden; }
    RowTable > .row-table--header { text-style: bold; color: $text-accent; }
    RowTable > .row-table--even { background: $surface-lighten-1; }
    RowTable > .row-table--cursor {
        background: $block-cursor-blurred-background;
    }
    RowTable:focus > .row-table--cursor {
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

    class _RowMessage(Message):
        def __init__(self, table: RowTable[object], row: object | None) -> None:
            super().__init__()
            self.table = table
            self.row = row

        @property
        def control(self) -> RowTable[object]:
            return self.table

    class Highlighted(_RowMessage):
        """The cursor is on another row (`row` None: an empty table)."""

    class Selected(_RowMessage):
        """Enter or a double click on a row."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: Sequence[Row] = ()

    # -- what subclasses draw ------------------------------------------------------------------

    def header_strip(self, width: int, style: Style) -> Strip:
        raise NotImplementedError

    def row_strip(self, index: int, row: Row, width: int, style: Style) -> Strip:
        raise NotImplementedError

    # -- rows and the cursor -------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor_row] if 0 <= self.cursor_row < len(self.rows) else None

    def show(self, rows: Sequence[Row], cursor: int = 0) -> None:
        """Show these rows, the cursor on row `cursor` (the first, by default)."""
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows) + 1)
        self.set_reactive(RowTable.cursor_row, self.validate_cursor_row(cursor))
        if cursor == 0:
            self.scroll_to(y=0, animate=False, immediate=True)
        else:
            self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))  # type: ignore[arg-type]

    def refresh_row(self, index: int) -> None:
        """Draw one row again (its data changed)."""
        y = index + 1 - round(self.scroll_offset.y)
        if 1 <= y < self.size.height:
            self.refresh_lines(y)

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.rows) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))  # type: ignore[arg-type]

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
        self.cursor_row = row if row >= 0 else len(self.rows) - 1

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.current is not None:
            event.stop()
            self.post_message(self.Selected(self, self.current))  # type: ignore[arg-type]

    def on_click(self, event: events.Click) -> None:
        row = event.y - 1 + round(self.scroll_offset.y)  # the header is the first line
        if event.y >= 1 and 0 <= row < len(self.rows):
            self.cursor_row = row
            if event.chain >= 2:
                self.post_message(self.Selected(self, self.rows[row]))  # type: ignore[arg-type]

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows) + 1)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self.header_strip(width, self.get_component_rich_style("row-table--header"))
        index = y - 1 + round(self.scroll_offset.y)
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        if index == self.cursor_row:
            style = self.get_component_rich_style("row-table--cursor")
        elif index % 2:
            style = self.get_component_rich_style("row-table--even")
        else:
            style = self.rich_style
        return self.row_strip(index, self.rows[index], width, style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
