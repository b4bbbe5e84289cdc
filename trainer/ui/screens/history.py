"""History: every attempt in a sortable, filterable table that loads as you scroll."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from trainer.core.history.export import gather_export
from trainer.core.history.filters import SORT_KEYS, HistoryFilter, compare, select_history
from trainer.core.practice.clock import format_seconds
from trainer.core.store.files import DataError
from trainer.core.store.records import AttemptSummary, Mode
from trainer.ui.messages import OpenAttempt
from trainer.ui.safe_text import literal
from trainer.ui.screens.base import TrainerScreen

if TYPE_CHECKING:
    pass

FIRST_PAGE = 50  # rows shown at once: more than a screenful, cheap to build
PAGE = 100  # rows added as the cursor nears the end: the table holds what was scrolled to
SORTS = list(SORT_KEYS)


class HistoryScreen(TrainerScreen):
    """Attempts of the current profile (or everyone's), newest first."""

    BINDINGS = [
        # A priority binding runs before the keys typed after it are sent on, so they reach the
        # filter; while the filter has focus "/" is typed into it ("tcp/ip").
        Binding("slash", "focus_filter", "Filter", id="history.filter", priority=True),
        Binding("o", "sort", "Sort", id="history.sort"),
        Binding("r", "reverse", "Reverse", id="history.reverse"),
        Binding("space", "mark", "Mark", id="history.mark"),
        Binding("c", "compare", "Compare", id="history.compare"),
        Binding("x", "export('md')", "Export md", id="history.export_md"),
        Binding("j", "export('json')", "Export JSON", id="history.export_json"),
        Binding("a", "everyone", "All profiles", id="history.everyone"),
        Binding("g", "app.progress", "Progress", id="history.progress"),
        Binding("k", "app.missed", "Keep missing", id="history.missed"),
        Binding("escape", "back", "Back", id="history.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.everyone = False
        self.sort = "date"
        self.descending = True
        self.rows: list[AttemptSummary] = []
        self.loaded = 0
        self.marked: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Filter: words, topic:raft level:L4 band:good mode:pair",
            id="history-filter",
        )
        yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "History"
        table = self.query_one("#history", DataTable)
        for label, key in (
            (" ", "mark"),
            ("Date", "date"),
            ("Card", "card"),
            ("Topic", "topic"),
            ("Level", "level"),
            ("Mode", "mode"),
            ("Score", "score"),
            ("Band", "band"),
            ("Answer time", "time"),
        ):
            table.add_column(label, key=key)
        self.summaries = self._load()
        self.refresh_rows()
        table.focus()

    def _load(self) -> list[AttemptSummary]:
        app = self.trainer
        return app.store.summaries(None if self.everyone else app.profile)

    # -- rows ----------------------------------------------------------------------------------

    def refresh_rows(self) -> None:
        query = self.query_one("#history-filter", Input).value
        self.rows = select_history(
            self.summaries, HistoryFilter.parse(query), self.sort, self.descending
        )
        table = self.query_one("#history", DataTable)
        table.clear()
        self.loaded = 0
        self._load_more()
        order = (
            "newest first"
            if self.sort == "date" and self.descending
            else (f"by {self.sort}, {'descending' if self.descending else 'ascending'}")
        )
        who = "everyone" if self.everyone else self.trainer.profile
        self.sub_title = f"{who} · {len(self.rows)} of {len(self.summaries)} attempts · {order}"
        empty = self.query_one("#history-empty", Static)
        empty.display = not self.rows
        if not self.summaries:
            empty.update("No attempts yet: escape, then enter on home drills the next card.")
        elif not self.rows:
            empty.update("No attempt matches the filter (escape clears it).")

    def _load_more(self) -> None:
        table = self.query_one("#history", DataTable)
        size = PAGE if self.loaded else FIRST_PAGE
        page = self.rows[self.loaded : self.loaded + size]
        bank = self.trainer.bank
        for summary in page:
            card = bank.by_id(summary.card_id)
            title = summary.card_title or (card.title if card else summary.card_id)
            mode = f"pair ({summary.interviewer})" if summary.mode is Mode.PAIR else "solo"
            time_used = (
                f"{format_seconds(summary.answer_seconds)} / {summary.answer_budget // 60}m"
                if summary.answer_budget
                else ""
            )
            table.add_row(
                "*" if summary.id in self.marked else " ",
                summary.started.astimezone().strftime("%Y-%m-%d"),
                literal(title),
                literal(summary.topic or (card.topic if card else "")),
                literal(summary.level or (card.level if card else "")),
                literal(mode),
                f"{summary.score:.0f}",
                summary.band.label,
                time_used,
                key=summary.id,
            )
        self.loaded += len(page)

    @on(DataTable.RowHighlighted, "#history")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self.loaded - 20 and self.loaded < len(self.rows):
            self._load_more()

    @on(Input.Changed, "#history-filter")
    def _filtered(self) -> None:
        self.refresh_rows()

    @on(Input.Submitted, "#history-filter")
    def _to_table(self) -> None:
        self.query_one("#history", DataTable).focus()

    def _current(self) -> AttemptSummary | None:
        table = self.query_one("#history", DataTable)
        row = table.cursor_row
        return self.rows[row] if 0 <= row < min(self.loaded, len(self.rows)) else None

    # -- actions -------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#history")
    def _open(self) -> None:
        summary = self._current()
        if summary is not None:
            self.post_message(OpenAttempt(summary.id))

    def action_focus_filter(self) -> None:
        # Focus now, not after the queued keys: what is typed right after "/" is filter text.
        field = self.query_one("#history-filter", Input)
        if self.focused is field:  # set at once, unlike `has_focus`
            raise SkipAction  # the filter is being typed in: "/" is text, in its place
        self.set_focus(field)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.descending = self.sort in {"date", "score", "band", "time"}
        self.refresh_rows()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.refresh_rows()

    def action_everyone(self) -> None:
        self.everyone = not self.everyone
        self.summaries = self._load()
        self.refresh_rows()

    def action_mark(self) -> None:
        summary = self._current()
        if summary is None:
            return
        if summary.id in self.marked:
            self.marked.remove(summary.id)
        else:
            self.marked.append(summary.id)
        table = self.query_one("#history", DataTable)
        table.update_cell(summary.id, "mark", "*" if summary.id in self.marked else " ")

    def action_compare(self) -> None:
        store = self.trainer.store
        if len(self.marked) != 2:
            self.notify("Mark two attempts at the same card (space), then press c.", timeout=4)
            return
        first, second = (store.attempt(attempt_id) for attempt_id in self.marked)
        if first is None or second is None or first.card_id != second.card_id:
            self.notify("Those two attempts are not at the same card.", severity="warning")
            return
        card = self.trainer.bank.by_id(first.card_id)
        order = [c.name for c in (*card.core_concepts, *card.bonus_concepts)] if card else []
        from trainer.ui.screens.attempt import CompareScreen

        self.trainer.push_screen(CompareScreen(compare(first, second, order)))

    def action_export(self, form: str) -> None:
        """Marked attempts (or all shown) to a file in the current directory."""
        app = self.trainer
        chosen = set(self.marked) or {summary.id for summary in self.rows}
        profile = None if self.everyone else app.profile
        target = Path.cwd() / f"trainer-export-{app.clock.now():%Y%m%d-%H%M%S}.{form}"
        try:
            gathered = gather_export(app.store, profile, form, chosen)
            target.write_text(gathered.text + "\n", encoding="utf-8")
        except (DataError, OSError) as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        self.last_export = target
        self.notify(f"Exported {gathered.attempts} attempts to {target}", timeout=8)

    def action_back(self) -> None:
        self.clear_filter_or_leave(
            self.query_one("#history-filter", Input), self.query_one("#history", DataTable)
        )
