"""Progress: scores over time, reviews per day, what is coming due, retention; and the
concepts you keep missing, each one key away from a drill."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from trainer.core.history.digest import Digest
from trainer.core.history.missed import MissedConcept, missed_in_history
from trainer.core.history.progress import ScoreSeries, calendar_weeks, score_series
from trainer.core.wording import plural
from trainer.ui.messages import DrillCard
from trainer.ui.safe_text import literal
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.charts import ScoreStrips, forecast_text, heatmap_text

WEEKS = 17  # about four months of reviews in the heatmap
REPORT_EVERY = 0.2  # seconds between "Reading your attempts… N%" updates


class ProgressScreen(TrainerScreen):
    """Charts drawn with text, each with its numbers, dates and scale."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="progress.back")]

    def compose(self) -> ComposeResult:
        app = self.trainer
        today = app.clock.now().astimezone().date()
        reading = "Reading your attempts…"
        yield Header()
        with VerticalScroll(id="progress"):
            yield Static("Score over time", classes="pane-title")
            yield ScoreStrips(None, today)
            yield Static("Reviews per day", classes="pane-title")
            yield Static(reading, id="heatmap")
            with Vertical(id="due-forecast"):
                forecast = app.today_queue().forecast
                total = plural(sum(forecast), "card")
                title = f"Due in the next 14 days, from today: {total}"
                yield Static(title, classes="pane-title")
                yield Static(forecast_text(forecast, today), id="progress-forecast")
            yield Static("Retention (reviews not rated Again)", classes="pane-title")
            yield Static(reading, id="retention")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Progress"
        self.sub_title = self.trainer.profile
        self.query_one("#progress", VerticalScroll).focus()  # arrows and page keys scroll
        app = self.trainer
        if app.digests.quick(app.store):
            self._show(*self._charts())  # a short history: drawn before the first paint
        else:
            self._read()

    # Not exit_on_error: a read cut short by quitting must not turn into a crash report.
    @work(thread=True, exclusive=True, exit_on_error=False)
    def _read(self) -> None:
        """Off the event loop: a long history not counted before takes a moment to read (a
        counted one is summed in a moment), and the keys stay live."""

        reported = time.monotonic()

        def reading(share: float) -> None:
            nonlocal reported
            if time.monotonic() - reported >= REPORT_EVERY:  # each update lays the screen out
                reported = time.monotonic()
                self.app.call_from_thread(self._reading, share)

        charts = self._charts(reading)
        self.app.call_from_thread(self._show, *charts)

    def _reading(self, share: float) -> None:
        if self.is_attached:
            for name in ("#heatmap", "#retention"):
                self.query_one(name, Static).update(f"Reading your attempts… {share:.0%}")

    def _charts(
        self, reading: Callable[[float], None] | None = None
    ) -> tuple[dict[str, ScoreSeries], Text, Text]:
        app = self.trainer
        digest = app.digests.digest(app.store, app.profile, reading)
        today = app.clock.now().astimezone().date()
        grid = calendar_weeks(digest.reviews_per_day(), today, WEEKS)
        first_monday = today - timedelta(days=today.weekday(), weeks=WEEKS - 1)
        return score_series(digest), heatmap_text(grid, first_monday), self._retention(digest)

    def _show(self, series: dict[str, ScoreSeries], heatmap: Text, kept: Text) -> None:
        if not self.is_attached:
            return
        self.query_one(ScoreStrips).show(series)
        self.query_one("#heatmap", Static).update(heatmap)
        self.query_one("#retention", Static).update(kept)

    def _retention(self, digest: Digest) -> Text:
        rows = digest.retention_by_month()
        if not rows:
            return Text("No rated reviews yet.")
        text = Text()
        for month, count, share in rows:
            bar = "█" * round(share * 20)
            text.append(f"{month}  {bar:<20} {share:>4.0%} of {plural(count, 'review')}\n")
        return text


