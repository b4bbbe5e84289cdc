"""The candidate's view: the question, the clock, the probes asked, and an editor without
highlights (or, answering aloud, none). Never the rubric."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from trainer.core.practice.session import AnswerField, DrillSession
from trainer.core.store.records import Phase
from trainer.ui.safe_text import literal
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.asked_probes import AskedProbes
from trainer.ui.widgets.pair.focus import FocusCues, titled
from trainer.ui.widgets.pair.pane import PairPane
from trainer.ui.widgets.phase_timer import PhaseTimer


class CandidateView(FocusCues, PairPane, can_focus=True):
    """What the person answering sees; typing posts `AnswerEditor.Typed`."""

    def __init__(self, session: DrillSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        yield Static(literal(session.card.question), classes="pair-question")
        yield AskedProbes(pair=True, id="cd-asked")
        yield PhaseTimer(id="cd-timer")
        answer = AnswerEditor(session.answer, field=AnswerField.ANSWER, id="cd-answer")
        reply = AnswerEditor(
            session.follow_up_answer, field=AnswerField.FOLLOW_UP, id="cd-follow-up"
        )
        yield titled(answer, "Your answer")
        yield titled(reply, "Your reply to the follow-up")
        yield Static("Answer aloud: your interviewer is listening and taking notes.", id="cd-aloud")

    def on_mount(self) -> None:
        for editor in self.query(AnswerEditor):
            editor.set_blind(True)  # the candidate's editor never shows keywords
        self.query_one("#cd-aloud").display = not self.session.typed

    def show(self, now: float) -> None:
        """Refresh for the current phase and focus where the candidate types."""
        session = self.session
        discussing = session.phase is Phase.DISCUSSION
        answer = self.query_one("#cd-answer", AnswerEditor)
        follow_up = self.query_one("#cd-follow-up", AnswerEditor)
        answer.display = session.typed and not discussing
        follow_up.display = session.typed and discussing
        if session.typed:
            (follow_up if discussing else answer).focus()
        else:
            self.focus()
        self.query_one(AskedProbes).show(session)
        self.tick(now)

    def tick(self, now: float) -> None:
        clock = self.session.clock
        if clock is not None:
            title = "Answer" if self.session.phase is Phase.ANSWER else "Discussion"
            self.query_one("#cd-timer", PhaseTimer).show(title, clock, now)
