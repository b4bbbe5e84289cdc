"""Which pane takes the keys, said in words: a titled pane that has focus gets a heavier
border (app.tcss) and a subtitle naming what the keys do there, so nobody types into the
wrong pane (colour alone is not enough)."""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import TextArea

TYPING = "▶ typing here"
KEYS = "▶ keys go here"


def titled(widget: Widget, title: str) -> Widget:
    """A pane named on its border (only titled panes show the focus cue)."""
    widget.border_title = title
    return widget


class FocusCues:
    """Mixed into a view: its titled descendants say when they have focus."""

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if widget.border_title:
            editable = isinstance(widget, TextArea) and not widget.read_only
            widget.border_subtitle = TYPING if editable else KEYS

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        event.widget.border_subtitle = ""
