"""Set up a pair session: who interviews, who answers, which card, typed or aloud."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Footer, Header, Input, Label, Select, Switch

from trainer.core.practice.plan import PairPlan
from trainer.ui.messages import StartPair
from trainer.ui.safe_text import literal
from trainer.ui.screens.base import TrainerScreen

NEXT_DUE = "__next_due__"


def typed_state(typed: bool) -> str:
    """The switch's state in words (its knob's position alone is easy to misread)."""
    return "On: types the answer" if typed else "Off: answers aloud (no editor)"


class PairSetupScreen(TrainerScreen):
    """A short form; a new candidate name becomes a profile (an interviewer's does not)."""

    BINDINGS = [
        Binding("ctrl+s", "start", "Start interview", id="pair_setup.start", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="pair_setup.back"),
    ]

    def __init__(self, interviewer: str = "", candidate: str = "", typed: bool = True) -> None:
        super().__init__()
        self.initial = (interviewer, candidate, typed)

    def compose(self) -> ComposeResult:
        names = [profile.name for profile in self.trainer.store.profiles()]
        interviewer, candidate, typed = self.initial
        cards = [
            (literal(f"{card.level} · {card.title}"), card.id) for card in self.trainer.bank.cards
        ]
        yield Header()
        with Vertical(id="pair-setup", classes="form"):
            yield Label("Interviewer (sees the rubric)")
            yield Input(interviewer, id="interviewer", suggester=SuggestFromList(names))
            yield Label("Candidate (answers; their schedule is updated)")
            yield Input(candidate, id="candidate", suggester=SuggestFromList(names))
            yield Label("Question")
            yield Select(
                [("Next card due for the candidate", NEXT_DUE), *cards],
                value=NEXT_DUE,
                allow_blank=False,
                id="card",
            )
            yield Label("How the candidate answers")
            with Horizontal(id="typed-row"):
                yield Switch(value=typed, id="typed")
                yield Label(typed_state(typed), id="typed-state", classes="switch-state")
            yield Label("", id="setup-error")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Pair interview"
        self.query_one("#interviewer", Input).focus()

    @on(Switch.Changed, "#typed")
    def _typed_changed(self, event: Switch.Changed) -> None:
        self.query_one("#typed-state", Label).update(typed_state(event.value))

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def action_start(self) -> None:
        self.after_typing(self._start)  # the names typed just before ctrl+s are in

    def _start(self) -> None:
        interviewer = self.query_one("#interviewer", Input).value.strip()
        candidate = self.query_one("#candidate", Input).value.strip()
        error = self.query_one("#setup-error", Label)
        if not interviewer or not candidate:
            error.update("Both names are needed.")
            return
        if interviewer == candidate:
            error.update("The interviewer and the candidate must be two people.")
            return
        card = self.query_one("#card", Select).value
        plan = PairPlan(
            interviewer,
            candidate,
            None if card == NEXT_DUE else str(card),
            self.query_one("#typed", Switch).value,
        )
        self.post_message(StartPair(plan))
