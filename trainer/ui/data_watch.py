"""The app's watch over its data: the standing warnings on every screen's banner (read-only,
another window open, records that could not be read, a restore under us, saves failing), this
window's marker, and the database file watched for a restore while the app runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.screen import Screen

from trainer.core.store.checked import CheckedShards
from trainer.core.store.database import Store
from trainer.core.store.files import DataError
from trainer.core.store.reading import Unreadable
from trainer.core.store.records import Draft
from trainer.core.store.rescue import write_rescue
from trainer.core.store.windows import OtherWindow, WindowMarker
from trainer.ui.widgets.status_banner import show_on

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp

WATCH_SECONDS = 2.0  # how often the database file is checked for a restore


class DataWatch:
    """Warnings, the window marker and the restore check of one running app."""

    def __init__(self, app: TrainerApp) -> None:
        self.app = app
        self.warnings: dict[str, str] = {}
        self.marker: WindowMarker | None = None
        self.exit_lines: list[str] = []  # printed once the app has left the terminal
        self._drill: str | None = None
        self._unsaved: dict[str, Draft] = {}  # drills the data folder refused, by attempt id

    def start(self) -> None:
        """On mount: register this window, say what the user must know, start watching."""
        store = self.app.store
        if store.read_only:
            self.set_warning(
                "read-only",
                f"Read-only: {store.read_only}. Nothing you do is saved here "
                "(in a drill, f3 writes your answer to a file elsewhere).",
            )
        else:
            self.marker = WindowMarker.open(store.paths.windows, self.app.profile)
        others = self.others()
        if others:
            pids = ", ".join(str(other.pid) for other in others)
            self.set_warning(
                "windows",
                f"Another trainer window is open on this database (process {pids}): each "
                "keeps its own draft, and a drill open there is not offered here.",
            )
        self.check_damage()
        self.app.run_worker(
            self._read_everything, thread=True, name="verify history", exit_on_error=False
        )
        self.app.screen_change_signal.subscribe(self.app, self._show_on)
        self.app.set_interval(WATCH_SECONDS, self.check_database)

    def stop(self) -> None:
        """On quitting: what could not be saved is written elsewhere, and said after exit."""
        for draft in self._unsaved.values():
            try:
                self.exit_lines.append(f"your unsaved answer was written to {write_rescue(draft)}")
            except DataError as error:
                self.exit_lines.append(f"your answer could not be saved: {error}")
        self._unsaved.clear()
        if self.marker is not None:
            self.marker.close()
            self.marker = None

    # -- warnings ------------------------------------------------------------------------------

    def set_warning(self, key: str, text: str) -> None:
        """Show (or, with "", clear) one standing warning on the banner."""
        if text:
            self.warnings[key] = text
        else:
            self.warnings.pop(key, None)
        if self.app.is_running and self.app.screen_stack:
            self._show_on(self.app.screen)

    def _show_on(self, screen: Screen[object]) -> None:
        show_on(screen, self.warnings)

    def _read_everything(self) -> None:
        """In a thread, after start-up: every shard that changed since the last check read
        once (the start only reads the main file), so damage inside the attempts is said too,
        without delaying the first screen; the others' findings come from the check cache."""
        try:
            reader = Store.open_to_read(self.app.store.paths.main)
            checked = CheckedShards.for_database(reader.paths.main)
            reader.verify(quick=True)
            reader.check_shards(checked)
            checked.save()
        except Exception:  # the main file's own problems are reported by the app already
            return
        if reader.damage:
            self.app.call_from_thread(self.check_damage, reader.damage.items())

    def check_damage(self, found: Sequence[Unreadable] = ()) -> None:
        """Records that could not be read are said once the app knows of them, and stay said."""
        store = self.app.store
        store.verify(quick=True)
        damage = list({item.line(): item for item in [*store.damage.items(), *found]}.values())
        if damage:
            self.set_warning(
                "damage",
                f"{len(damage)} stored record(s) could not be read and were skipped (they are "
                f"left on disk): {damage[0].line()}; `trainer stats` lists them all.",
            )

    def keep_unsaved(self, draft: Draft) -> None:
        """A drill whose draft the data folder refused as its screen closed (the latest wins)."""
        self._unsaved[draft.attempt_id] = draft

    def forget_unsaved(self, attempt_id: str) -> None:
        self._unsaved.pop(attempt_id, None)

    # -- other windows and restores ------------------------------------------------------------

    def others(self) -> list[OtherWindow]:
        return self.marker.others() if self.marker is not None else []

    def busy_drills(self) -> set[str]:
        """The drills other live windows have open (never offered for resuming here)."""
        return {other.attempt_id for other in self.others() if other.attempt_id}

    def drill_opened(self, attempt_id: str | None) -> None:
        """This window now has that drill open (None: no drill)."""
        self._drill = attempt_id
        if self.marker is not None:
            self.marker.claim(self.app.profile, attempt_id)

    def check_database(self) -> None:
        """The database replaced under us (a restore from another process): take it up, say
        so, and show it. A drill in progress is kept and saved into the restored database."""
        try:
            replaced = self.app.store.replaced()
        except Exception:  # a file mid-replace or damaged: the next check sees it whole
            return
        if replaced:
            self.app.store.accept_replacement()
            self.database_replaced()

    def database_replaced(self) -> None:
        self.set_warning(
            "replaced",
            f"The database {self.app.store.paths.main} was replaced (restored) while the app "
            "ran: it now shows the restored history, and saves go into it.",
        )
        self.check_damage()
        self.app._refresh_home()
