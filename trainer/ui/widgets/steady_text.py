"""Text that changes often (a clock, a word count, a checklist) without relaying out the screen."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Static


class SteadyText(Static):
    """A Static whose updates repaint only itself.

    `Static.update` lays the whole screen out again by default, which costs a full-screen
    refresh while the user types; here a layout is asked for only when the new text needs a
    different number of lines than the shown one at the current width (or before the first
    layout). Showing the same text again does nothing at all.
    """

    def __init__(self, text: str | Text = "", *, id: str | None = None) -> None:
        super().__init__(text, id=id)
        self._shown: str | Text | None = None
        self._lines: tuple[int, int] | None = None  # (content width, lines) of what is shown

    def show_text(self, text: str | Text) -> None:
        """Show `text`, laying the screen out again only if its height changes."""
        if self._shown is not None and text == self._shown:
            return
        width = self.content_size.width
        lines = self._lines_at(text, width)
        shown = self._shown_lines(width)
        self.update(text, layout=lines is None or lines != shown)
        self._shown = text
        self._lines = None if lines is None else (width, lines)

    def _shown_lines(self, width: int) -> int | None:
        """The lines the shown text takes at this width (measured again after a resize: the
        screen was laid out then, so only a change from that height needs a layout)."""
        if self._shown is None or width <= 0:
            return None
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, self._lines_at(self._shown, width) or 0)
        return self._lines[1]

    @staticmethod
    def _lines_at(text: str | Text, width: int) -> int | None:
        if width <= 0:  # not laid out yet: the first layout sizes it
            return None
        plain = text.plain if isinstance(text, Text) else text
        return len(Content(plain).wrap(width))
