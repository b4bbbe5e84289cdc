"""Home: today at a glance, the next card one key away, recent attempts."""

from __future__ import annotations

from fsrs import Rating
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Sparkline, Static

from trainer.core.practice.plan import one_more_new_card
from trainer.core.practice.undo_rating import title_of, undoable
from trainer.core.schedule.scheduler import Queue, ago_in_words
from trainer.core.wording import score_label
from trainer.ui.safe_text import literal, visible_text
from trainer.ui.screens.base import TrainerScreen

RECENT_ROWS = 40  # as many as a tall terminal shows; the table scrolls on a small one


class HomeScreen(TrainerScreen):
    """What is due, what is new, how the last attempts went."""

    # app.tcss stacks the panes on a narrow terminal and widens them on a large one.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    BINDINGS = [
        Binding("enter,n", "app.start_next", "Start", id="home.start_next", priority=True),
        Binding("b", "app.browse", "Bank", id="home.browse"),
        Binding("i", "app.pair", "Pair", id="home.pair"),
        Binding("h", "app.history", "History", id="home.history"),
        Binding("r", "app.resume_now", "Resume", id="home.resume", show=False),
        Binding("m", "app.one_more_new", "One more new card", id="home.more_new", show=False),
        Binding("p", "app.switch_profile", "Profile", id="home.profile"),
        Binding("s", "app.settings", "Settings", id="home.settings", show=False),
        Binding("u", "app.undo_rating", "Undo last rating", id="home.undo", show=False),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="today-pane"):
                yield Static(id="today")
                yield Static("Due in the next 14 days", classes="pane-title")
                yield Sparkline([], id="forecast")
                yield Static(id="forecast-numbers")
            with Vertical(id="recent-pane"):
                yield Static("Recent attempts", classes="pane-title")
                yield DataTable(id="recent", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#recent", DataTable)
        table.add_columns("When", "Score", "Band", "Card")
        self.refresh_today()

    def on_screen_resume(self) -> None:
        self.refresh_today()

    def refresh_today(self) -> None:
        app = self.trainer
        queue = app.today_queue()
        self.sub_title = f"profile {app.profile}"
        self.query_one("#today", Static).update(self._today_text(queue))
        self.query_one("#forecast", Sparkline).data = list(queue.forecast)
        total, busiest = sum(queue.forecast), max(queue.forecast, default=0)
        self.query_one("#forecast-numbers", Static).update(
            f"today → 13 days ahead · {total} due in all, at most {busiest} a day"
        )
        table = self.query_one("#recent", DataTable)
        table.clear()
        now = app.clock.now()
        for summary in reversed(app.store.recent_summaries(app.profile, RECENT_ROWS)):
            card = app.bank.by_id(summary.card_id)
            title = card.title if card else summary.card_id
            table.add_row(
                ago_in_words(summary.started, now),
                score_label(summary.score),
                summary.band.label,
                literal(title),
            )

    def _study_more(self, text: Text, queue: Queue) -> None:
        """Nothing due and the day's new cards used: offer more, as Anki's custom study does."""
        app = self.trainer
        more = one_more_new_card(app.store.schedule(app.profile), app.bank)
        limit = app.store.settings(app.profile).new_per_day
        text.append("Nothing due now", style="bold")
        if more is not None and limit == 0:
            text.append(", and new cards per day is set to 0.\n")
        elif more is not None:
            started = "new card is" if limit == 1 else f"{limit} new cards are"
            text.append(f", and today's {started} started.\n")
        else:
            text.append(", and every card in the bank has been drilled.\n")
        text.append("\nStudy more:\n", style="bold")
        if more is not None:
            text.append("  m  ", style="bold")
            text.append("one more new card\n")
            text.append(f"{more.title}\n", style="dim")
        text.append("  b  ", style="bold")
        text.append("drill any card (the bank)\n")
        text.append("  s  ", style="bold")
        text.append("settings (new cards per day)")

    def _today_text(self, queue: Queue) -> Text:
        app = self.trainer
        text = Text()
        text.append("Today\n", style="bold")
        text.append(f"{len(queue.due)} due now", style="bold" if queue.due else "")
        text.append(f" · {len(queue.new)} new available\n\n")
        next_id = queue.next_card
        card = app.bank.by_id(next_id) if next_id else None
        if card is not None:
            text.append("Next: ", style="bold")
            text.append(card.title)
            text.append(f"\n{card.level} · {card.topic} · answer {card.budget.answer}\n", "dim")
            text.append("\nPress enter to start it, b to browse the bank, s for settings.")
        else:
            self._study_more(text, queue)
        if app.new_database is not None:
            text.append("\n\nNew database at ", style="bold")
            text.append(str(app.new_database))
            text.append(" (no history yet: if you expected yours, quit and check --db)", "dim")
        draft = app.pending_draft()
        if draft is not None:
            drafted = app.bank.by_id(draft.card_id)
            text.append("\n\nUnfinished drill: ", style="bold")
            text.append(drafted.title if drafted else draft.card_id)
            text.append(" (press r to resume)")
        last = undoable(app.store, app.profile)
        if last is not None and last.rating is not None:
            card = app.bank.by_id(last.card_id)
            text.append("\n\nLast rating: ", style="bold")
            text.append(f"{Rating(last.rating).name} on {card.title if card else title_of(last)}")
            text.append(" (u to undo)", "dim")
        return visible_text(text)
