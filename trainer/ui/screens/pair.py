"""A pair interview in one terminal: the candidate's view, the interviewer's view, and a
hand-over gate between them that shows neither, so the rubric never reaches the candidate.

Each view is its own widget that posts what its person did; this screen only coordinates:
it changes the session, then shows the next view."""

from __future__ import annotations

from enum import StrEnum

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import ContentSwitcher, Footer, Header, TextArea

from trainer.core.practice.plan import SwapPick, card_after_swap, cards_interviewed_today
from trainer.core.practice.session import DrillSession
from trainer.core.store.files import DataError
from trainer.core.store.records import Mode, Phase
from trainer.ui.screens.pair_setup import PairSetupScreen
from trainer.ui.screens.practice import PracticeScreen
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.pair.candidate_view import CandidateView
from trainer.ui.widgets.pair.gate import HandoverGate
from trainer.ui.widgets.pair.interviewer_view import InterviewerView
from trainer.ui.widgets.pair.pane import PairPane
from trainer.ui.widgets.pair.reveal import Reveal
from trainer.ui.widgets.pair.self_rating import SelfRating

TICK = 0.5


class View(StrEnum):
    """Whose eyes the screen is for (the widget ids in the switcher)."""

    HANDOVER = "handover"
    CANDIDATE = "candidate"
    INTERVIEWER = "interviewer"
    SELF_RATE = "self-rate"
    REVEAL = "reveal"


