"""Small modal screens: confirm, resume a draft (profiles are in `profiles.py`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label

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
