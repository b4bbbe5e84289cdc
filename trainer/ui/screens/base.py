"""What every screen of the app shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp


class TrainerScreen(Screen[None]):
    """A screen of `TrainerApp`, with typed access to the app's bank, store and clock."""

    @property
    def trainer(self) -> TrainerApp:
        return self.app  # type: ignore[return-value]

    def after_typing(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the keys typed before the one that asked for it are in.

        A priority binding runs as soon as the app reads its key, while the keys typed just
        before it still wait in the focused widget's queue: an answer typed fast (or sent by
        a paste) and then ctrl+n reached the discussion without its last words. Queued behind
        those keys, `callback` sees the text they typed (the screen's own record of it may
        still lag: callers read the editors themselves, see `DrillScreen.take_typed`)."""
        focused = self.focused
        if focused is None:
            callback()
        else:
            focused.call_later(callback)

    def clear_filter_or_leave(self, filter_input: Input, table: Widget) -> None:
        """Escape on a filtered list: clear the filter first, then go back."""
        if filter_input.has_focus or filter_input.value:
            filter_input.value = ""
            table.focus()
        else:
            self.app.pop_screen()


def after_typing(widget: Widget, callback: Callable[[], object]) -> None:
    """`TrainerScreen.after_typing` for a widget's own priority binding."""
    screen = widget.screen
    if isinstance(screen, TrainerScreen):
        screen.after_typing(callback)
    else:
        callback()
