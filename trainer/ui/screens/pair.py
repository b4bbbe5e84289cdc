"""A pair interview in one terminal: the candidate's view, the interviewer's view, and a
hand-over screen between them that shows neither, so the rubric never reaches the candidate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import ContentSwitcher, Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from trainer.core.cards.model import ProbeKind
from trainer.core.practice.drafts import AutosaveThrottle
from trainer.core.practice.session import DrillSession, Phase
from trainer.core.schedule.scheduler import in_words
from trainer.core.store.files import DataError
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.phase_timer import PhaseTimer
from trainer.ui.widgets.verdicts import SELF_BANDS, band_bindings, show_verdicts

if TYPE_CHECKING:
    pass

CANDIDATE, INTERVIEWER, HANDOVER, SELF_RATE, REVEAL = (
    "candidate",
    "interviewer",
    "handover",
    "self-rate",
    "reveal",
)
BAR_RAISER = "bar_raiser"


class PairScreen(TrainerScreen):
    """One question, two people; `view` says whose eyes the screen is for."""

    BINDINGS = [
        Binding("enter", "arrive", "I am here", id="pair.arrive", priority=True),
        Binding("ctrl+g", "hand_over", "Hand over", id="pair.hand_over", priority=True),
        Binding("ctrl+n", "discuss", "Start discussion", id="pair.discuss", priority=True),
        Binding("ctrl+n", "end", "End interview", id="pair.end", priority=True),
        *band_bindings("self_band", "pair"),
        Binding("ctrl+s", "confirm", "Done", id="pair.confirm", priority=True),
        Binding("w", "swap", "Swap roles", id="pair.swap"),
        Binding("escape", "leave", "Leave", id="pair.leave"),
    ]

    def __init__(self, session: DrillSession) -> None:
        super().__init__()
        self.session = session
        self.view = HANDOVER
        self.target = CANDIDATE
        self.saved = False
        self.saved_message = ""
        self.autosave = AutosaveThrottle()

    @property
    def interviewer(self) -> str:
        return self.session.interviewer or "the interviewer"

    @property
    def candidate(self) -> str:
        return self.session.profile

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        card = self.session.card
        yield Header()
        with ContentSwitcher(initial=HANDOVER, id="views"):
            yield Static(id=HANDOVER, classes="handover")
            with Vertical(id=CANDIDATE):
                yield Static(Text(card.question), classes="pair-question")
                yield Static(id="cd-asked")
                yield PhaseTimer(id="cd-timer")
                yield AnswerEditor(self.session.answer, id="cd-answer")
                yield AnswerEditor(self.session.follow_up_answer, id="cd-follow-up")
                yield Static(
                    "Answer aloud: your interviewer is listening and taking notes.",
                    id="cd-aloud",
                )
            with Horizontal(id=INTERVIEWER):
                with VerticalScroll(id="iv-left"):
                    yield Static(Text(card.question), classes="pair-question")
                    yield Static("Probes (enter asks the highlighted one)", classes="pane-title")
                    yield OptionList(id="iv-probes")
                    yield Static(id="iv-rubric")
                with Vertical(id="iv-right"):
                    yield Static(id="iv-timer")
                    yield Static(id="iv-score")
                    yield OptionList(id="iv-checklist")
                    yield Static("Notes", classes="pane-title")
                    yield TextArea(self.session.notes, id="iv-notes")
            with Vertical(id=SELF_RATE):
                yield Static(id="sr-help")
                yield OptionList(id="sr-concepts")
                yield Static(id="sr-band")
            with Horizontal(id=REVEAL):
                with VerticalScroll(id="rv-verdict"):
                    yield Static(id="rv-score")
                    yield OptionList(id="rv-checklist")
                with VerticalScroll(id="rv-self"):
                    yield Static(id="rv-candidate")
        yield Footer()

    def on_mount(self) -> None:
        card = self.session.card
        self.title = f"Pair: {card.title}"
        self.sub_title = f"{self.interviewer} interviews {self.candidate}"
        for editor in self.query(AnswerEditor):
            editor.set_blind(True)  # the candidate's editor never shows keywords
        typed = self.session.typed
        self.query_one("#cd-aloud").display = not typed
        if self.session.phase is Phase.REVIEW:
            self.target = SELF_RATE if self.session.self_covered is None else REVEAL
        self._show_handover()
        self.set_interval(0.5, self.tick)

    # -- switching views -------------------------------------------------------------------------

    def _show(self, view: str) -> None:
        self.view = view
        self.query_one("#views", ContentSwitcher).current = view
        if view == CANDIDATE:
            self._fill_candidate()
        elif view == INTERVIEWER:
            self._fill_interviewer()
        elif view == SELF_RATE:
            self._fill_self_rate()
        elif view == REVEAL:
            self._fill_reveal()
        self.refresh_bindings()
        self.tick()

    def _show_handover(self) -> None:
        who = {
            CANDIDATE: (self.candidate, "candidate"),
            INTERVIEWER: (self.interviewer, "interviewer"),
            SELF_RATE: (self.candidate, "candidate, to rate your own answer"),
            REVEAL: (f"{self.interviewer} and {self.candidate}", "both of you: the verdicts"),
        }[self.target]
        text = Text.assemble(
            ("Hand over\n\n", "bold"),
            f"Pass the keyboard to {who[0]} ({who[1]}).\n\n",
            "Nothing is shown until the right person is in front of the screen.\n",
            ("Press enter when you are ready.", "bold"),
        )
        self.query_one(f"#{HANDOVER}", Static).update(text)
        self._show(HANDOVER)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        phase = self.session.phase
        allowed = {
            "arrive": self.view == HANDOVER,
            "hand_over": self.view in {CANDIDATE, INTERVIEWER},
            "discuss": self.view == INTERVIEWER and phase is Phase.ANSWER,
            "end": self.view == INTERVIEWER and phase is Phase.DISCUSSION,
            "self_band": self.view == SELF_RATE,
            "confirm": self.view in {SELF_RATE, REVEAL} and not self.saved,
            "swap": self.view == REVEAL and self.saved,
        }
        return allowed.get(action, True)

    def action_arrive(self) -> None:
        if self.target == CANDIDATE and self.session.phase is Phase.ANSWER:
            self.session.start(self.trainer.clock.monotonic())
        self._show(self.target)

    def action_hand_over(self) -> None:
        self.target = INTERVIEWER if self.view == CANDIDATE else CANDIDATE
        self._save_draft()
        self._show_handover()

    # -- the candidate's view ----------------------------------------------------------------

    def _fill_candidate(self) -> None:
        session = self.session
        discussing = session.phase is Phase.DISCUSSION
        answer = self.query_one("#cd-answer", AnswerEditor)
        follow_up = self.query_one("#cd-follow-up", AnswerEditor)
        answer.display = session.typed and not discussing
        follow_up.display = session.typed and discussing
        if session.typed:
            (follow_up if discussing else answer).focus()
        asked = Text()
        for kind in session.probes_shown:
            probe = session.card.probe(kind)
            if probe is not None:
                asked.append("\nYour interviewer asks: ", style="bold")
                asked.append(probe.question)
        if session.bar_raiser_shown and session.card.bar_raiser:
            asked.append("\nAnd then: ", style="bold")
            asked.append(session.card.bar_raiser.question)
        self.query_one("#cd-asked", Static).update(asked)

    @on(AnswerEditor.Changed)
    def _typed(self, event: AnswerEditor.Changed) -> None:
        field = "answer" if event.text_area.id == "cd-answer" else "follow_up"
        self.session.type_text(field, event.text_area.text)  # spans unused: no highlights here
        self.autosave.changed(self.trainer.clock.monotonic())

    @on(TextArea.Changed, "#iv-notes")
    def _noted(self, event: TextArea.Changed) -> None:
        self.session.notes = event.text_area.text
        self.autosave.changed(self.trainer.clock.monotonic())

    # -- the interviewer's view --------------------------------------------------------------

    def _fill_interviewer(self) -> None:
        self._fill_probes()
        self._fill_checklist("#iv-checklist")
        self._refresh_score("#iv-score")
        self.query_one("#iv-rubric", Static).update(self._rubric_text())
        self.query_one("#iv-checklist", OptionList).focus()

    def _fill_probes(self) -> None:
        session = self.session
        suggested = session.suggested_probe()
        probes = self.query_one("#iv-probes", OptionList)
        highlighted = probes.highlighted
        probes.clear_options()
        for probe in session.card.probes:
            label = Text()
            label.append("[asked] " if probe.kind in session.probes_shown else "[ ] ", "bold")
            if probe.kind is suggested:
                label.append("suggested → ", style="bold reverse")
            label.append(f"{probe.title or probe.kind.value}: ", style="bold")
            label.append(probe.question)
            for note in probe.notes:
                label.append(f"\n    {note.label or 'note'}: ", style="italic")
                label.append(note.text)
            probes.add_option(Option(label, id=probe.kind.value))
        bar_raiser = session.card.bar_raiser
        if bar_raiser is not None:
            label = Text("[asked] " if session.bar_raiser_shown else "[ ] ", style="bold")
            label.append("Bar-raiser: ", style="bold")
            label.append(bar_raiser.question)
            if not session.bar_raiser_available(self.trainer.clock.monotonic()):
                label.append("  (after the probe, while 2+ minutes are left)", style="dim")
            for concept in bar_raiser.concepts:
                label.append(f"\n    • {concept}")
            probes.add_option(Option(label, id=BAR_RAISER))
        probes.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionSelected, "#iv-probes")
    def _ask(self, event: OptionList.OptionSelected) -> None:
        session = self.session
        if session.phase is not Phase.DISCUSSION:
            self.notify("Probes come after the answer: ctrl+n starts the discussion.", timeout=3)
            return
        if event.option.id == BAR_RAISER:
            session.show_bar_raiser()
        else:
            session.show_probe(ProbeKind(event.option.id))
        self._fill_probes()
        self.notify("Asked: the candidate sees the question after the hand-over.", timeout=3)

    def _rubric_text(self) -> Text:
        card = self.session.card
        text = Text()
        for title, groups in (
            ("Expected keywords", card.core_keywords),
            ("Bonus keywords", card.bonus_keywords),
        ):
            text.append(f"\n{title}\n", style="bold")
            for group in groups:
                text.append(f"  {group.label}: ", style="italic")
                text.append(", ".join(group.keywords) + "\n")
        text.append("\nWatch for\n", style="bold")
        for mistake in card.common_mistakes:
            text.append(f"  • {mistake}\n")
        return text

    def action_discuss(self) -> None:
        """Start the discussion with the suggested probe highlighted, one enter from asked."""
        self.session.begin_discussion(self.trainer.clock.monotonic(), ask=False)
        self._save_draft()
        self._fill_interviewer()
        probes = self.query_one("#iv-probes", OptionList)
        suggested = self.session.suggested_probe().value
        probes.highlighted = next(
            (
                i
                for i in range(probes.option_count)
                if probes.get_option_at_index(i).id == suggested
            ),
            0,
        )
        probes.focus()
        self.refresh_bindings()

    def action_end(self) -> None:
        self.session.finish(self.trainer.clock.monotonic())
        self._save_draft()
        self.target = SELF_RATE
        self._show_handover()

    # -- checklists (the interviewer's verdict) --------------------------------------------------

    def _fill_checklist(self, selector: str) -> None:
        report = self.session.final_report()
        show_verdicts(self.query_one(selector, OptionList), report, who_decided="typed")

    @on(OptionList.OptionSelected, "#iv-checklist, #rv-checklist")
    def _tick(self, event: OptionList.OptionSelected) -> None:
        self.session.toggle_override(str(event.option.id))
        selector = f"#{event.option_list.id}"
        self._fill_checklist(selector)
        self._refresh_score("#iv-score" if selector == "#iv-checklist" else "#rv-score")
        if self.view == INTERVIEWER:
            self._fill_probes()
        else:
            self._fill_reveal()

    def _refresh_score(self, selector: str) -> None:
        final = self.session.final_report().final
        text = Text.assemble(
            (f"Score {final.score:g} · {final.band.label}\n", "bold"),
            f"core {final.core_covered}/{final.core_total} · bonus "
            f"{final.bonus_covered}/{final.bonus_total} (enter ticks a concept)",
        )
        self.query_one(selector, Static).update(text)

    # -- the candidate rates their own answer ------------------------------------------------

    def _fill_self_rate(self) -> None:
        session = self.session
        if session.self_covered is None:
            session.self_covered = set()
        self.query_one("#sr-help", Static).update(
            Text.assemble(
                ("Before anything is revealed, rate your own answer.\n", "bold"),
                "Which of these did you cover? (enter toggles)  Then your band: "
                "1 insufficient · 2 needs improvement · 3 good · 4 excellent, and ctrl+s.",
            )
        )
        concepts = self.query_one("#sr-concepts", OptionList)
        highlighted = concepts.highlighted
        concepts.clear_options()
        for concept in session.final_report().concepts:
            mark = "[x] " if concept.name in session.self_covered else "[ ] "
            concepts.add_option(Option(Text(mark + concept.name), id=concept.name))
        concepts.highlighted = highlighted if highlighted is not None else 0
        concepts.focus()
        band = session.self_assessment.label if session.self_assessment else "not chosen yet"
        self.query_one("#sr-band", Static).update(Text.assemble(("Your band: ", "bold"), band))

    @on(OptionList.OptionSelected, "#sr-concepts")
    def _claim(self, event: OptionList.OptionSelected) -> None:
        claimed = self.session.self_covered if self.session.self_covered is not None else set()
        claimed ^= {str(event.option.id)}
        self.session.self_covered = claimed
        self._fill_self_rate()

    def action_self_band(self, key: str) -> None:
        self.session.self_assessment = SELF_BANDS[key]
        self._fill_self_rate()

    # -- the reveal ----------------------------------------------------------------------------

    def _fill_reveal(self) -> None:
        self._fill_checklist("#rv-checklist")
        self._refresh_score("#rv-score")
        session = self.session
        calibration = session.calibration()
        text = Text()
        text.append(f"{self.candidate} thought\n", style="bold")
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
        if self.saved:
            text.append(f"\nSaved on {self.candidate}'s history. ", style="bold")
            text.append(self.saved_message + "\nPress w to swap roles for the next question.")
        else:
            text.append(
                f"\n{self.interviewer}: confirm the checklist on the left, then ctrl+s to save.",
                style="italic",
            )
        self.query_one("#rv-candidate", Static).update(text)

    def action_confirm(self) -> None:
        if self.view == SELF_RATE:
            self.target = REVEAL
            self._save_draft()
            self._show_handover()
            return
        app = self.trainer
        now = app.clock.now()
        attempt = self.session.to_attempt(now, app.clock.monotonic())
        try:
            result = app.store.save_attempt(attempt, self.session.rating, now)
        except DataError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        app.drafts.discard(self.candidate)
        due = result.schedule.due if result.schedule else None
        self.saved_message = f"The card comes back {in_words(due, now)}." if due else ""
        self.saved = True
        self._fill_reveal()
        self.refresh_bindings()

    def action_swap(self) -> None:
        self.trainer.swap_pair(self.session)

    def action_leave(self) -> None:
        from trainer.ui.screens.modals import ConfirmScreen

        def answered(leave: bool | None) -> None:
            if leave:
                self.session.pause(self.trainer.clock.monotonic())
                if not self.saved:
                    self._save_draft()
                self.trainer.go_home()

        question = "Leave the interview?" + ("" if self.saved else " The draft is kept.")
        self.trainer.push_screen(ConfirmScreen(question), answered)

    # -- clock and drafts ----------------------------------------------------------------------

    def tick(self) -> None:
        now = self.trainer.clock.monotonic()
        session = self.session
        clock = session.clock
        if self.view == CANDIDATE and clock is not None:
            title = "Answer" if session.phase is Phase.ANSWER else "Discussion"
            self.query_one("#cd-timer", PhaseTimer).show(title, clock, now)
        if self.view == INTERVIEWER:
            lines = [
                f"{phase.value.capitalize():10} {clock.describe(now)}"
                for phase, clock in session.clocks.items()
            ]
            self.query_one("#iv-timer", Static).update("\n".join(lines))
        if self.autosave.due(now):
            self._save_draft()

    def _save_draft(self) -> None:
        if not self.saved:
            self.trainer.drafts.save(self.session.to_draft(self.trainer.clock.monotonic()))
        self.autosave.saved()

    def on_unmount(self) -> None:
        if not self.saved and self.autosave.pending:
            self._save_draft()
