"""The interviewer's view: probes to ask, the rubric, a concept checklist to tick while
listening, the live score, notes, and both clocks."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from trainer.core.cards.model import ProbeKind
from trainer.core.grading.analysis import spans_by_line
from trainer.core.practice.session import AnswerField, DrillSession
from trainer.core.store.records import Phase
from trainer.ui.safe_text import literal, visible_text
from trainer.ui.screens.base import after_typing
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.evidence import EvidenceNote, select_passage
from trainer.ui.widgets.pair.focus import FocusCues, titled
from trainer.ui.widgets.pair.pane import PairPane
from trainer.ui.widgets.verdicts import show_verdicts, verdict_summary
from trainer.ui.widgets.visible_text_area import VisibleTextArea

BAR_RAISER_OPTION = "bar-raiser"
LISTEN = "Tick what you hear in the checklist (enter). tab: notes · ctrl+n: "
ASK = "Ask a probe: enter on the highlighted one. tab: checklist, notes · ctrl+n: the end"


class InterviewerView(FocusCues, PairPane):
    """What the person interviewing sees; every choice is posted as a message."""

    BINDINGS = [
        Binding("ctrl+n", "discuss", "Start discussion", id="pair.discuss", priority=True),
        Binding("ctrl+n", "end", "End interview", id="pair.end", priority=True),
    ]

    @dataclass
    class ProbeAsked(Message):
        """Ask the candidate this follow-up."""

        kind: ProbeKind

    class BarRaiserAsked(Message):
        """Ask the candidate the bar-raiser."""

    @dataclass
    class Ticked(Message):
        """The interviewer changed their verdict on a concept."""

        concept: str

    @dataclass
    class NotesChanged(Message):
        """The interviewer's notes (never part of the candidate's answer)."""

        text: str

    class DiscussionStarted(Message):
        """The answer is over: on to the follow-ups."""

    class Ended(Message):
        """The interview is over: the candidate rates themselves next."""

    def __init__(self, session: DrillSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        answer = AnswerEditor(
            session.everything_said(), field=AnswerField.ANSWER, id="iv-answer", read_only=True
        )
        with VerticalScroll(id="iv-left"):
            yield Static(literal(session.card.question), classes="pair-question")
            yield titled(answer, "The candidate's answer, as typed")
            yield titled(OptionList(id="iv-probes"), "Probes · enter asks")
            yield Static(self._rubric_text(), id="iv-rubric")
        with VerticalScroll(id="iv-right"):
            yield Static(id="iv-timer")
            yield Static(id="iv-hint")
            yield Static(id="iv-score")
            yield titled(OptionList(id="iv-checklist"), "Checklist · enter ticks")
            yield EvidenceNote(id="iv-why")
            yield titled(VisibleTextArea(session.notes, id="iv-notes"), "Notes · yours only")

    def show(self, now: float) -> None:
        """Refresh everything and focus the pane the hint names: the probes when one is to
        be asked, else the checklist."""
        self.refresh_verdicts(now)
        session = self.session
        asking = session.phase is Phase.DISCUSSION and not session.probes_shown
        if asking:
            hint = ASK
            self.focus_suggested_probe()
        else:
            hint = LISTEN + ("the discussion" if session.phase is Phase.ANSWER else "the end")
            self.query_one("#iv-checklist", OptionList).focus()
        self.query_one("#iv-hint", Static).update(Text(hint, style="italic"))
        self.tick(now)

    def on_mount(self) -> None:
        self.query_one("#iv-answer").display = self.session.typed

    def refresh_verdicts(self, now: float) -> None:
        report = self.session.final_report()
        answer = self.query_one("#iv-answer", AnswerEditor)
        said = self.session.everything_said()
        if answer.text != said:
            answer.load_text(said)
        answer.show_spans(spans_by_line(said, list(report.keywords)))
        show_verdicts(self.query_one("#iv-checklist", OptionList), report, who_decided="typed")
        self.query_one("#iv-score", Static).update(verdict_summary(report))
        self._fill_probes(now)

    def focus_suggested_probe(self) -> None:
        """Highlight the probe the verdict calls for, one enter from asked."""
        probes = self.query_one("#iv-probes", OptionList)
        suggested = self.session.suggested_probe().value
        indexes = range(probes.option_count)
        probes.highlighted = next(
            (i for i in indexes if probes.get_option_at_index(i).id == suggested), 0
        )
        probes.focus()

    def tick(self, now: float) -> None:
        lines = [
            f"{phase.value.capitalize():10} {clock.describe(now)}"
            for phase, clock in self.session.clocks.items()
        ]
        self.query_one("#iv-timer", Static).update("\n".join(lines))

    def _fill_probes(self, now: float) -> None:
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
            probes.add_option(Option(visible_text(label), id=probe.kind.value))
        bar_raiser = session.card.bar_raiser
        if bar_raiser is not None:
            label = Text("[asked] " if session.bar_raiser_shown else "[ ] ", style="bold")
            label.append("Bar-raiser: ", style="bold")
            label.append(bar_raiser.question)
            if not session.bar_raiser_available(now):
                label.append("  (after the probe, while 2+ minutes are left)", style="dim")
            for concept in bar_raiser.concepts:
                label.append(f"\n    • {concept}")
            probes.add_option(Option(visible_text(label), id=BAR_RAISER_OPTION))
        probes.highlighted = highlighted if highlighted is not None else 0

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
        return visible_text(text)

    # -- what the interviewer does -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "discuss":
            return self.session.phase is Phase.ANSWER
        if action == "end":
            return self.session.phase is Phase.DISCUSSION
        return True

    def action_discuss(self) -> None:
        after_typing(self, lambda: self.post_message(self.DiscussionStarted()))

    def action_end(self) -> None:
        after_typing(self, lambda: self.post_message(self.Ended()))

    @on(OptionList.OptionSelected, "#iv-probes")
    def _ask(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.session.phase is not Phase.DISCUSSION:
            self.notify("Probes come after the answer: ctrl+n starts the discussion.", timeout=3)
            return
        if event.option.id == BAR_RAISER_OPTION:
            self.post_message(self.BarRaiserAsked())
        else:
            self.post_message(self.ProbeAsked(ProbeKind(str(event.option.id))))

    @on(OptionList.OptionHighlighted, "#iv-checklist")
    def _why(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        report = self.session.final_report()
        concept = next((c for c in report.concepts if c.name == event.option.id), None)
        self.query_one("#iv-why", EvidenceNote).show(self.session.card, concept)
        select_passage(self.query_one("#iv-answer", AnswerEditor), concept)

    @on(OptionList.OptionSelected, "#iv-checklist")
    def _tick(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Ticked(str(event.option.id)))

    @on(TextArea.Changed, "#iv-notes")
    def _noted(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.NotesChanged(event.text_area.text))
