"""Text that changes often (a clock, a word count, a checklist) without relaying out the screen."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Static


class SteadyText(Static):
    """A Static whose updates repaint only itself.

    `Static.update` lays the whole screen out again by default, which costs a full-screen
    refresh while the user types; here a layout is asked for only when the new text needs a
    different number of lines than the shown one (the first time, after a resize, or when it
    wraps differently). Showing the same text again does nothing at all.
    """

    def __init__(self, text: str | Text = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id)
        self._shown: str | Text | None = None
        self._lines: tuple[int, int] | None = None  # (content width, lines) of what is shown

    def show_text(self, text: str | Text) -> None:
        """Show `text`, laying the screen out again only if its height changes."""
        if self._shown is not None and text == self._shown:
            return
        lines = self._lines_at_width(text)
        self.update(text, layout=lines is None or lines != self._lines)
        self._shown, self._lines = text, lines

    def _lines_at_width(self, text: str | Text) -> tuple[int, int] | None:
        width = self.content_size.width
        if width <= 0:  # not laid out yet: the first layout sizes it
            return None
        plain = text.plain if isinstance(text, Text) else text
        return width, len(Content(plain).wrap(width))
