"""One past attempt, re-rendered with its highlights and verdicts; and two attempts compared."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from trainer.core.cards.model import Card
from trainer.core.grading.analysis import spans_by_line
from trainer.core.grading.matching import Tier
from trainer.core.grading.scoring import ConceptVerdict, Scorer, split_line
from trainer.core.history.filters import Comparison, attempt_calibration, breakdown, final_covered
from trainer.core.practice.clock import format_seconds
from trainer.core.practice.session import AnswerField, everything_said, follow_up_name
from trainer.core.store.records import Attempt, Mode
from trainer.core.wording import score_label
from trainer.ui.messages import DrillCard
from trainer.ui.safe_text import literal, markdown_source, visible_text
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.evidence import EvidenceNote, select_passage
from trainer.ui.widgets.transcript import follow_up_heading

if TYPE_CHECKING:
    pass

BAR = 30  # characters for a phase's budget in the timeline


class AttemptScreen(TrainerScreen):
    """What was said, what it earned, how long it took, beside the card's model answer."""

    BINDINGS = [
        Binding("d", "drill_again", "Drill this card again", id="attempt.drill"),
        Binding("escape", "app.pop_screen", "Back", id="attempt.back"),
    ]

    def __init__(self, attempt: Attempt, card: Card | None) -> None:
        super().__init__()
        self.attempt = attempt
        self.card = card
        self.verdicts: list[ConceptVerdict] = []

    def compose(self) -> ComposeResult:
        attempt = self.attempt
        yield Header()
        with Horizontal(id="attempt"):
            with VerticalScroll(id="attempt-main"):
                yield Static(self._summary(), id="attempt-summary")
                yield Static(self._timeline(), id="attempt-timeline")
                yield Static("Answer", classes="pane-title")
                yield AnswerEditor(
                    attempt.answer,
                    field=AnswerField.ANSWER,
                    id="attempt-answer",
                    read_only=True,
                )
                for index, reply in enumerate(attempt.paired_replies()):
                    # Each follow-up beside its own reply (older attempts: what they kept).
                    question = reply.question or self._bar_raiser_question(reply.kind)
                    yield Static(
                        Text.assemble(
                            (f"{follow_up_heading(reply.kind)}: ", "bold"), literal(question)
                        ),
                        classes="attempt-question",
                    )
                    yield AnswerEditor(
                        reply.answer or "(no reply)",
                        field=AnswerField.FOLLOW_UP,
                        id=f"attempt-follow-up-{index}",
                        read_only=True,
                    )
                yield Static("Concepts (up/down: why)", classes="pane-title")
                yield OptionList(id="attempt-concepts")
                yield EvidenceNote(id="attempt-why")
                if attempt.notes.strip():
                    yield Static(
                        Text.assemble(("Interviewer's notes\n", "bold"), literal(attempt.notes))
                    )
            with VerticalScroll(id="attempt-model"):
                model = self.card.sample_excellent if self.card else ""
                yield Markdown(
                    markdown_source(
                        "## Model answer\n\n" + (model or "_the card is no longer in the bank_")
                    )
                )
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.attempt.card_title or self.attempt.card_id
        self.sub_title = self.attempt.started.astimezone().strftime("%Y-%m-%d %H:%M")
        if self.card is None:
            return
        scorer = Scorer(self.card)
        for editor in self.query(AnswerEditor):
            editor.cursor_blink = False
            editor.show_spans(spans_by_line(editor.text, scorer.analyze(editor.text).hits))
        self.verdicts = self._rescored_verdicts(scorer)
        concepts = self.query_one("#attempt-concepts", OptionList)
        for concept in self.verdicts:
            label = Text("[x] " if concept.covered else "[ ] ", style="bold")
            label.append(concept.name)
            if concept.override is not None:
                automatic = "covered" if concept.automatic else "missed"
                label.append(f"  (automatic: {automatic}; changed by a person)", "italic")
            concepts.add_option(Option(visible_text(label), id=concept.name))

    def _rescored_verdicts(self, scorer: Scorer) -> list[ConceptVerdict]:
        """The saved verdicts, each with the passage that earns it when graded again now."""
        attempt = self.attempt
        said = everything_said(attempt.answer, *(r.answer for r in attempt.paired_replies()))
        evidence = scorer.score(said).evidence()
        covered = final_covered(attempt)
        return (
            [
                ConceptVerdict(
                    name=concept.name,
                    tier=tier,
                    automatic=concept.name in attempt.automatic_covered,
                    override=attempt.overrides.get(concept.name),
                    evidence=evidence.get(concept.name) if concept.name in covered else None,
                )
                for tier, group in (
                    (Tier.CORE, self.card.core_concepts),
                    (Tier.BONUS, self.card.bonus_concepts),
                )
                for concept in group
            ]
            if self.card
            else []
        )

    @on(OptionList.OptionHighlighted, "#attempt-concepts")
    def _why(self, event: OptionList.OptionHighlighted) -> None:
        concept = next((c for c in self.verdicts if c.name == event.option.id), None)
        if self.card is None or concept is None:
            return
        self.query_one("#attempt-why", EvidenceNote).show(self.card, concept)
        answer = self.query_one("#attempt-answer", AnswerEditor)
        evidence = concept.evidence
        if evidence is not None and evidence.end <= len(self.attempt.answer):
            select_passage(answer, concept)
        elif evidence is not None and self.query("#attempt-follow-up"):
            shift = len(self.attempt.answer) + 2 if self.attempt.answer.strip() else 0
            moved = replace(evidence, start=evidence.start - shift, end=evidence.end - shift)
            select_passage(
                self.query_one("#attempt-follow-up", AnswerEditor), replace(concept, evidence=moved)
            )

    def _summary(self) -> Text:
        attempt = self.attempt
        text = Text()
        text.append(
            f"Score {score_label(attempt.score)} · {attempt.band.replace('_', ' ')}", "bold"
        )
        if attempt.automatic_score is not None and attempt.overrides:
            text.append(f"  (automatic {score_label(attempt.automatic_score)})", "dim")
        if self.card is not None:
            split = breakdown(attempt, self.card)
            text.append("\n" + split_line(split))
        mode = (
            f"pair, interviewed by {attempt.interviewer}" if attempt.mode is Mode.PAIR else "solo"
        )
        text.append(f"\n{attempt.profile} · {mode}")
        calibration = attempt_calibration(attempt)
        if calibration is not None:
            text.append(f"\nSelf-assessment: {calibration.summary()}")
        if attempt.probes_asked:
            asked = ", ".join(follow_up_name(key) for key in attempt.probes_asked)
            text.append(f"\nProbes asked: {asked}")
        return visible_text(text)

    def _bar_raiser_question(self, kind: str) -> str:
        bar_raiser = self.card.bar_raiser if self.card is not None else None
        return bar_raiser.question if kind == "bar_raiser" and bar_raiser else ""

    def _timeline(self) -> Text:
        text = Text("Time against budget\n", style="bold")
        for phase in self.attempt.phases:
            scale = BAR / max(phase.budget_high, phase.seconds_used, 1)
            used = round(phase.seconds_used * scale)
            budget = round(phase.budget_high * scale)
            bar = "█" * min(used, budget) + "▒" * max(0, used - budget)
            bar = bar.ljust(budget, "·")
            over = phase.seconds_used - phase.budget_high
            text.append(f"{phase.phase:10} {bar} {format_seconds(phase.seconds_used)}")
            text.append(f" of {phase.budget_low // 60}-{phase.budget_high // 60} min")
            text.append(f" (over by {format_seconds(over)})\n" if over > 0 else "\n")
        return text

    def action_drill_again(self) -> None:
        if self.card is None:
            self.notify("That card is no longer in the bank.", severity="warning")
            return
        self.post_message(DrillCard(self.card))


