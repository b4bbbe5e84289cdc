"""A banner across the top of a screen for what the user must not miss: saves failing, a
read-only database, another window open, records that could not be read, a restore."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class StatusBanner(Static):
    """The app's standing warnings, one per line (hidden when there are none)."""

    DEFAULT_CSS = """
    StatusBanner {
        height: auto;
        max-height: 6;
        padding: 0 1;
        background: $warning 25%;
        color: $text;
        display: none;
    }
    StatusBanner.-shown {
        display: block;
    }
    """

    def show(self, warnings: Mapping[str, str]) -> None:
        """Show these warnings (literal text: paths and reasons are never markup)."""
        lines = [line for line in warnings.values() if line]
        self.update(Text("\n".join(f"! {line}" for line in lines)))
        self.set_class(bool(lines), "-shown")


def show_on(screen: Screen[object], warnings: Mapping[str, str]) -> None:
    """Show the warnings on `screen`, adding its banner the first time one is needed (so a
    screen without warnings looks exactly as it always did). It goes first in the screen's
    flow: under a docked header, above the content, which it pushes down."""
    found = screen.query(StatusBanner)
    if found:
        found.first().show(warnings)
    elif any(warnings.values()):
        banner = StatusBanner(id="status-banner")
        screen.mount(banner, before=0 if screen.children else None)
        banner.show(warnings)
