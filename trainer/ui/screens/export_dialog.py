"""Export from the app: asks where (the documents folder by default), never replaces a file
without asking, and shows the path written whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import platformdirs
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from trainer.commands.errors import failure_line
from trainer.core.history.export_target import ExportPathError, resolve_target
from trainer.core.store.files import DataError
from trainer.core.wording import plural
from trainer.ui.safe_text import literal

# Writes the export to the path (replacing a file there only when told) and says how many
# attempts it held; the history screen gathers the text.
Writer = Callable[[Path, bool], int]


def default_folder() -> Path:
    """The user's documents folder where there is one, else the home folder."""
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


class ExportDialog(ModalScreen[Path | None]):
    """The path to export to, editable; enter writes, escape cancels."""

    BINDINGS = [Binding("escape", "close", "Cancel", id="export.cancel")]

    def __init__(self, what: str, default_name: str, write: Writer, folder: Path) -> None:
        super().__init__()
        self.what = what
        self.default_name = default_name
        self.write = write
        self.folder = folder
        self.confirm: Path | None = None  # the existing file enter again would replace
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(literal(f"Export {self.what} to:"), classes="dialog-title")
            yield Input(str(self.folder / self.default_name), id="export-path")
            yield Static(id="export-status")  # shown when it has something to say
            yield Label(
                "enter: write   esc: cancel   (a folder gets the name above)",
                id="export-keys",
                classes="dialog-keys",
            )
        yield Footer()

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        field.focus()
        field.cursor_position = len(field.value)
        self._say("")

    def _say(self, text: Text | str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.set_class(error, "-error")
        status.update(text)
        status.display = bool(text)

    @on(Input.Changed, "#export-path")
    def _edited(self) -> None:
        if self.written is None:
            self.confirm = None
            self._say("")

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.written is not None:
            self.dismiss(self.written)
            return
        try:
            target = resolve_target(event.value, self.default_name, self.folder)
        except ExportPathError as error:
            self._say(literal(str(error)), error=True)
            return
        replace = self.confirm == target
        if target.exists() and not replace:
            self.confirm = target
            self._say(
                literal(
                    f"{target.name} already exists: enter again replaces it, or edit the path."
                ),
                error=True,
            )
            return
        try:
            count = self.write(target, replace)
        except FileExistsError:  # it appeared since: ask, as for any other
            self.confirm = target
            self._say(literal(f"{target.name} already exists: enter again replaces it."), True)
            return
        except (OSError, DataError) as error:
            self._say(literal(failure_line(error, target)), error=True)
            return
        self.written = target
        self.query_one("#export-path", Input).disabled = True
        self.query_one("#export-keys", Label).update("enter or esc: close")
        # The whole path on lines of its own, folded at the edge rather than cut or elided.
        shown = literal(str(target))
        shown.overflow = "fold"
        self._say(Text.assemble(f"Wrote {plural(count, 'attempt')} to\n", shown))
        self.set_focus(None)

    def on_key(self, event: events.Key) -> None:
        if self.written is not None and event.key == "enter":  # the field is disabled now
            event.stop()
            self.dismiss(self.written)

    def action_close(self) -> None:
        self.dismiss(self.written)