class CompareScreen(TrainerScreen):
    """Two attempts at the same card side by side."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="compare.back")]

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        result = self.comparison
        yield Header()
        yield Static(self._change(), id="compare-change")
        with Horizontal(id="compare"):
            for attempt in (result.before, result.after):
                with VerticalScroll(classes="compare-side"):
                    when = attempt.started.astimezone().strftime("%Y-%m-%d %H:%M")
                    # Two people's attempts at one card (the everyone view): say whose.
                    whose = literal(f"{attempt.profile} · ") if result.people else Text()
                    yield Static(
                        Text.assemble(
                            whose,
                            (f"{when} · {score_label(attempt.score)} ", "bold"),
                            attempt.band.label,
                        )
                    )
                    yield Static(literal(attempt.answer))
        yield Footer()

    def on_mount(self) -> None:
        self.title = f"Compare: {self.comparison.after.card_title or self.comparison.after.card_id}"

    def _change(self) -> Text:
        result = self.comparison
        change = result.score_change
        text = Text(f"Score {'+' if change >= 0 else ''}{score_label(change)}", style="bold")
        text.append(f" ({score_label(result.before.score)} → {score_label(result.after.score)})")
        if result.people:
            text.append(f", {result.people[0]} then {result.people[1]}")
        text.append("\n")
        text.append("Gained: ", style="bold")
        text.append(", ".join(result.gained) or "nothing")
        text.append("\nLost: ", style="bold")
        text.append(", ".join(result.lost) or "nothing")
        return visible_text(text)
