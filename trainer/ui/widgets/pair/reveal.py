"""The reveal: the interviewer's verdict beside what the candidate thought, the calibration
gap, the model answer (m), the rating (suggested, or chosen with a h g e), then saving on the
candidate's history. Nothing here exists before the reveal: the widget is shown only then."""

from __future__ import annotations

from dataclasses import dataclass

from fsrs import Rating
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Markdown, OptionList, Static

from trainer.core.practice.session import DrillSession
from trainer.ui.safe_text import markdown_source, visible_text
from trainer.ui.widgets.pair.focus import FocusCues, titled
from trainer.ui.widgets.verdicts import show_verdicts, verdict_summary

RATINGS = {"a": Rating.Again, "h": Rating.Hard, "g": Rating.Good, "e": Rating.Easy}


class Reveal(FocusCues, Horizontal):
    """Both verdicts side by side; enter adjusts a tick, a h g e override the rating, m shows
    the model answer, ctrl+s confirms, w swaps roles."""

    BINDINGS = [
        # Not priority: keys typed just before (a tick, a rating) are handled first, in order.
        Binding("ctrl+s", "confirm", "Save", id="pair.confirm"),
        Binding("m", "model(True)", "Model answer", id="pair.model"),
        Binding("m", "model(False)", "Calibration", id="pair.calibration"),
        Binding("a", "rate('a')", "Again", id="pair.again", show=False),
        Binding("h", "rate('h')", "Hard", id="pair.hard", show=False),
        Binding("g", "rate('g')", "Good", id="pair.good", show=False),
        Binding("e", "rate('e')", "Easy", id="pair.easy", show=False),
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
            yield titled(OptionList(id="rv-checklist"), "Checklist · enter ticks")
            yield Static(id="rv-rating")
        with VerticalScroll(id="rv-self"):
            yield Static(id="rv-candidate")
            yield Markdown(self._model_markdown(), id="rv-model")

    def on_mount(self) -> None:
        self.query_one("#rv-model").display = False

    def _model_markdown(self) -> str:
        card = self.session.card
        return markdown_source(
            "## Model answer (excellent)\n\n"
            + (card.sample_excellent or "_none_")
            + "\n\n## Acceptable answer\n\n"
            + (card.sample_acceptable or "_none_")
        )

    @property
    def showing_model(self) -> bool:
        return bool(self.query_one("#rv-model").display)

    def show(self) -> None:
        session = self.session
        report = session.final_report()
        checklist = self.query_one("#rv-checklist", OptionList)
        show_verdicts(checklist, report, who_decided="typed")
        self.query_one("#rv-score", Static).update(verdict_summary(report))
        checklist.focus()
        self.query_one("#rv-candidate", Static).update(self._candidate_text())
        self.query_one("#rv-rating", Static).update(self._rating_text())
        self.refresh_bindings()

    def _rating_text(self) -> Text:
        session = self.session
        chosen, suggested = session.rating, session.suggested_rating()
        text = Text("Rating: ", style="bold")
        text.append(chosen.name)
        if chosen != suggested:
            text.append(f" (suggested {suggested.name})", style="dim")
        if self.saved_message is None:
            text.append("\na Again · h Hard · g Good · e Easy to change it; m model answer")
        return text

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
        if action == "rate":
            return not saved
        if action == "model":
            return parameters[0] != self.showing_model
        return True

    @on(OptionList.OptionSelected, "#rv-checklist")
    def _tick(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.saved_message is None:
            self.post_message(self.Ticked(str(event.option.id)))

    def action_rate(self, key: str) -> None:
        """The interviewer's rating, in place of the one the score suggests."""
        self.session.chosen_rating = RATINGS[key]
        self.show()

    def action_model(self, shown: bool) -> None:
        """The model answer in place of the calibration (and back): after the reveal only."""
        self.query_one("#rv-model").display = shown
        self.query_one("#rv-candidate").display = not shown
        self.query_one("#rv-self", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())

    def action_swap(self) -> None:
        self.post_message(self.SwapRequested())
