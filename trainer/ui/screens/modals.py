"""Small modal screens: confirm, resume a draft, switch profile."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from trainer.ui.safe_text import literal


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y or enter confirms, n or escape declines."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.question), classes="dialog-question")
            yield Label("y: yes   n: no", classes="dialog-keys")
        yield Footer()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class ResumeScreen(ModalScreen[str]):
    """Offer an unfinished drill: resume, discard, or decide later."""

    BINDINGS = [
        Binding("r,enter", "choose('resume')", "Resume", id="resume.resume"),
        Binding("d", "choose('discard')", "Discard", id="resume.discard"),
        Binding("escape", "choose('later')", "Later", id="resume.later"),
    ]

    def __init__(self, description: str) -> None:
        super().__init__()
        self.description = description

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("You have an unfinished drill", classes="dialog-title")
            yield Label(literal(self.description), classes="dialog-question")
            yield Label("r: resume   d: discard it   esc: later", classes="dialog-keys")
        yield Footer()

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


class ProfileScreen(ModalScreen[str | None]):
    """Pick a profile, or type a new name to create one."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="profile.cancel")]

    def __init__(self, profiles: list[str], current: str) -> None:
        super().__init__()
        self.profiles = profiles
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Who is practising?", classes="dialog-title")
            options = [
                Option(literal(name + ("  (current)" if name == self.current else "")), id=name)
                for name in self.profiles
            ]
            yield OptionList(*options, id="profiles")
            yield Input(placeholder="or type a new name and press enter", id="new-profile")
        yield Footer()

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
