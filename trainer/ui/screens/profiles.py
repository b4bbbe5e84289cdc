"""Profiles (p on home): switch, create, rename, and delete one with its history (confirmed,
naming how many attempts go)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from trainer.core.practice.plan import default_profile
from trainer.core.store.files import DataError
from trainer.core.store.profiles import ProfileError, delete_profile, known_names, rename_profile
from trainer.ui.safe_text import literal
from trainer.ui.screens.modals import ConfirmScreen

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp


def attempts_in_words(count: int) -> str:
    return "1 attempt" if count == 1 else f"{count} attempts"


class ProfileList(OptionList):
    """The profiles; r renames and d deletes the highlighted one."""

    BINDINGS = [
        Binding("r,f2", "screen.rename", "Rename", id="profile.rename"),
        Binding("d,delete", "screen.delete", "Delete", id="profile.delete"),
    ]


class ProfileScreen(ModalScreen[str | None]):
    """Pick a profile (enter), type a new name to create one, or rename or delete one."""

    BINDINGS = [Binding("escape", "cancel", "Close", id="profile.cancel")]

    def __init__(self, profiles: list[str], current: str) -> None:
        super().__init__()
        self.profiles = profiles
        self.current = current

    @property
    def trainer(self) -> TrainerApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Who is practising?", classes="dialog-title")
            yield ProfileList(*self._options(), id="profiles")
            yield Input(placeholder="or type a new name and press enter", id="new-profile")
            yield Label("", id="profile-error")
            yield Label(
                "enter: switch   r: rename   d: delete   esc: close",
                classes="dialog-keys",
            )
        yield Footer()

    def _options(self) -> list[Option]:
        """Each profile, with a note on the current one and on interviewers who never answered
        (an older release made every pair partner a profile)."""
        summaries = self.trainer.store.summaries()
        answered = {s.profile for s in summaries}
        interviewed = {s.interviewer for s in summaries if s.interviewer}
        options = []
        for name in self.profiles:
            note = "  (current)" if name == self.trainer.profile else ""
            if not note and name in interviewed and name not in answered:
                note = "  (interviewer only)"
            options.append(Option(literal(name + note), id=name))
        return options

    def _reload(self, highlight: str | None = None) -> None:
        self.profiles = known_names(self.trainer.store) or [self.trainer.profile]
        listing = self.query_one("#profiles", ProfileList)
        listing.clear_options()
        listing.add_options(self._options())
        if highlight in self.profiles:
            listing.highlighted = self.profiles.index(highlight)
        listing.focus()

    def _highlighted(self) -> str | None:
        listing = self.query_one("#profiles", ProfileList)
        if listing.highlighted is None:
            return None
        return listing.get_option_at_index(listing.highlighted).id

    def _warn_if_configured(self, gone: str) -> None:
        """The config file's `profile` would bring back the old name as a new, empty profile."""
        config = self.trainer.config
        if config is not None and config.profile == gone:
            self.trainer.notify(
                f"{config.path} still names {gone} as the profile: change `profile =` there.",
                severity="warning",
                timeout=10,
            )

    def _error(self, text: str) -> None:
        self.query_one("#profile-error", Label).update(literal(text))

    @on(OptionList.OptionSelected, "#profiles")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Input.Submitted, "#new-profile")
    def _created(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name:
            self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_rename(self) -> None:
        old = self._highlighted()
        if old is None:
            return

        def renamed(new: str | None) -> None:
            if new is None or new.strip() == old:
                return
            try:
                name = rename_profile(self.trainer.store, old, new)
            except (ProfileError, DataError) as error:
                self._error(f"Not renamed: {error}")
                return
            if self.trainer.profile == old:
                self.trainer.profile = name
            self._error("")
            self.trainer.notify(f"Renamed {old} to {name}.", timeout=4)
            self._warn_if_configured(old)
            self._reload(name)

        self.app.push_screen(RenameScreen(old), renamed)

    def action_delete(self) -> None:
        name = self._highlighted()
        if name is None:
            return
        count = len(self.trainer.store.summaries(name))
        question = (
            f"Delete {name} and their {attempts_in_words(count)}? Their history, schedule, "
            "settings and unfinished drills go, and cannot be brought back (only from a backup)."
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            app = self.trainer
            try:
                gone = delete_profile(app.store, name)
            except (ProfileError, DataError) as error:
                self._error(f"Not deleted: {error}")
                return
            if app.profile == name:
                app.profile = app.store.ensure_profile(default_profile(app.store.profiles())).name
            self._error("")
            app.notify(f"Deleted {name} and their {attempts_in_words(gone)}.", timeout=6)
            self._warn_if_configured(name)
            self._reload(app.profile)

        self.app.push_screen(ConfirmScreen(question), answered)


class RenameScreen(ModalScreen[str | None]):
    """A new name for a profile: enter renames, escape keeps the old one."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="rename.cancel")]

    def __init__(self, old: str) -> None:
        super().__init__()
        self.old = old

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(f"Rename {self.old}"), classes="dialog-title")
            yield Input(self.old, id="rename-to")
            yield Label("enter: rename   esc: cancel", classes="dialog-keys")
        yield Footer()

    @on(Input.Submitted, "#rename-to")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
