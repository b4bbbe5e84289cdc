"""Help: every key of the screen underneath, read from its bindings so it cannot drift from
them, and the command palette's commands."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from trainer.ui.commands import palette_commands


class HelpScreen(ModalScreen[None]):
    """Keys and palette commands of the screen it was opened on; escape closes it."""

    BINDINGS = [
        Binding("escape,f1,question_mark,q", "app.pop_screen", "Close", id="help.close"),
    ]

    def __init__(self, underneath: Screen[object]) -> None:
        super().__init__()
        self.underneath = underneath

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self._keys_text(), id="help-keys")
        yield Footer()

    def _keys_text(self) -> Text:
        text = Text()
        title = self.underneath.title or type(self.underneath).__name__
        text.append(f"Keys on this screen ({title})\n\n", style="bold")
        seen: set[str] = set()
        # The screen's and the app's own keys first, then those of the focused widget.
        actives = sorted(
            self.underneath.active_bindings.values(),
            key=lambda active: not isinstance(active.node, Screen | App),
        )
        for active in actives:
            binding = active.binding
            if not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            shown = self.app.get_key_display(binding)
            text.append(f"  {shown:>12}  ", style="bold")
            text.append(binding.description)
            text.append("" if active.enabled else "  (not now)", style="dim")
            text.append("\n")
        text.append("\nCommand palette (ctrl+p)\n\n", style="bold")
        for title, _, help_text in palette_commands(self.underneath):
            text.append(f"  {title}", style="bold")
            text.append(f"  {help_text}\n", style="dim")
        text.append("  theme, keys, quit  Textual's own commands\n", style="dim")
        return text
