"""Benchmark history, progress and "concepts you keep missing" at 100, 10,000 and 50,000
attempts (issue 14), each in a fresh app (nothing read yet) once its start-up check (a worker
verifying the shards) is done, as a user opens them; beside a baseline, a minimal Textual app
pushing a screen of the progress screen's widgets, timed the same way.

Prints min/median/max of: the time from asking for the history to its first rows on screen
(reading the index, filtering, sorting, the first page of rows, the repaint), a filter
character as the user types it, a re-sort, the cursor through the first 1,000 rows, progress
painted, and the missed concepts counted and shown. Progress and missed concepts are timed
cold (the first time ever: every shard's digest counted, then kept in the cache folder) and
warm (every later start: the kept digests summed, the newest shard's recounted after a save).

Run: python tests/perf/bench_history.py [sizes...]   (not part of the test run)
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Header, Input, Static

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.bench_store import build_store
from trainer.core.cards.bank import load_bank
from trainer.core.resources import bundled_bank
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.screens.history import HistoryScreen
from trainer.ui.screens.progress import MissedConceptsScreen, ProgressScreen
from trainer.ui.widgets.attempt_table import AttemptTable

SIZES = [100, 10_000, 50_000]
RUNS = 5


def ms(samples: list[float], target: str = "") -> str:
    low, mid, high = (x * 1000 for x in (min(samples), statistics.median(samples), max(samples)))
    aim = f"   (target {target})" if target else ""
    p95 = ""
    if len(samples) >= 20:
        p95 = f"  p95 {statistics.quantiles(samples, n=20)[-1] * 1000:6.0f}"
    return f"min {low:6.0f}  median {mid:6.0f}{p95}  max {high:6.0f} ms{aim}"


def fresh_app(main: Path) -> TrainerApp:
    return TrainerApp(load_bank([bundled_bank()]), Store.open(main), "me")


async def open_progress(main: Path) -> float:
    """A fresh app: from asking for progress to its charts on screen (all of them: the
    screen itself, with the forecast, is up at once, the keys live while the rest is read)."""
    app = fresh_app(main)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # start-up's own check done
        started = time.perf_counter()
        app.action_progress()
        await pilot.pause()
        await app.workers.wait_for_complete()  # a long history is charted from a worker
        await pilot.pause()
        elapsed = time.perf_counter() - started
        assert isinstance(app.screen, ProgressScreen)
    return elapsed


class PlainChartsScreen(Screen[None]):
    """The baseline: a screen of the progress screen's widgets (a header, a scrolling column
    of ten texts as tall as its charts, a footer) with nothing to read or count."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            for _ in range(10):
                yield Static("\n".join("▁▂▃▄▅▆▇█" * 12 for _ in range(6)))
        yield Footer()


