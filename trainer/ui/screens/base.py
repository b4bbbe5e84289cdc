"""What every screen of the app shares."""

from __future__ import annotations

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

    def clear_filter_or_leave(self, filter_input: Input, table: Widget) -> None:
        """Escape on a filtered list: clear the filter first, then go back."""
        if filter_input.has_focus or filter_input.value:
            filter_input.value = ""
            table.focus()
        else:
            self.app.pop_screen()