class PairScreen(PracticeScreen):
    """One question, two people; `view` is what the screen shows now, `target` whom the
    hand-over gate waits for."""

    BINDINGS = [Binding("escape", "leave", "Leave", id="pair.leave")]

    def __init__(self, session: DrillSession, news: str = "") -> None:
        super().__init__(session)
        self.view = View.HANDOVER
        self.target = View.CANDIDATE
        self.news = news  # said at the first hand-over (after a swap: which card, and why)

    @property
    def interviewer(self) -> str:
        return self.session.interviewer or "the interviewer"

    @property
    def candidate(self) -> str:
        return self.session.profile

    def compose(self) -> ComposeResult:
        session = self.session
        concepts = [c.name for c in (*session.card.core_concepts, *session.card.bonus_concepts)]
        yield Header()
        with ContentSwitcher(initial=View.HANDOVER, id="views"):
            yield HandoverGate(id=View.HANDOVER, classes="handover")
            yield CandidateView(session, id=View.CANDIDATE)
            yield InterviewerView(session, id=View.INTERVIEWER)
            yield SelfRating(
                concepts, session.self_covered, session.self_assessment, id=View.SELF_RATE
            )
            yield Reveal(session, id=View.REVEAL)
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Pair: {self.session.card.title}"
        self.sub_title = f"{self.interviewer} interviews {self.candidate}"
        if self.session.phase is Phase.REVIEW:
            self.target = View.SELF_RATE if self.session.self_covered is None else View.REVEAL
        self._hand_over_to(self.target)
        self.set_interval(TICK, self.tick)

    # -- showing views -------------------------------------------------------------------------

    def _hand_over_to(self, target: View) -> None:
        self.target = target
        person, role = {
            View.CANDIDATE: (self.candidate, "candidate"),
            View.INTERVIEWER: (self.interviewer, "interviewer"),
            View.SELF_RATE: (self.candidate, "candidate, to rate your own answer"),
            View.REVEAL: (f"{self.interviewer} and {self.candidate}", "both of you: the verdicts"),
        }[target]
        gate = self.query_one(HandoverGate)
        gate.ask_for(person, role, self.news)
        self.news = ""
        self._show(View.HANDOVER)
        gate.focus()

    def _show(self, view: View) -> None:
        self.view = view
        self.query_one("#views", ContentSwitcher).current = view.value
        now = self.trainer.clock.monotonic()
        if view is View.CANDIDATE:
            self.query_one(CandidateView).show(now)
        elif view is View.INTERVIEWER:
            self.query_one(InterviewerView).show(now)
        elif view is View.SELF_RATE:
            self.query_one(SelfRating).show()
        elif view is View.REVEAL:
            self.query_one(Reveal).show()
        self.refresh_bindings()

    @on(HandoverGate.Arrived)
    def _arrived(self) -> None:
        if self.target is View.CANDIDATE and self.session.phase is Phase.ANSWER:
            self.session.start(self.trainer.clock.monotonic())
        self._show(self.target)

    @on(PairPane.HandOver)
    def _hand_over(self) -> None:
        self.save_draft()
        self._hand_over_to(View.INTERVIEWER if self.view is View.CANDIDATE else View.CANDIDATE)

    # -- the candidate -------------------------------------------------------------------------

    @on(AnswerEditor.Typed)
    def _typed(self, event: AnswerEditor.Typed) -> None:
        self.session.type_text(event.field, event.text)  # spans unused: no highlights here
        self.typed()

    # -- the interviewer -----------------------------------------------------------------------

    @on(InterviewerView.NotesChanged)
    def _noted(self, event: InterviewerView.NotesChanged) -> None:
        self.session.notes = event.text
        self.typed()

    @on(InterviewerView.ProbeAsked)
    def _ask(self, event: InterviewerView.ProbeAsked) -> None:
        self.session.show_probe(event.kind)
        self._asked()

    @on(InterviewerView.BarRaiserAsked)
    def _ask_bar_raiser(self) -> None:
        self.session.show_bar_raiser()
        self._asked()

    def _asked(self) -> None:
        self.query_one(InterviewerView).refresh_verdicts(self.trainer.clock.monotonic())
        self.save_draft()
        self.notify("Asked: the candidate sees the question after the hand-over.", timeout=3)

    @on(InterviewerView.Ticked)
    def _ticked_while_listening(self, event: InterviewerView.Ticked) -> None:
        self.session.toggle_override(event.concept)
        self.query_one(InterviewerView).refresh_verdicts(self.trainer.clock.monotonic())
        self.typed()

    def take_typed(self) -> None:
        super().take_typed()
        for notes in self.query("#iv-notes").results(TextArea):
            if notes.text != self.session.notes:
                self.session.notes = notes.text
                self.typed()

    @on(InterviewerView.DiscussionStarted)
    def _discuss(self) -> None:
        self.take_typed()
        self.session.begin_discussion(self.trainer.clock.monotonic(), ask=False)
        self.save_draft()
        view = self.query_one(InterviewerView)
        view.show(self.trainer.clock.monotonic())  # focuses the suggested probe
        self.refresh_bindings()

    @on(InterviewerView.Ended)
    def _end(self) -> None:
        self.take_typed()
        self.session.finish(self.trainer.clock.monotonic())
        self.save_draft()
        self._hand_over_to(View.SELF_RATE)

    # -- self-rating and the reveal --------------------------------------------------------------

    @on(SelfRating.Done)
    def _rated_self(self, event: SelfRating.Done) -> None:
        self.session.self_covered = set(event.claimed)
        self.session.self_assessment = event.band
        self.save_draft()
        self._hand_over_to(View.REVEAL)

    @on(Reveal.Ticked)
    def _ticked_at_reveal(self, event: Reveal.Ticked) -> None:
        self.session.toggle_override(event.concept)
        self.query_one(Reveal).show()
        self.typed()

    @on(Reveal.Confirmed)
    def _confirmed(self) -> None:
        saved = self.finish_attempt()
        if saved is not None:
            reveal = self.query_one(Reveal)
            reveal.saved_message = saved.describe(self.trainer.clock.now())
            pick = self._swap_pick()
            reveal.next_up = self._swap_news(pick)
            reveal.show()

    # -- swapping roles --------------------------------------------------------------------------

    def _swap_pick(self) -> SwapPick:
        """The card the interviewer answers next: never one whose rubric they saw today."""
        app, name = self.trainer, self.interviewer
        now = app.clock.now()
        seen = {self.session.card.id}
        try:
            seen |= cards_interviewed_today(app.store, name, now)
        except DataError as error:  # an unreadable shard: this card is still left out
            self.notify(f"Earlier interviews today could not be read: {error}", timeout=6)
        queue = app.store.queue(name, [card.id for card in app.bank.cards], now)
        return card_after_swap(queue, app.bank, seen)

    def _swap_news(self, pick: SwapPick) -> str:
        if pick.card is None:
            return f"{self.interviewer} answers next, but {pick.reason}: w opens the setup."
        return f"Next, {self.interviewer} answers '{pick.card.title}': {pick.reason}."

    @on(Reveal.SwapRequested)
    def _swap(self) -> None:
        """The interviewer becomes the candidate, on a card whose rubric they have not seen;
        the next hand-over says which card and why (the setup opens when none is left)."""
        pick = self._swap_pick()
        candidate, interviewer, typed = self.interviewer, self.candidate, self.session.typed
        if pick.card is None:
            self.notify(f"{self._swap_news(pick)} Choose a card.", timeout=10)
            self.app.switch_screen(PairSetupScreen(interviewer, candidate, typed))
            return
        candidate = self.trainer.store.ensure_profile(candidate).name  # answers: a profile now
        now = self.trainer.clock.now()
        session = DrillSession(
            pick.card, candidate, now, mode=Mode.PAIR, interviewer=interviewer, typed=typed
        )
        self.app.switch_screen(PairScreen(session, news=f"Roles swapped. {self._swap_news(pick)}"))

    # -- leaving and the clock -----------------------------------------------------------------

    def action_leave(self) -> None:
        """Only the interviewer's view (or the shared reveal) leaves: from anywhere the
        candidate may be at the keyboard, leaving goes through the hand-over first, so the
        candidate never reaches home, the history or the bank mid-interview."""
        if self.view not in (View.INTERVIEWER, View.REVEAL):
            self.notify("To leave, hand over: the interviewer leaves with escape.", timeout=4)
            if self.view is not View.HANDOVER or self.target is not View.INTERVIEWER:
                self.save_draft()
                self._hand_over_to(View.INTERVIEWER)
            return
        done = self.saved is not None
        self.confirm_leave("Leave the interview?" + ("" if done else " The draft is kept."))

    def action_hand_over(self) -> None:
        """The palette's "pair: hand over" (ctrl+g in the views does the same)."""
        if self.view in (View.CANDIDATE, View.INTERVIEWER):
            self._hand_over()

    def tick(self) -> None:
        now = self.trainer.clock.monotonic()
        if self.view is View.CANDIDATE:
            self.query_one(CandidateView).tick(now)
        elif self.view is View.INTERVIEWER:
            self.query_one(InterviewerView).tick(now)
        self.autosave_if_due()
