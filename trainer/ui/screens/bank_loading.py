"""The first screen while the bank is read: at once, with the count of cards parsed so far when
they are not in the cache yet (a first start, or after an update of trainer)."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static
from textual.worker import Worker, WorkerState

from trainer.core.cards.bank import Bank, Progress

BankLoader = Callable[[Progress], Bank]
"""Reads the bank, calling `progress(done, total)` after each card file it parses."""

REPORT_EVERY = 0.5
"""Seconds between two updates of the bar: more would slow the reading it reports (each
update is a repaint, on the thread the reading shares the interpreter with)."""


class BankLoadingScreen(Screen[Bank]):
    """Reads the bank in a thread and dismisses itself with it."""

    # Fixed sizes: an update repaints the text and the bar, never the layout of the screen.
    DEFAULT_CSS = """
    #bank-loading-text { height: 3; margin: 1 2 0 2; }
    #bank-loading-bar { height: 1; margin: 0 2; }
    """

    def __init__(self, loader: BankLoader) -> None:
        super().__init__()
        self.loader = loader
        self._reported = 0.0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Reading the bank of cards…", id="bank-loading-text")
        yield ProgressBar(id="bank-loading-bar", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False  # until something needs parsing
        self._read()

    @work(thread=True, exit_on_error=True)
    def _read(self) -> Bank:
        return self.loader(self._progress)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Dismissed here, once the worker has finished: not from its thread, which the
        # screen's removal would cancel on its way out.
        if event.state is WorkerState.SUCCESS and isinstance(event.worker.result, Bank):
            self.dismiss(event.worker.result)

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._reported < REPORT_EVERY:
            return
        self._reported = now
        self.app.call_from_thread(self._show_progress, done, total)

    def _show_progress(self, done: int, total: int) -> None:
        self.query_one(Static).update(
            f"Reading {total} new or changed cards into the cache ({done} so far); "
            "the next start reads them from it at once."
        )
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=total, progress=done)