class PlainList(ScrollView):
    """A line-API list of a filter's rows, drawn as plain text: the least a filtered table
    costs to repaint in Textual."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []

    def show(self, rows: list[str]) -> None:
        self.rows = rows
        self.virtual_size = Size(self.size.width, len(rows))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_offset.y)
        text = self.rows[index] if index < len(self.rows) else ""
        return Strip([Segment(text.ljust(self.size.width))])


class PlainFilterApp(App[None]):
    """The baseline for a filter key: an input and a list refilled from 50,000 rows by a
    substring test, under a header, over a footer."""

    def __init__(self, rows: list[str]) -> None:
        super().__init__()
        self.all_rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input()
        yield PlainList()
        yield Footer()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.sub_title = event.value
        self.query_one(PlainList).show([row for row in self.all_rows if event.value in row])


async def plain_filter_keys(rows: list[str]) -> list[float]:
    """Per key, from the character typed to the list repainted, in `PlainFilterApp`."""
    app = PlainFilterApp(rows)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = app.query_one(Input)
        field.focus()
        for _ in range(3):
            for character in "topic:cons":
                started = time.perf_counter()
                field.insert_text_at_cursor(character)
                await pilot.pause()
                times.append(time.perf_counter() - started)
            field.value = ""
            await pilot.pause()
    return times


async def open_plain_screen() -> float:
    """A minimal Textual app: from pushing `PlainChartsScreen` to it painted, as measured for
    progress (what any screen costs here, before a byte of history is read)."""
    app: App[None] = App()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # start-up's own check done
        started = time.perf_counter()
        app.push_screen(PlainChartsScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return time.perf_counter() - started


async def open_missed(main: Path) -> float:
    """A fresh app: from asking for the missed concepts to their table filled."""
    app = fresh_app(main)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # start-up's own check done
        started = time.perf_counter()
        app.action_missed()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        elapsed = time.perf_counter() - started
        screen = app.screen
        assert isinstance(screen, MissedConceptsScreen) and screen.ranking
    return elapsed


class TimedHistory(HistoryScreen):
    """The history screen, noting when its first rows have been painted."""

    painted: float | None = None

    def refresh_rows(self, cursor: int = 0) -> None:
        super().refresh_rows(cursor)
        if self.painted is None and self.rows:
            self.call_after_refresh(self._mark)

    def _mark(self) -> None:
        if self.painted is None:
            self.painted = time.perf_counter()


async def open_history(main: Path) -> tuple[float, float]:
    """A fresh app: from asking for the history to its first rows painted, and to every
    attempt read (the older ones arrive from a worker)."""
    app = fresh_app(main)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # start-up's own check done
        started = time.perf_counter()
        screen = TimedHistory()
        app.push_screen(screen)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        everything = time.perf_counter() - started
        assert screen.painted is not None and screen.complete
        assert app.screen.query_one("#history", AttemptTable).row_count > 0
    return screen.painted - started, everything


async def use_history(main: Path) -> None:
    """Filtering, sorting and scrolling in an open history."""
    app = fresh_app(main)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(HistoryScreen())
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and screen.complete
        table = screen.query_one("#history", AttemptTable)
        filters: list[float] = []
        searches: list[float] = []
        sorts: list[float] = []
        scrolls: list[float] = []
        reached: list[int] = []
        for _ in range(3):
            filter_input = screen.query_one("#history-filter", Input)
            for query in ("topic:cons", "fencing"):  # a key and a value; a word of the answers
                await pilot.press("slash")
                for character in query:  # as typed: the fields are filtered at each key
                    started = time.perf_counter()
                    filter_input.insert_text_at_cursor(character)
                    await pilot.pause()
                    filters.append(time.perf_counter() - started)
                started = time.perf_counter()  # the answers, once typing pauses
                while screen.searching:
                    await asyncio.sleep(0.005)
                await pilot.pause()
                searches.append(time.perf_counter() - started)
                await pilot.press("escape")
            started = time.perf_counter()
            screen.action_sort()
            await pilot.pause()
            sorts.append(time.perf_counter() - started)
            table.focus()
            table.cursor_row = 0
            started = time.perf_counter()
            for _ in range(20):  # a page-down at a time, as a user scrolls
                for _ in range(50):
                    table.action_move(1)
                await pilot.pause()
            scrolls.append(time.perf_counter() - started)
            reached.append(table.cursor_row + 1)
        print(f"  filter, a character   {ms(filters, '<= 50 ms')}")
        print(f"  answers searched      {ms(searches)}  (from the last key; in a worker)")
        print(f"  re-sort               {ms(sorts)}")
        print(f"  cursor, 1,000 steps   {ms(scrolls)}  (rows reached: {reached})")


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or SIZES
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache"
        os.environ["XDG_CACHE_HOME"] = str(cache)  # the digests: kept here, not the user's
        for size in sizes:
            main_path = build_store(Path(folder) / str(size), size)
            print(f"{size:>6} attempts")
            opens = [asyncio.run(open_history(main_path)) for _ in range(RUNS)]
            print(f"  history, first rows   {ms([o[0] for o in opens], '<= 300 ms')}")
            print(f"  history, all read     {ms([o[1] for o in opens])}  (in a worker)")
            asyncio.run(use_history(main_path))
            rows = [
                f"{s.started:%Y-%m-%d} {s.card_title} {s.topic} {s.score:.0f} {s.band.label}"
                for s in Store.open(main_path).summaries("me")
            ]
            plain_keys = asyncio.run(plain_filter_keys(rows))
            print(f"  {'baseline: plain filter':<22}{ms(plain_keys)}  (a minimal app, same rows)")
            plain = [asyncio.run(open_plain_screen()) for _ in range(RUNS)]
            print(f"  {'baseline: plain screen':<24}{ms(plain)}  (a minimal app, same widgets)")
            for name, opening in (
                ("progress painted", open_progress),
                ("missed shown", open_missed),
            ):
                shutil.rmtree(cache, ignore_errors=True)
                cold = asyncio.run(opening(main_path))
                warm = [asyncio.run(opening(main_path)) for _ in range(RUNS)]
                print(f"  {name + ', cold':<24}{ms([cold])}  (first ever: counted, then kept)")
                print(f"  {name + ', warm':<24}{ms(warm, '<= 300 ms')}")


if __name__ == "__main__":
    main()
