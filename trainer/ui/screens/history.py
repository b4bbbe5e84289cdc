"""History: every attempt in a sortable, filterable table that draws only the rows in view."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from trainer.core.history.export import gather_export
from trainer.core.history.export_target import export_name, write_export
from trainer.core.history.filters import SORT_KEYS, HistoryFilter, compare
from trainer.core.history.history_index import HistoryIndex
from trainer.core.store.answer_search import Hits, search_shard
from trainer.core.store.files import DataError
from trainer.core.store.records import AttemptSummary
from trainer.core.wording import plural
from trainer.ui.collector import COLLECTOR
from trainer.ui.messages import OpenAttempt
from trainer.ui.safe_text import literal
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.screens.export_dialog import ExportDialog, default_folder
from trainer.ui.widgets.attempt_table import AttemptTable
from trainer.ui.widgets.history_columns import Column, fit_columns, row_cells

FIRST_PAGE = 50  # attempts read before the first paint: more than a screenful
SORTS = list(SORT_KEYS)
SEARCH_PAUSE = 0.25  # seconds of no typing before the answers are searched for the words
SEARCH_REPORT = 0.3  # seconds between the search's partial results, as shards are read
KEPT_SEARCHES = 16  # words whose answer hits are kept while the screen is open


class HistoryScreen(TrainerScreen):
    """Attempts of the current profile (or everyone's), newest first."""

    BINDINGS = [
        # A priority binding runs before the keys typed after it are sent on, so they reach the
        # filter; while the filter has focus "/" is typed into it ("tcp/ip").
        # At 80 columns the footer holds the everyday keys; reverse, exports and all profiles
        # are listed on ? (help).
        Binding("slash", "focus_filter", "Filter", id="history.filter", priority=True),
        Binding("o", "sort", "Sort", id="history.sort"),
        Binding("r", "reverse", "Reverse", id="history.reverse", show=False),
        Binding("space", "mark", "Mark", id="history.mark"),
        Binding("c", "compare", "Compare", id="history.compare"),
        Binding("x", "export('md')", "Export md", id="history.export_md", show=False),
        Binding("j", "export('json')", "Export JSON", id="history.export_json", show=False),
        Binding("a", "everyone", "All profiles", id="history.everyone", show=False),
        Binding("g", "app.progress", "Progress", id="history.progress"),
        Binding("k", "app.missed", "Missed", id="history.missed"),
        Binding("escape", "back", "Back", id="history.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.everyone = False
        self.sort = "date"
        self.descending = True
        self.rows: list[AttemptSummary] = []
        self.marked: list[str] = []
        self.columns: list[tuple[Column, int]] = []
        self.longest_title = 0
        self.complete = False  # every summary read, not just the first page
        self.index = HistoryIndex([])
        # The attempts whose answers hold each word searched (any profile's), and the search
        # under way: its words, how far it got (0 to 1) and what it could not read.
        self.answer_hits: dict[str, frozenset[str]] = {}
        self.searching: tuple[str, ...] = ()
        self.search_progress = 0.0
        self.search_problem = ""
        self.search_timer: Timer | None = None
        self.shown_note: str | None = None
        self.frozen = False  # what exists is kept from the garbage collector's walks
        self.last_export: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Filter: words (answers too), topic:cach level:L4 band:good mode:aloud",
            id="history-filter",
        )
        yield Static(id="history-note")
        # Each column carries a one-space gap (see history_columns), which is what lets Score
        # and Band fit at 80 columns.
        yield AttemptTable(id="history")
        yield Static(id="history-empty")
        yield Footer(compact=True)  # one space between keys: the everyday keys fit 80 columns

    def on_mount(self) -> None:
        self.title = "History"
        self.summaries = self._load()
        self.index = HistoryIndex(self.summaries)
        self._fit_columns(self.app.size.width)  # then to the table's own width, once laid out
        self.query_one("#history", AttemptTable).focus()
        self.call_after_refresh(self._refit)

    def on_unmount(self) -> None:
        if self.frozen:
            COLLECTOR.closed()

    def on_resize(self) -> None:
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        # The table's own width once laid out: a banner or the screen's scrollbar takes room.
        self._fit_columns(
            self.query_one("#history", AttemptTable).size.width or self.app.size.width
        )

    def _fit_columns(self, width: int) -> None:
        """Columns for this width (rebuilt only when they change), then the rows again."""
        columns = fit_columns(width, self.everyone, self.longest_title)
        if columns == self.columns:
            return
        self.columns = columns
        table = self.query_one("#history", AttemptTable)
        table.set_columns(columns, self._cells)
        self.refresh_rows(cursor=table.cursor_row)

    def _load(self) -> list[AttemptSummary]:
        """The newest attempts at once (a page, read from the newest shards); when there are
        more, all of them from a worker, which fills the table in again as they arrive."""
        app = self.trainer
        who = None if self.everyone else app.profile
        first = app.store.recent_summaries(who, FIRST_PAGE + 1)
        self.complete = len(first) <= FIRST_PAGE
        if not self.complete:
            self._load_all(who, self.everyone)
        self._measure(first)
        return first

    def _measure(self, summaries: list[AttemptSummary]) -> None:
        cards = {(s.card_title, s.card_id) for s in summaries}  # few: titles repeat
        self.longest_title = max((len(self._title_of(*card)) for card in cards), default=0)

    # Not exit_on_error: a read cut short by quitting must not turn into a crash report.
    @work(thread=True, exclusive=True, group="history-all", exit_on_error=False)
    def _load_all(self, who: str | None, everyone: bool) -> None:
        """Every summary (a moment at 50,000 attempts), off the event loop."""
        try:
            summaries = self.trainer.store.summaries(who)
            index = HistoryIndex(summaries).prepare()  # what the first filter key needs
        except Exception as error:  # a damaged store: the first page stays, and says so
            self.app.call_from_thread(self._all_failed, str(error))
            return
        self.app.call_from_thread(self._all_loaded, index, everyone)

    def _all_loaded(self, index: HistoryIndex, everyone: bool) -> None:
        if not self.is_attached or everyone != self.everyone:
            return  # left, or switched between everyone and one profile meanwhile
        self.summaries, self.index, self.complete = index.summaries, index, True
        if not self.frozen:  # 50,000 summaries: a full collection walking them took 0.5-1 s
            self.frozen = True
            COLLECTOR.opened()
        longest = self.longest_title
        self._measure(self.summaries)
        if self.longest_title != longest:
            self.columns = []  # a longer title may widen the card column
            self._refit()
        else:
            self.refresh_rows(cursor=self.query_one("#history", AttemptTable).cursor_row)

    def _all_failed(self, reason: str) -> None:
        self.complete = True
        self.notify(f"Only the newest attempts could be read: {reason}", severity="warning")

    # -- rows ----------------------------------------------------------------------------------

    def refresh_rows(self, cursor: int = 0) -> None:
        """The rows the filter and the order select, the cursor on row `cursor`."""
        query = self.query_one("#history-filter", Input).value
        history_filter = HistoryFilter.parse(query)
        words = history_filter.words
        unsearched = tuple(word for word in words if word not in self.answer_hits)
        if unsearched != self.searching:
            self._search_soon(unsearched)
        hits = {word: self.answer_hits[word] for word in words if word in self.answer_hits}
        self.rows = self.index.select(history_filter, self.sort, self.descending, hits)
        self.query_one("#history", AttemptTable).show(self.rows, cursor)
        self._describe(query, history_filter, searching=bool(unsearched))

    def _describe(self, query: str, history_filter: HistoryFilter, searching: bool) -> None:
        """The subtitle (whose, how many, in what order) and a note of what is still read."""
        order = (
            "newest first"
            if self.sort == "date" and self.descending
            else (f"by {self.sort}, {'descending' if self.descending else 'ascending'}")
        )
        who = "everyone" if self.everyone else self.trainer.profile
        total = plural(len(self.summaries), "attempt")
        if not self.complete:
            total = f"the newest {total} (reading the rest)"
        self.sub_title = f"{who} · {len(self.rows)} of {total} · {order}"
        notes = ["Reading the older attempts…"] if not self.complete else []
        if searching:
            done = f" ({self.search_progress:.0%})" if self.search_progress else ""
            notes.append(f"Searching the answers too{done}…")
        notes += [self.search_problem, history_filter.problem]
        note = "; ".join(filter(None, notes))
        if note != self.shown_note:  # an update lays the screen out: not on every key
            self.shown_note = note
            self.query_one("#history-note", Static).update(literal(note))
            self.query_one("#history-note", Static).display = bool(note)
        empty = self.query_one("#history-empty", Static)
        empty.display = not self.rows
        if not self.summaries:
            empty.update("No attempts yet: escape, then enter on home drills the next card.")
        elif not self.rows:
            looking = " yet (searching the answers)" if searching else ""
            empty.update(
                literal(
                    f"No attempt matches “{query.strip()}”{looking} (escape clears the filter)."
                )
            )

    # -- the answers' words --------------------------------------------------------------------

    def _search_soon(self, words: tuple[str, ...]) -> None:
        """Search the answers once typing pauses: a search per key would only be cancelled by
        the next one, and would take turns with the keys meanwhile."""
        if self.search_timer is not None:
            self.search_timer.stop()
        self.workers.cancel_group(self, "history-answers")  # for words no longer typed
        self.searching, self.search_progress, self.search_problem = words, 0.0, ""
        if words:
            self.search_timer = self.set_timer(SEARCH_PAUSE, lambda: self._start_search(words))

    def _start_search(self, words: tuple[str, ...]) -> None:
        try:
            files = self.trainer.store.shard_files()
        except Exception as error:  # a damaged store: the fields still filter
            files = []
            self.search_problem = f"The answers could not be searched: {error}"
        self._search_answers(words, files)

    # Not exit_on_error: a search cut short by quitting must not turn into a crash report.
    @work(thread=True, exclusive=True, group="history-answers", exit_on_error=False)
    def _search_answers(self, words: tuple[str, ...], files: list[Path]) -> None:
        """Every shard, newest first, one in memory at a time; partial results as it goes, so
        recent matches show at once. A newer search (the next word typed) cancels this one."""
        worker = get_current_worker()
        hits: Hits = {word: set() for word in words}
        problems: list[str] = []
        reported = time.monotonic()
        for number, path in enumerate(files, 1):
            if worker.is_cancelled:
                return
            try:
                for word, held in search_shard(path, words).items():
                    hits[word] |= held
            except DataError as error:
                problems.append(str(error))
            if time.monotonic() - reported > SEARCH_REPORT and number < len(files):
                reported = time.monotonic()
                partial = {word: frozenset(ids) for word, ids in hits.items()}
                self.app.call_from_thread(
                    self._answers_found, words, partial, number / len(files), problems[:1]
                )
        final = {word: frozenset(ids) for word, ids in hits.items()}
        self.app.call_from_thread(self._answers_found, words, final, 1.0, problems[:1])

    def _answers_found(
        self,
        words: tuple[str, ...],
        hits: dict[str, frozenset[str]],
        progress: float,
        problems: list[str],
    ) -> None:
        if not self.is_attached or words != self.searching:
            return  # left, or other words are being searched now
        row = self.query_one("#history", AttemptTable).cursor_row
        self.search_progress = progress
        if problems:
            self.search_problem = f"Some answers could not be searched: {problems[0]}"
        if progress >= 1.0:
            self.searching = ()
            self.answer_hits.update(hits)
            while len(self.answer_hits) > KEPT_SEARCHES:
                del self.answer_hits[next(iter(self.answer_hits))]
            self.refresh_rows(cursor=row)
        else:
            self._show_partial(hits, row)

    def _show_partial(self, partial: dict[str, frozenset[str]], cursor: int) -> None:
        """The rows with the answers searched so far (the search goes on)."""
        query = self.query_one("#history-filter", Input).value
        history_filter = HistoryFilter.parse(query)
        hits = {**partial, **self.answer_hits}
        self.rows = self.index.select(history_filter, self.sort, self.descending, hits)
        self.query_one("#history", AttemptTable).show(self.rows, cursor)
        self._describe(query, history_filter, searching=True)

    def _cells(self, summary: AttemptSummary) -> list[str]:
        """One row's cells: drawn as it scrolls into view, so the bank is asked then."""
        card = self.trainer.bank.by_id(summary.card_id)
        if card is not None and not (summary.topic and summary.level):
            summary = replace(summary, topic=summary.topic or card.topic)
            summary = replace(summary, level=summary.level or card.level)
        marked = summary.id in self.marked
        return row_cells(summary, self.columns, marked, self._title(summary))

    def _title(self, summary: AttemptSummary) -> str:
        return self._title_of(summary.card_title, summary.card_id)

    def _title_of(self, saved_title: str, card_id: str) -> str:
        """The title the attempt was saved with, else the bank's, else the card's id."""
        if saved_title:
            return saved_title
        card = self.trainer.bank.by_id(card_id)
        return card.title if card else card_id

    @on(Input.Changed, "#history-filter")
    def _filtered(self) -> None:
        self.refresh_rows()

    @on(Input.Submitted, "#history-filter")
    def _to_table(self) -> None:
        self.query_one("#history", AttemptTable).focus()

    def _current(self) -> AttemptSummary | None:
        return self.query_one("#history", AttemptTable).current

    # -- actions -------------------------------------------------------------------------------

    @on(AttemptTable.Selected, "#history")
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
        shown = [key for key in SORTS if key in {column.key for column, _ in self.columns}]
        self.sort = shown[(shown.index(self.sort) + 1) % len(shown)]
        self.descending = self.sort in {"date", "score", "band", "time"}
        self.refresh_rows()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.refresh_rows()

    def action_everyone(self) -> None:
        self.everyone = not self.everyone
        self.summaries = self._load()
        self.index = HistoryIndex(self.summaries)
        if self.sort == "who" and not self.everyone:
            self.sort, self.descending = "date", True
        self.columns = []  # the Who column comes or goes
        self._refit()

    def action_mark(self) -> None:
        summary = self._current()
        if summary is None:
            return
        if summary.id in self.marked:
            self.marked.remove(summary.id)
        else:
            self.marked.append(summary.id)
        table = self.query_one("#history", AttemptTable)
        table.refresh_row(table.cursor_row)

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
        """Marked attempts (or all shown) to a file the user chooses."""
        app = self.trainer
        chosen = set(self.marked) or {summary.id for summary in self.rows}
        profile = None if self.everyone else app.profile

        def write(target: Path, replace: bool) -> int:
            gathered = gather_export(app.store, profile, form, chosen)
            write_export(target, gathered.text + "\n", replace)
            return gathered.attempts

        def done(path: Path | None) -> None:
            if path is not None:
                self.last_export = path

        what = f"{plural(len(chosen), 'attempt')} as {'JSON' if form == 'json' else 'markdown'}"
        name = export_name(form, app.clock.now())
        app.push_screen(ExportDialog(what, name, write, default_folder()), done)

    def action_back(self) -> None:
        self.clear_filter_or_leave(
            self.query_one("#history-filter", Input), self.query_one("#history", AttemptTable)
        )
