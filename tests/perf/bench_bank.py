"""Benchmark: banks of the bundled cards, 1,000 and 5,000 generated cards, with a warm cache.

For each size, beside a baseline measured in the same run:
  bank list     `trainer --bank ROOT bank list` as a whole process (warm card cache), beside a
                bare `python -c pass` start; the cold first read is timed once
  home painted  the installed `trainer` in a pseudo-terminal (100x30) until home shows
                "Press enter to start it", beside a minimal Textual app (baseline_apps.py home)
  filter key    in-process (headless app): the filter's text grown one key at a time, each
                timed from the text changing to the table holding that filter's cards (drawn
                at the next screen update), beside the previous release's way on the same
                cards and keys (a DataTable cleared and refilled with the matches)

Run: python tests/perf/bench_bank.py [RUNS] [SIZES...]   (e.g. `3 34 1000 5000`; not run by pytest)
Targets at 5,000 cards: bank list <= 1 s, home painted <= 1.5 s, filter p95 <= 50 ms per key.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.bench_startup import first_paint, minimal_home, spread
from tests.perf.pty_screen import VENV_BIN, percentile, terminal_env
from trainer.core.resources import bundled_bank

TARGETS = {"bank list": 1.0, "home painted": 1.5, "filter p95": 0.050}
FILTER_WORDS = "t5- consensus"  # a topic prefix, then a word: narrows, then narrows again
OLD = time.time_ns() - 3_600 * 10**9


def make_bank(target: Path, count: int) -> None:
    """Vary the bundled cards (new ids, 17 topics) until there are `count` of them; dated an
    hour ago (the cache takes no file changed in the last seconds)."""
    sources = [p for p in sorted(bundled_bank().rglob("*.md")) if p.name != "GUIDELINES.md"]
    texts = [p.read_text(encoding="utf-8") for p in sources]
    for number in range(count):
        text = texts[number % len(texts)]
        first_id = text.split("id: ", 1)[1].split("\n", 1)[0]
        text = text.replace(f"id: {first_id}", f"id: bench-{number:04d}", 1)
        text = text.replace("topic: ", f"topic: t{number % 17}-", 1)
        folder = target / f"topic-{number % 23}"
        folder.mkdir(exist_ok=True)
        card = folder / f"card-{number:04d}.md"
        card.write_text(text, encoding="utf-8")
        os.utime(card, ns=(OLD, OLD))


def bank_list(root: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(VENV_BIN / "trainer"), "--bank", str(root), "bank", "list"],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - start


def bare_python() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def home_painted(root: Path, db: Path, env: dict[str, str]) -> float:
    argv = [str(VENV_BIN / "trainer"), "--bank", str(root), "--db", str(db)]
    return first_paint(argv, env=env)


async def filter_keys(root: Path, cache: Path) -> tuple[list[float], list[float]]:
    """For each prefix of FILTER_WORDS (a key typed): seconds from the filter's text changing
    to the browser's table holding that filter's cards; and, as the baseline, the previous
    release's way on the same cards (a DataTable cleared and refilled with the matches)."""
    from textual.widgets import DataTable, Input

    from trainer.core.cards.bank import CardFilter, load_bank, select
    from trainer.core.cards.cache import CardCache
    from trainer.core.store.database import Store
    from trainer.ui.app import TrainerApp
    from trainer.ui.screens.bank_browser import BankBrowser

    bank = load_bank([root], CardCache(cache))
    prefixes = [FILTER_WORDS[: end + 1] for end in range(len(FILTER_WORDS))]
    with tempfile.TemporaryDirectory() as folder:
        app = TrainerApp(bank, Store.open(Path(folder) / "t.json"), "bench")
        times: list[float] = []
        refills: list[float] = []
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("b", "slash")
            browser = app.screen
            assert isinstance(browser, BankBrowser)
            field = browser.query_one("#filter", Input)
            for prefix in prefixes:
                start = time.perf_counter()
                field.value = prefix  # what a key does: Input.Changed, then the filter
                while browser.shown_for != prefix:
                    await asyncio.sleep(0.0005)
                times.append(time.perf_counter() - start)
                await pilot.pause()
            table: DataTable[str] = DataTable()
            await browser.mount(table)
            table.add_columns("Level", "Topic", "Title")
            for prefix in prefixes:
                start = time.perf_counter()
                table.clear()
                for card in select(bank.cards, CardFilter(text=prefix)):
                    table.add_row(card.level, card.topic, card.title, key=card.id)
                refills.append(time.perf_counter() - start)
                await pilot.pause()
        return times, refills


def ms(times: Sequence[float]) -> str:
    return (
        f"min {min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms"
    )


def report(name: str, mine: Sequence[float], base: Sequence[float], base_name: str) -> None:
    ratio = statistics.median(mine) / statistics.median(base)
    print(f"  {name}: {spread(mine)}")
    print(f"    baseline ({base_name}): {spread(base)}; ratio of medians {ratio:.2f}x")


def bench(size: int, runs: int, folder: Path) -> None:
    if size == 34 or size == 0:
        root, label = bundled_bank(), "bundled bank"
    else:
        root, label = folder / f"bank-{size}", f"{size} generated cards"
        root.mkdir()
        make_bank(root, size)
    cache = folder / f"cache-{size}"
    env = terminal_env(XDG_CACHE_HOME=str(cache))
    cold = bank_list(root, env)  # fills the cache
    count = subprocess.run(
        [str(VENV_BIN / "trainer"), "--bank", str(root), "bank", "list", "--json"],
        check=True,
        capture_output=True,
        env=env,
        text=True,
    ).stdout.count('"id"')
    print(f"{label} ({count} cards), {runs} runs each, warm cache; cold first read {cold:.2f} s")
    listed, bare, home, minimal = [], [], [], []
    for run in range(runs):  # interleaved: a busy spell hits both alike
        bare.append(bare_python())
        listed.append(bank_list(root, env))
        minimal.append(minimal_home())
        home.append(home_painted(root, folder / f"db-{size}-{run}" / "t.json", env))
    report("bank list   ", listed, bare, "python -c pass")
    print(f"    target <= {TARGETS['bank list']:.1f} s at 5,000 cards")
    report("home painted", home, minimal, "minimal Textual app")
    print(f"    target <= {TARGETS['home painted']:.1f} s at 5,000 cards")
    keys: list[float] = []
    refills: list[float] = []
    for _ in range(runs):
        mine, old = asyncio.run(filter_keys(root, cache / "trainer" / "cards"))
        keys += mine
        refills += old
    print(
        f"  filter, per key ({len(keys)} keys): {ms(keys)}, "
        f"p95 {percentile(keys, 0.95) * 1000:.0f} ms (target p95 <= 50 ms)"
    )
    print(
        f"    baseline (the previous release's DataTable refill, {len(refills)} keys): "
        f"{ms(refills)}, p95 {percentile(refills, 0.95) * 1000:.0f} ms"
    )


def main(argv: list[str]) -> None:
    runs = int(argv[0]) if argv else 5
    sizes = [int(size) for size in argv[1:]] or [34, 1_000, 5_000]
    folder = Path(tempfile.mkdtemp(prefix="bench-bank-"))
    try:
        for size in sizes:
            bench(size, runs, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