class MissedConceptsScreen(TrainerScreen):
    """Concepts missed most often across every card; enter drills the weakest card for one."""

    BINDINGS = [
        Binding("enter", "drill", "Drill weakest card", id="missed.drill", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="missed.back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="missed-help")
        yield DataTable(id="missed", cursor_type="row", zebra_stripes=True)
        yield Static(id="missed-cards")
        yield Footer()

    def on_mount(self) -> None:
        app = self.trainer
        self.title = "Concepts you keep missing"
        self.sub_title = app.profile
        self.ranking: list[MissedConcept] = []
        table = self.query_one("#missed", DataTable)
        # The concept and the card to drill share what the counts leave (at 80 columns too);
        # the line under the table names every card that trains the concept.
        room = max(30, self.app.size.width - 34)
        self.widths = (min(44, room // 2), min(70, room - min(44, room // 2)))
        table.add_column("Concept", width=self.widths[0])
        table.add_columns("Missed", "Cards")
        table.add_column("Drill next", width=self.widths[1])
        table.focus()
        if app.digests.quick(app.store):
            self._show(self._ranking())  # counted before: shown before the first paint
            return
        table.loading = True
        self.query_one("#missed-help", Static).update("Counting what you missed…")
        self._count()

    def _ranking(self) -> list[MissedConcept]:
        app = self.trainer
        return missed_in_history(app.store, app.profile, app.bank, digests=app.digests)

    # Not exit_on_error: a count cut short by quitting must not turn into a crash report.
    @work(thread=True, exclusive=True, exit_on_error=False)
    def _count(self) -> None:
        """Off the event loop: a long history not counted before takes a moment, and the
        keys stay live."""
        ranking = self._ranking()
        self.app.call_from_thread(self._show, ranking)

    def _show(self, ranking: list[MissedConcept]) -> None:
        if not self.is_attached:
            return  # left while it was counted
        self.ranking = ranking
        table = self.query_one("#missed", DataTable)
        concept, drill = self.widths
        for missed in ranking:
            table.add_row(
                _cut(missed.name, concept),
                f"{missed.misses} of {missed.seen}",
                str(len(missed.cards)),
                _cut(missed.title_of(missed.weakest_card), drill),
            )
        table.loading = False
        help_text = (
            "Across all your attempts, grouped by name across cards. Enter drills the card "
            "where you did worst on it."
            if ranking
            else "Nothing missed yet: drill a few cards first."
        )
        self.query_one("#missed-help", Static).update(help_text)
        if ranking:
            self._show_cards_of(ranking[0])

    @on(DataTable.RowHighlighted, "#missed")
    def _show_cards(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.ranking):
            self._show_cards_of(self.ranking[event.cursor_row])

    def _show_cards_of(self, missed: MissedConcept) -> None:
        bank = self.trainer.bank
        titles = [
            missed.title_of(card_id) + ("" if bank.by_id(card_id) else " (not in your bank)")
            for card_id in missed.cards
        ]
        self.query_one("#missed-cards", Static).update(
            Text.assemble(
                literal(missed.name, "bold"), " is trained by: ", literal("; ".join(titles))
            )
        )

    def action_drill(self) -> None:
        table = self.query_one("#missed", DataTable)
        if 0 <= table.cursor_row < len(self.ranking):
            missed = self.ranking[table.cursor_row]
            card = self.trainer.bank.by_id(missed.weakest_card)
            if card is not None:
                self.post_message(DrillCard(card))
            else:
                self.notify(
                    f"{missed.title_of(missed.weakest_card)} is no longer in your bank; "
                    "add its folder with --bank to drill it.",
                    severity="warning",
                )


def _cut(text: str, width: int) -> Text:
    """A cell no wider than its column, cut with an ellipsis (the whole name is below)."""
    cell = literal(text)
    cell.truncate(width, overflow="ellipsis")
    return cell
