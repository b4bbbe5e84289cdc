"""The reveal: the interviewer's verdict beside what the candidate thought, the calibration
gap, then saving on the candidate's history."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static

from trainer.core.practice.session import DrillSession
from trainer.ui.safe_text import visible_text
from trainer.ui.widgets.verdicts import show_verdicts, verdict_summary


class Reveal(Horizontal):
    """Both verdicts side by side; enter adjusts a tick, ctrl+s confirms, w swaps roles."""

    BINDINGS = [
        Binding("ctrl+s", "confirm", "Save", id="pair.confirm", priority=True),
        Binding("w", "swap", "Swap roles", id="pair.swap"),
    ]

    class Confirmed(Message):
        """The interviewer confirmed the checklist: save the attempt."""

    class SwapRequested(Message):
        """Next question, roles reversed."""

    @dataclass
    class Ticked(Message):
        """The interviewer changed their verdict on a concept."""

        concept: str

    def __init__(self, session: DrillSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.saved_message: str | None = None  # set once the attempt is saved
        self.next_up = ""  # after saving: who answers which card next, and why

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="rv-verdict"):
            yield Static(id="rv-score")
            yield OptionList(id="rv-checklist")
        with VerticalScroll(id="rv-self"):
            yield Static(id="rv-candidate")

    def show(self) -> None:
        session = self.session
        report = session.final_report()
        checklist = self.query_one("#rv-checklist", OptionList)
        show_verdicts(checklist, report, who_decided="typed")
        self.query_one("#rv-score", Static).update(verdict_summary(report, "enter ticks a concept"))
        checklist.focus()
        self.query_one("#rv-candidate", Static).update(self._candidate_text())
        self.refresh_bindings()

    def _candidate_text(self) -> Text:
        session = self.session
        calibration = session.calibration()
        candidate, interviewer = session.profile, session.interviewer or "the interviewer"
        text = Text()
        text.append(f"{candidate} thought\n", style="bold")
        text.append(
            f"band: {session.self_assessment.label if session.self_assessment else 'skipped'}\n"
        )
        for concept in session.final_report().concepts:
            mark = "[x] " if concept.name in (session.self_covered or set()) else "[ ] "
            text.append(mark + concept.name + "\n")
        text.append("\nCalibration: ", style="bold")
        text.append(calibration.summary() + "\n")
        for name in calibration.claimed_but_missed:
            text.append(f"  claimed, not heard: {name}\n")
        for name in calibration.covered_but_unclaimed:
            text.append(f"  covered, not claimed: {name}\n")
        if self.saved_message is not None:
            text.append(f"\nSaved on {candidate}'s history. ", style="bold")
            text.append(self.saved_message + "\n\nPress w to swap roles. ")
            text.append(self.next_up)
        else:
            text.append(
                f"\n{interviewer}: confirm the checklist on the left, then ctrl+s to save.",
                style="italic",
            )
        return visible_text(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        saved = self.saved_message is not None
        if action == "confirm":
            return not saved
        if action == "swap":
            return saved
        return True

    @on(OptionList.OptionSelected, "#rv-checklist")
    def _tick(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.saved_message is None:
            self.post_message(self.Ticked(str(event.option.id)))

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())

    def action_swap(self) -> None:
        self.post_message(self.SwapRequested())
