"""Benchmark the history screen with 10,000 attempts in the store.

Prints the time from asking for the history to its first rows on screen (reading the index,
filtering, sorting, the first page of rows, the repaint), the time to apply a filter as the
user types it, to re-sort, and to scroll through the first 1,000 rows (pages load as you go).

Run: python tests/perf/bench_history.py   (not part of the test run)
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.widgets import DataTable, Input

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.bench_store import build_store
from trainer.core.cards.bank import load_bank
from trainer.core.resources import bundled_bank
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.screens.history import HistoryScreen

ATTEMPTS = 10_000


def ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:.0f} ms, worst {max(samples) * 1000:.0f} ms"


async def open_history(main: Path) -> float:
    """A fresh app: the time from asking for the history to its first rows on screen."""
    app = TrainerApp(load_bank([bundled_bank()]), Store.open(main), "me")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        app.push_screen(HistoryScreen())
        await pilot.pause()
        elapsed = time.perf_counter() - started
        assert app.screen.query_one("#history", DataTable).row_count > 0
    return elapsed


async def use_history(main: Path) -> None:
    """Filtering, sorting and scrolling in an open history."""
    app = TrainerApp(load_bank([bundled_bank()]), Store.open(main), "me")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(HistoryScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#history", DataTable)
        filters: list[float] = []
        sorts: list[float] = []
        scrolls: list[float] = []
        for _ in range(3):
            await pilot.press("slash")
            filter_input = screen.query_one("#history-filter", Input)
            for character in "card-1":
                started = time.perf_counter()
                filter_input.insert_text_at_cursor(character)
                await pilot.pause()
                filters.append(time.perf_counter() - started)
            await pilot.press("escape")
            started = time.perf_counter()
            screen.action_sort()
            await pilot.pause()
            sorts.append(time.perf_counter() - started)
            table.focus()
            table.move_cursor(row=0)
            started = time.perf_counter()
            for _ in range(20):  # a page-down at a time, as a user scrolls
                for _ in range(50):
                    table.action_cursor_down()
                await pilot.pause()
            scrolls.append(time.perf_counter() - started)
            assert table.cursor_row >= 999 and screen.loaded >= 1000
        print(f"filter, per typed character: {ms(filters)}")
        print(f"re-sort: {ms(sorts)}")
        print(f"cursor through 1,000 rows (pages load on the way): {ms(scrolls)}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        main_path = build_store(Path(folder), ATTEMPTS)
        opens = [asyncio.run(open_history(main_path)) for _ in range(5)]
        print(
            f"first rows on screen with {ATTEMPTS} attempts (a fresh app each time): "
            f"{ms(opens)} (target <= 300 ms)"
        )
        asyncio.run(use_history(main_path))


if __name__ == "__main__":
    main()
