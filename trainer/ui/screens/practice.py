"""What the drill, the review and the pair interview share: the session being practised, its
autosaved draft, leaving with a confirmation, and finishing the attempt.

A failing disk never costs the answer: when a draft or the attempt cannot be written, the
session stays in memory, a banner says why saves fail, the draft is retried every few seconds,
f2 copies the answer to the clipboard and f3 writes it to a file elsewhere. Leaving while saves
fail writes it elsewhere first; so does quitting (the path is printed once the app is gone).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding

from trainer.core.practice.autosave import AutosaveThrottle
from trainer.core.practice.finish import Saved, finish
from trainer.core.practice.session import DrillSession
from trainer.core.store.errors import DatabaseReplaced
from trainer.core.store.files import DataError
from trainer.core.store.rescue import write_rescue
from trainer.ui.collector import COLLECTOR
from trainer.ui.messages import GoHome
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.screens.modals import ConfirmScreen
from trainer.ui.widgets.answer_editor import AnswerEditor

RETRY_SECONDS = 5.0  # between attempts to write a draft while saves fail
SAVES = "saves"  # the app warning this screen owns


class PracticeScreen(TrainerScreen):
    """A screen on which one `DrillSession` is typed, discussed or reviewed."""

    BINDINGS = [
        Binding("f2", "copy_answer", "Copy answer", id="practice.copy", show=False),
        Binding("f3", "save_elsewhere", "Save elsewhere", id="practice.rescue", show=False),
    ]

    def __init__(self, session: DrillSession) -> None:
        super().__init__()
        self.session = session
        self.autosave = AutosaveThrottle()
        self.saved: Saved | None = None
        self.save_error: str | None = None  # why the last write failed (None: writes work)
        self._retry_at = 0.0
        self._collector = "new"  # then "held" once painted, "released" once unmounted

    def on_mount(self) -> None:
        self.trainer.data_watch.drill_opened(self.session.attempt_id)
        self.call_after_refresh(self._hold_collector)

    def _hold_collector(self) -> None:
        """Painted: no full garbage collection walks what exists now while the user types."""
        if self._collector == "new":
            COLLECTOR.opened()
            self._collector = "held"

    # -- the draft ---------------------------------------------------------------------------

    def take_typed(self) -> None:
        """Record what the editors hold now: their `Typed` messages may still wait in a
        queue when a priority key (ctrl+n, ctrl+q...) comes right after fast typing."""
        for editor in self.query(AnswerEditor):
            if not editor.read_only and editor.text != self.session.recorded(editor.field):
                self.session.type_text(editor.field, editor.text)
                self.typed()

    def typed(self) -> None:
        """Something worth keeping changed: the draft is written soon."""
        self.autosave.changed(self.trainer.clock.monotonic())

    def autosave_if_due(self) -> None:
        now = self.trainer.clock.monotonic()
        failing = self.save_error is not None
        retry = failing and self.autosave.pending and now >= self._retry_at
        if retry or (not failing and self.autosave.due(now)):
            self.save_draft()

    def save_draft(self) -> bool:
        """Write the draft now (nothing once the attempt is saved); False when it failed
        (the session is still here, and a banner says why)."""
        if self.saved is None:
            self.take_typed()
            try:
                self.trainer.drafts.save(self.session.to_draft(self.trainer.clock.monotonic()))
            except (DataError, OSError) as error:
                self._saves_failing(f"the draft could not be saved: {error}")
                return False
        self.autosave.saved()
        self._saves_work()
        self.trainer.data_watch.forget_unsaved(self.session.attempt_id)
        return True

    def _saves_failing(self, why: str) -> None:
        self._retry_at = self.trainer.clock.monotonic() + RETRY_SECONDS
        first = self.save_error is None
        self.save_error = why
        self.trainer.data_watch.set_warning(
            SAVES,
            f"Saves are failing: {why}. Your answer is kept in this window; retrying every "
            f"{RETRY_SECONDS:.0f} s. f2 copies the answer, f3 saves it to a file elsewhere.",
        )
        if first:
            self.notify(f"Saves are failing: {why}", severity="error", timeout=8)

    def _saves_work(self) -> None:
        if self.save_error is not None:
            self.save_error = None
            self.trainer.data_watch.set_warning(SAVES, "")
            self.notify("Saving works again: your draft is on disk.", timeout=4)

    def on_unmount(self) -> None:
        """Quitting the app mid-drill keeps every keystroke typed so far (elsewhere, when the
        data folder refuses it)."""
        self.take_typed()
        unsaved = self.saved is None and (self.autosave.pending or self.save_error is not None)
        if unsaved and not self.save_draft():  # written elsewhere when the app quits
            self.trainer.data_watch.keep_unsaved(
                self.session.to_draft(self.trainer.clock.monotonic())
            )
        self.trainer.data_watch.set_warning(SAVES, "")
        self.trainer.data_watch.drill_opened(None)
        if self._collector == "held":
            COLLECTOR.closed()
        self._collector = "released"

    # -- when saves fail -------------------------------------------------------------------------

    def action_copy_answer(self) -> None:
        """The candidate's words to the clipboard (the terminal's, by OSC 52)."""
        self.app.copy_to_clipboard(self.session.everything_said())
        self.notify("The answer was copied to the clipboard.", timeout=4)

    def action_save_elsewhere(self) -> None:
        """While saves fail (or the database is read-only): the drill to a file elsewhere."""
        if self.save_error is None and not self.trainer.store.read_only:
            self.notify("Saving works: your draft is kept in the data folder.", timeout=4)
            return
        self._rescue(quietly=False)

    def _rescue(self, quietly: bool) -> bool:
        draft = self.session.to_draft(self.trainer.clock.monotonic())
        try:
            path = write_rescue(draft)
        except DataError as error:
            if not quietly:
                self.notify(str(error), severity="error", timeout=10)
            return False
        self.notify(f"Answer written to {path}", timeout=10)
        return True

    # -- leaving and finishing -----------------------------------------------------------------

    def confirm_leave(self, question: str, then: Callable[[], None] | None = None) -> None:
        """Ask first; on yes pause the clock, keep the draft (unless saved) and go home. When
        the draft cannot be written, it is written elsewhere first, or the drill stays."""

        def answered(leave: bool | None) -> None:
            if not leave:
                return
            self.session.pause(self.trainer.clock.monotonic())
            if self.saved is None and not self.save_draft():
                if not self._rescue(quietly=False):
                    self.notify("Not leaving: your answer could not be saved anywhere.", timeout=8)
                    return
                self.autosave.saved()  # it is safe elsewhere: nothing left to keep on quitting
                self.save_error = None
            self.post_message(GoHome())
            if then is not None:
                then()

        self.app.push_screen(ConfirmScreen(question), answered)

    def finish_attempt(self) -> Saved | None:
        """Save the attempt, schedule the card, retire the draft; None (and a banner) when
        the store refused: the attempt stays here, ready to be saved again."""
        app = self.trainer
        try:
            self.saved = finish(
                self.session, app.store, app.drafts, app.clock.now(), app.clock.monotonic()
            )
        except DatabaseReplaced as replaced:
            app.store.accept_replacement()
            app.data_watch.database_replaced()
            self.notify(str(replaced), severity="warning", timeout=10)
            return None
        except (DataError, OSError) as error:
            self._saves_failing(f"the attempt could not be saved: {error}; press ctrl+s to retry")
            return None
        self._saves_work()
        self.trainer.data_watch.forget_unsaved(self.session.attempt_id)
        return self.saved
