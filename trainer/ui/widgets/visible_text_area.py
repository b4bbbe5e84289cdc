"""A text editor that shows control characters without running them (its own module: the
editor's imports are paid when a drill opens, not before home is painted)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from trainer.core.terminal_text import visible


class VisibleTextArea(TextArea):
    """A TextArea that shows control characters visibly and keeps its text exact: what was
    pasted is stored as pasted (nothing typed is lost), only its display is changed. The
    replacement is one character for one, so cursor columns and highlight spans still fit."""

    def get_line(self, line_index: int) -> Text:
        """Textual's public hook for a line's display."""
        line = super().get_line(line_index)
        plain = line.plain
        shown = visible(plain)
        if shown is not plain:
            line.plain = shown  # same length: the spans added by subclasses stay in place
        return line
