"""The review: self-assessment first, then the score, the concepts (overridable), the model
answers, the time used, and the rating that schedules the card."""

from __future__ import annotations

from fsrs import Rating
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Markdown, OptionList, Static

from trainer.core.grading.evidence import caveat
from trainer.core.grading.scoring import split_line
from trainer.core.practice.clock import format_seconds
from trainer.core.practice.session import DrillSession
from trainer.core.store.records import Phase
from trainer.core.wording import plural, score_label
from trainer.ui.messages import GoHome
from trainer.ui.safe_text import literal, markdown_source
from trainer.ui.screens.practice import PracticeScreen
from trainer.ui.widgets.evidence import EvidenceNote
from trainer.ui.widgets.transcript import Transcript, said_in_order
from trainer.ui.widgets.verdicts import SELF_BANDS, band_bindings, show_verdicts

RATING_KEYS = {"a": Rating.Again, "h": Rating.Hard, "g": Rating.Good, "e": Rating.Easy}


class ReviewScreen(PracticeScreen):
    """How the drill went, what the rubric says, and when the card comes back."""

    BINDINGS = [
        *band_bindings("assess", "review"),
        Binding("s", "assess('')", "Skip", id="review.skip"),
        Binding("a", "rate('a')", "Again", id="review.again", show=False),
        Binding("h", "rate('h')", "Hard", id="review.hard", show=False),
        Binding("g", "rate('g')", "Good", id="review.good", show=False),
        Binding("e", "rate('e')", "Easy", id="review.easy", show=False),
        Binding("space", "toggle_concept", "Toggle verdict", id="review.toggle", show=False),
        Binding("ctrl+s", "save", "Save & schedule", id="review.save"),
        Binding("escape", "leave", "Home", id="review.leave"),
        Binding("ctrl+up", "scroll_answers(-1)", "Scroll answers up", show=False),
        Binding("ctrl+down", "scroll_answers(1)", "Scroll answers down", show=False),
    ]

    # On a short terminal the concept list scrolls itself, so that it and the "why" of the
    # highlighted concept fit in the pane together.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]

    def __init__(self, session: DrillSession) -> None:
        super().__init__(session)
        # A draft left after the score was seen does not ask for the self-assessment again.
        self.assessed = session.self_assessment is not None or session.score_seen
        self.saved_due: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="assess")
        with Horizontal(id="review"):
            with VerticalScroll(id="verdict"):
                yield Static(id="score")
                yield Static(caveat(), id="caveat")
                yield Static(
                    "Concepts (up/down: why; space or enter toggles a verdict)",
                    classes="pane-title",
                    id="concepts-title",
                )
                yield OptionList(id="concepts")
                yield EvidenceNote(id="why")
                yield Static(id="keywords")
                yield Static(id="timing")
            # One scroll for the right pane: what was said, each reply beside its question,
            # then the model answers (tab focuses it; ctrl+up/down scroll it from anywhere).
            with VerticalScroll(id="review-right"):
                yield Transcript(id="review-answer")
                yield Markdown(markdown_source(self._model_markdown()), id="model-answers")
        yield Footer(compact=True)  # one space between keys: every key fits 80 columns

    def on_mount(self) -> None:
        card = self.session.card
        self.title = f"Review: {card.title}"
        self.sub_title = f"{card.level} {card.category} · {self.session.profile}"
        self._show_answer(None)
        self._fill_concepts()
        self._reveal()

    # -- stages ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "assess":
            return not self.assessed
        if action in {"rate", "save"}:
            return self.assessed and self.saved_due is None
        return True

    def action_assess(self, key: str) -> None:
        self.session.self_assessment = SELF_BANDS.get(key)
        self.assessed = True
        self.session.score_seen = True
        self._reveal()
        self.save_draft()  # resumed later, the score is not hidden behind the question again

    def _reveal(self) -> None:
        self.query_one("#review").display = self.assessed
        self.query_one("#assess", Static).update(self._assess_text())
        if self.assessed:
            self.query_one("#concepts", OptionList).focus()
            self._refresh_verdict()
        self.refresh_bindings()

    def _assess_text(self) -> Text:
        if not self.assessed:
            return Text.assemble(
                ("Before you see the score: how did it go?\n", "bold"),
                "1 insufficient · 2 needs improvement · 3 good · 4 excellent · s skip",
            )
        calibration = self.session.calibration()
        if calibration.self_band is None:
            return Text("Self-assessment skipped.")
        return Text.assemble(
            ("You said: ", "bold"),
            f"{calibration.self_band.label} · rubric: {calibration.final_band.label} · ",
            calibration.agreement,
        )

    # -- verdict ---------------------------------------------------------------------------------

    def _fill_concepts(self) -> None:
        show_verdicts(self.query_one("#concepts", OptionList), self.session.final_report())

    @on(OptionList.OptionHighlighted, "#concepts")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_why(str(event.option.id))

    def _show_why(self, name: str) -> None:
        concept = next((c for c in self.session.final_report().concepts if c.name == name), None)
        why = self.query_one("#why", EvidenceNote)
        why.show(self.session.card, concept)
        self.call_after_refresh(self._keep_concepts_in_view)
        evidence = concept.evidence if concept is not None else None
        self._show_answer((evidence.start, evidence.end) if evidence is not None else None)

    def _keep_concepts_in_view(self) -> None:
        """The concept list and the highlighted concept's "why" in view, the list's title first."""
        pane = self.query_one("#verdict", VerticalScroll)
        concepts = self.query_one("#concepts", OptionList)
        if not concepts.has_focus:
            return
        if concepts.highlighted == 0:  # back at the top: the score too
            pane.scroll_home(animate=False, immediate=True)
            return
        pane.scroll_to_widget(self.query_one("#why"), animate=False, immediate=True)
        pane.scroll_to_widget(self.query_one("#concepts-title"), animate=False, immediate=True)

    def _show_answer(self, passage: tuple[int, int] | None) -> None:
        """The answer and replies, keywords highlighted, the verdict's passage marked and
        scrolled into view."""
        session = self.session
        said = self.query_one("#review-answer", Transcript)
        parts = said_in_order(session.answer, session.replies())
        if not session.replies() and session.follow_up_answer.strip():
            parts.append(("Your reply to the follow-up", session.follow_up_answer))
        said.show(parts, session.final_report().keywords, passage)
        if passage is not None and said.size.width:
            pane = self.query_one("#review-right", VerticalScroll)
            row = said.region.y - pane.region.y + pane.scroll_y + said.passage_line(said.size.width)
            pane.scroll_to(y=max(0, row - 2), animate=False)

    def action_scroll_answers(self, direction: int) -> None:
        pane = self.query_one("#review-right", VerticalScroll)
        pane.scroll_relative(y=direction * max(1, pane.size.height - 1), animate=False)

    @on(OptionList.OptionSelected, "#concepts")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._toggle(str(event.option.id))

    def action_toggle_concept(self) -> None:
        concepts = self.query_one("#concepts", OptionList)
        if concepts.highlighted is not None:
            self._toggle(str(concepts.get_option_at_index(concepts.highlighted).id))

    def _toggle(self, name: str) -> None:
        self.session.toggle_override(name)
        self._fill_concepts()
        self._refresh_verdict()
        self._show_why(name)

    def _refresh_verdict(self) -> None:
        report = self.session.final_report()
        final, automatic = report.final, report.automatic
        text = Text()
        text.append(f"Score {score_label(final.score)}/100 · {final.band.label}\n", style="bold")
        text.append(split_line(final, final.band) + "\n")
        if self.session.overrides:
            text.append(
                f"(automatic: {score_label(automatic.score)}, {automatic.band.label}; "
                f"{plural(len(self.session.overrides), 'verdict')} changed by you)\n",
                style="dim",
            )
        if report.prose_limited:
            text.append("Mostly a list of terms: needs improvement at best.\n", style="italic")
        if self.saved_due is not None:
            text.append(f"\nSaved. {self.saved_due}\n", style="bold")
        else:
            suggested = self.session.suggested_rating()
            chosen = self.session.rating
            text.append("\nRating: ", style="bold")
            text.append(f"{chosen.name}")
            if chosen != suggested:
                text.append(f" (suggested {suggested.name})", style="dim")
            overtime = self.session.overtime()
            if overtime.dropped:
                text.append(
                    f"\nSuggested one step lower for time: the answer took "
                    f"{format_seconds(self._answer_used())}, more than half past its "
                    f"{self.session.clocks[Phase.ANSWER].budget} budget.",
                    style="italic",
                )
            text.append("  ·  a Again  h Hard  g Good  e Easy  ·  ctrl+s save")
        self.query_one("#score", Static).update(text)
        found = sorted({hit.keyword for hit in report.keywords}, key=str.lower)
        self.query_one("#keywords", Static).update(
            Text.assemble(("Keywords found: ", "bold"), literal(", ".join(found) or "none"))
        )
        self.query_one("#timing", Static).update(self._timing_text())

    def _timing_text(self) -> Text:
        text = Text("Time\n", style="bold")
        now = self.trainer.clock.monotonic()
        for phase, clock in self.session.clocks.items():
            used = clock.elapsed(now)
            over = used - clock.budget.high
            text.append(f"{phase.value:10} {format_seconds(used)} of {clock.budget}")
            text.append(f"  (over by {format_seconds(over)})\n" if over > 0 else "\n")
        explained = self.session.overtime().explain(self.session.clocks[Phase.ANSWER].budget)
        if explained:
            text.append(explained + "\n", style="bold")
        return text

    def _answer_used(self) -> float:
        return self.session.clocks[Phase.ANSWER].accumulated

    def _model_markdown(self) -> str:
        card = self.session.card
        parts = [
            "## Model answer (excellent)\n\n" + (card.sample_excellent or "_none_"),
        ]
        if card.sources:
            cited = "\n".join(f"- {source}" for source in card.sources)
            parts.append("### Read more: the sources of this card\n\n" + cited)
        parts += [
            "## Acceptable answer\n\n" + (card.sample_acceptable or "_none_"),
            "## Common mistakes\n\n" + "\n".join(f"- {m}" for m in card.common_mistakes),
        ]
        for probe in card.probes:
            notes = "\n".join(
                f"- **{n.label}**: {n.text}" if n.label else f"- {n.text}" for n in probe.notes
            )
            parts.append(f"## {probe.title or probe.kind.value}\n\n{probe.question}\n\n{notes}")
        if card.bar_raiser:
            concepts = "\n".join(f"- {c}" for c in card.bar_raiser.concepts)
            parts.append(f"## Bar-raiser\n\n{card.bar_raiser.question}\n\n{concepts}")
        for section in card.extra_sections:
            parts.append(
                f"## {section.title or section.name.replace('_', ' ')}\n\n{section.markdown}"
            )
        return "\n\n".join(parts)

    # -- rating and saving -----------------------------------------------------------------------

    def action_rate(self, key: str) -> None:
        self.session.chosen_rating = RATING_KEYS[key]
        self._refresh_verdict()

    def action_save(self) -> None:
        saved = self.finish_attempt()
        if saved is None:
            return
        self.saved_due = saved.describe(self.trainer.clock.now())
        self._refresh_verdict()
        self.refresh_bindings()
        self.notify(f"Saved. {self.saved_due}", timeout=4)

    def action_leave(self) -> None:
        if self.saved is not None:
            self.post_message(GoHome())
            return
        self.confirm_leave("Leave without saving? The draft stays and can be resumed.")
