"""The drill: answer against the clock, then discuss the follow-up, then go to the review."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from trainer.core.grading.analysis import TextAnalysis
from trainer.core.grading.scoring import Scorer, ScoreReport
from trainer.core.practice.overtime import BoundAlerts
from trainer.core.practice.session import BAR_RAISER, AnswerField, DrillSession, follow_up_name
from trainer.core.store.records import Phase
from trainer.core.wording import plural
from trainer.ui.messages import Review
from trainer.ui.safe_text import literal
from trainer.ui.screens.practice import PracticeScreen
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.asked_probes import current_follow_up, said_so_far
from trainer.ui.widgets.concept_checklist import ConceptChecklist
from trainer.ui.widgets.phase_timer import PhaseTimer
from trainer.ui.widgets.steady_text import SteadyText
from trainer.ui.widgets.transcript import Transcript

PANEL_DELAY = 0.25  # seconds of quiet after the last keystroke before the side panel is rescored
TICK = 0.5


class DrillScreen(PracticeScreen):
    """Answer and discussion phases of one drill."""

    BINDINGS = [
        Binding("ctrl+n", "discuss", "Done: discuss", id="drill.discuss", priority=True),
        Binding("ctrl+n", "review", "Done: review", id="drill.review", priority=True),
        Binding("ctrl+t", "pause", "Pause", id="drill.pause", priority=True),
        # The same id as Pause: a key remapped in the config moves both (one key, two words).
        Binding("ctrl+t", "resume", "Resume", id="drill.pause", priority=True),
        Binding("ctrl+b", "toggle_blind", "Blind", id="drill.blind", priority=True),
        Binding("ctrl+o", "other_probe", "Other probe", id="drill.probe", priority=True),
        Binding("ctrl+r", "bar_raiser", "Bar-raiser", id="drill.bar_raiser", priority=True),
        Binding("escape", "leave", "Leave", id="drill.leave"),
        Binding("ctrl+up", "scroll_prompt(-1)", "Scroll question up", show=False),
        Binding("ctrl+down", "scroll_prompt(1)", "Scroll question down", show=False),
    ]

    def __init__(self, session: DrillSession) -> None:
        super().__init__(session)
        self._panel_timer: Timer | None = None
        self._panel_generation = 0  # the latest scoring asked for; older results are dropped
        self.settings = self.trainer.store.settings(session.profile)
        answer_clock = session.clocks[Phase.ANSWER]
        self.alerts = BoundAlerts(answer_clock.budget, answer_clock.accumulated)

    def compose(self) -> ComposeResult:
        card = self.session.card
        yield Header()
        with Horizontal(id="drill"):
            with Vertical(id="work"):
                yield Static(
                    "Paused: the question is hidden and the clock stopped. ctrl+t resumes.",
                    id="paused",
                )
                with VerticalScroll(id="prompt"):
                    yield Static(literal(card.question), id="question")
                    yield Transcript(id="said")  # the discussion: what was said so far
                yield Static(id="probes")  # the follow-up being answered, never scrolled away
                yield Static(id="editor-label")
                yield AnswerEditor(self.session.answer, field=AnswerField.ANSWER, id="answer")
                yield AnswerEditor(
                    self.session.reply(self.session.reply_to),
                    field=AnswerField.FOLLOW_UP,
                    id="follow-up",
                )
            with VerticalScroll(id="side"):
                yield PhaseTimer(id="timer")
                yield SteadyText(id="band")
                yield SteadyText(id="stats")
                yield ConceptChecklist(id="checklist")
        yield Footer()

    def on_mount(self) -> None:
        card = self.session.card
        self.title = card.title
        self.sub_title = f"{card.level} {card.category} · {self.session.profile}"
        session = self.session
        fresh = session.phase is Phase.ANSWER and not session.answer
        if fresh and session.clocks[Phase.ANSWER].accumulated == 0:
            session.blind = self.settings.blind_by_default
        session.start(self.trainer.clock.monotonic())
        self._restore_cursors()
        self._show_phase()
        self._apply_blind()
        self.set_interval(TICK, self.tick)
        self.update_panel()

    # -- phases ----------------------------------------------------------------------------------

    def _show_phase(self) -> None:
        discussing = self.session.phase is Phase.DISCUSSION
        answer = self.query_one("#answer", AnswerEditor)
        follow_up = self.query_one("#follow-up", AnswerEditor)
        answer.display = not discussing
        follow_up.display = discussing
        (follow_up if discussing else answer).focus()
        label = "Your answer"
        if discussing:
            key = self._current_key()
            label = f"Your reply to the {follow_up_name(key)}" if key else "Your reply"
            parts, skip = said_so_far(self.session)
            hits = () if self.session.blind else self.session.final_report().keywords
            self.query_one("#said", Transcript).show(parts, hits, skip=skip)
        self.query_one("#said").display = discussing
        self.query_one("#editor-label", Static).update(label)
        self.query_one("#probes", Static).update(current_follow_up(self.session))
        self.set_class(discussing, "-discussing")
        self._show_paused()
        self.refresh_bindings()
        self.tick()
        # The follow-up just asked sits above the editor; what came before scrolls, newest last.
        prompt = self.query_one("#prompt", VerticalScroll)
        if discussing:
            self.call_after_refresh(prompt.scroll_end, animate=False)

    def _current_key(self) -> str | None:
        session = self.session
        if session.reply_to is not None:
            return session.reply_to
        return session.probe_kind.value if session.probe_kind else None

    def _ask(self, key: str) -> None:
        """The follow-up editor answers this follow-up from now on (its own reply)."""
        editor = self.query_one("#follow-up", AnswerEditor)
        editor.load_text(self.session.answer_next(key))
        editor.move_cursor(editor.document.end)
        self._show_phase()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Bindings that make no sense in this phase are hidden from the footer."""
        discussing = self.session.phase is Phase.DISCUSSION
        if action == "discuss":
            return not discussing
        if action == "review":
            return discussing
        if action == "other_probe":
            return discussing and len(self.session.probes_shown) < len(self.session.card.probes)
        if action in {"pause", "resume"}:
            return self._paused() == (action == "resume")
        if action == "bar_raiser":
            now = self.trainer.clock.monotonic()
            return (
                discussing
                and not self.session.bar_raiser_shown
                and self.session.bar_raiser_available(now)
            )
        return True

    def action_discuss(self) -> None:
        self.after_typing(self._discuss)

    def _discuss(self) -> None:
        if self.session.phase is Phase.DISCUSSION:
            return  # a second ctrl+n while the first waited for the keys before it
        self.take_typed()
        self.session.begin_discussion(self.trainer.clock.monotonic())
        self._show_phase()
        self.save_draft()

    def action_review(self) -> None:
        self.after_typing(self._review)

    def _review(self) -> None:
        if self.session.phase is not Phase.DISCUSSION or not self.is_attached:
            return
        self.take_typed()
        self.session.finish(self.trainer.clock.monotonic())
        self.save_draft()
        self.post_message(Review(self.session))

    def action_other_probe(self) -> None:
        for probe in self.session.card.probes:
            if probe.kind not in self.session.probes_shown:
                self.session.show_probe(probe.kind)
                self._ask(probe.kind.value)
                break

    def action_bar_raiser(self) -> None:
        self.session.show_bar_raiser()
        self._ask(BAR_RAISER)

    def action_scroll_prompt(self, direction: int) -> None:
        prompt = self.query_one("#prompt", VerticalScroll)
        prompt.scroll_relative(y=direction * max(1, prompt.size.height - 1), animate=False)

    # -- pause -----------------------------------------------------------------------------------

    def _paused(self) -> bool:
        return self.session.clock is not None and not self.session.clock.running

    def action_pause(self) -> None:
        self.after_typing(self._toggle_pause)

    def action_resume(self) -> None:
        self.after_typing(self._toggle_pause)

    def _toggle_pause(self) -> None:
        running = self.session.toggle_pause(self.trainer.clock.monotonic())
        self.notify("Timer running" if running else "Timer paused", timeout=2)
        self._show_paused()
        self.refresh_bindings()
        self.tick()

    def _show_paused(self) -> None:
        """Paused, nothing can be read or typed: no thinking time for free."""
        paused = self._paused()
        self.query_one("#paused").display = paused
        self.query_one("#prompt").display = not paused
        self.query_one("#probes").display = not paused and self.session.phase is Phase.DISCUSSION
        for editor in self.query(AnswerEditor):
            editor.read_only = paused
        if not paused:
            editor = self.query_one(
                "#follow-up" if self.session.phase is Phase.DISCUSSION else "#answer", AnswerEditor
            )
            editor.focus()

    # -- drafts ----------------------------------------------------------------------------------

    def _restore_cursors(self) -> None:
        """A resumed draft's cursors where they were (at the end when not kept)."""
        for editor in self.query(AnswerEditor):
            row, column = self.session.cursors.get(editor.field.value, editor.document.end)
            editor.move_cursor((row, column))

    def save_draft(self) -> bool:
        self.session.cursors = {
            editor.field.value: editor.cursor_location for editor in self.query(AnswerEditor)
        }
        return super().save_draft()

    def action_toggle_blind(self) -> None:
        self.session.blind = not self.session.blind
        self._apply_blind()
        if not self.session.blind:  # what was typed blind is highlighted and scored now
            for editor in self.query(AnswerEditor):
                editor.show_spans(self.session.type_text(editor.field, editor.text))
            self.update_panel()
        message = "Blind: no highlights, no checklist" if self.session.blind else "Highlights on"
        self.notify(message, timeout=2)

    def _apply_blind(self) -> None:
        blind = self.session.blind
        for editor in self.query(AnswerEditor):
            editor.set_blind(blind)
        self.query_one("#checklist").display = not blind
        self.query_one("#drill").set_class(blind, "-blind")  # the side panel's width to the editor
        self.query_one("#band").display = not blind

    def action_leave(self) -> None:
        self.after_typing(self._leave)

    def _leave(self) -> None:
        def told() -> None:
            self.app.notify("Draft kept: press r on the home screen to resume", timeout=4)

        self.confirm_leave("Leave this drill? Your draft is kept and can be resumed.", told)

    # -- typing ----------------------------------------------------------------------------------

    @on(AnswerEditor.Typed)
    def on_answer_typed(self, event: AnswerEditor.Typed) -> None:
        """Scan what changed and repaint its keywords; the side panel follows a bit later."""
        spans = self.session.type_text(event.field, event.text)
        if not self.session.blind:
            event.editor.show_spans(spans)
        self.typed()
        # Debounced on the last key, not the first: a burst of typing is scored once, after it.
        if self._panel_timer is not None:
            self._panel_timer.stop()
        self._panel_timer = self.set_timer(PANEL_DELAY, self.update_panel)

    def update_panel(self) -> None:
        """Checklist, band and words, after a pause in typing. The text is analysed here
        (incrementally: the keystrokes already did most of it); judging the concepts, the
        heavy part, runs on a worker thread so the next key is never kept waiting."""
        self._panel_timer = None
        self._update_stats()
        if self.session.blind:
            return  # nothing of it is shown; scored again when blind mode ends
        scorer, text = self._live_scorer()
        self._panel_generation += 1
        self._score_panel(scorer, scorer.analyze(text), self._panel_generation)

    def _live_scorer(self) -> tuple[Scorer, str]:
        """What `DrillSession.live_report` scores: the answer alone, then the whole interview."""
        session = self.session
        if session.phase is Phase.ANSWER:
            return session.answer_scorer, session.answer
        return session.discussion_scorer, session.everything_said()

    @work(thread=True, exclusive=True, group="side-panel")
    def _score_panel(self, scorer: Scorer, analysis: TextAnalysis, generation: int) -> None:
        report = scorer.score(analysis)  # pure given the analysis: safe off the event loop
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_report, report, generation)

    def _show_report(self, report: ScoreReport, generation: int) -> None:
        if generation != self._panel_generation or not self.is_mounted:
            return  # a later keystroke's report is on its way, or the drill is over
        self.query_one("#checklist", ConceptChecklist).show(report)
        band = Text.assemble(("Running band: ", "bold"), report.final.band.label)
        self.query_one("#band", SteadyText).show_text(band)

    def _update_stats(self) -> None:
        words, per_minute = self.session.pace(self.trainer.clock.monotonic())
        pace = f"{per_minute:.0f} wpm" if per_minute is not None else "-- wpm"
        self.query_one("#stats", SteadyText).show_text(f"{plural(words, 'word')} · {pace}")

    # -- the clock -------------------------------------------------------------------------------

    def tick(self) -> None:
        """Refresh the timer and autosave the draft when it is due (called twice a second)."""
        session = self.session
        now = self.trainer.clock.monotonic()
        clock = session.clock
        if clock is not None:
            title = "Answer" if session.phase is Phase.ANSWER else "Discussion"
            self.query_one("#timer", PhaseTimer).show(title, clock, now)
            if session.phase is Phase.ANSWER:
                self._alert(clock.elapsed(now))
        self._update_stats()
        self.autosave_if_due()
        if session.phase is Phase.DISCUSSION:
            self.refresh_bindings()

    def _alert(self, elapsed: float) -> None:
        """Once each: the answer budget's low end passed, then its high end (as set)."""
        for message in self.alerts.due(elapsed):
            if self.settings.time_alerts:
                self.notify(message, severity="warning", timeout=6)
            if self.settings.bell:
                self.app.bell()
