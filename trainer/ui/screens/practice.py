"""What the drill, the review and the pair interview share: the session being practised, its
autosaved draft, leaving with a confirmation, and finishing the attempt."""

from __future__ import annotations

from collections.abc import Callable

from trainer.core.practice.autosave import AutosaveThrottle
from trainer.core.practice.finish import Saved, finish
from trainer.core.practice.session import DrillSession
from trainer.core.store.files import DataError
from trainer.ui.messages import GoHome
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.screens.modals import ConfirmScreen


class PracticeScreen(TrainerScreen):
    """A screen on which one `DrillSession` is typed, discussed or reviewed."""

    def __init__(self, session: DrillSession) -> None:
        super().__init__()
        self.session = session
        self.autosave = AutosaveThrottle()
        self.saved: Saved | None = None

    # -- the draft ---------------------------------------------------------------------------

    def typed(self) -> None:
        """Something worth keeping changed: the draft is written soon."""
        self.autosave.changed(self.trainer.clock.monotonic())

    def autosave_if_due(self) -> None:
        if self.autosave.due(self.trainer.clock.monotonic()):
            self.save_draft()

    def save_draft(self) -> None:
        """Write the draft now (nothing once the attempt is saved)."""
        if self.saved is None:
            self.trainer.drafts.save(self.session.to_draft(self.trainer.clock.monotonic()))
        self.autosave.saved()

    def on_unmount(self) -> None:
        """Quitting the app mid-drill keeps every keystroke typed so far."""
        if self.saved is None and self.autosave.pending:
            self.save_draft()

    # -- leaving and finishing -----------------------------------------------------------------

    def confirm_leave(self, question: str, then: Callable[[], None] | None = None) -> None:
        """Ask first; on yes pause the clock, keep the draft (unless saved) and go home."""

        def answered(leave: bool | None) -> None:
            if not leave:
                return
            self.session.pause(self.trainer.clock.monotonic())
            if self.saved is None:
                self.save_draft()
            self.post_message(GoHome())
            if then is not None:
                then()

        self.app.push_screen(ConfirmScreen(question), answered)

    def finish_attempt(self) -> Saved | None:
        """Save the attempt, schedule the card, retire the draft; None (and a message) when
        the store refused."""
        app = self.trainer
        try:
            self.saved = finish(
                self.session, app.store, app.drafts, app.clock.now(), app.clock.monotonic()
            )
        except DataError as error:
            self.notify(str(error), severity="error", timeout=8)
            return None
        return self.saved
