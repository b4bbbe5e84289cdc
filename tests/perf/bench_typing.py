"""Benchmark: typing the 2,000th word of an answer in the app, with and without highlighting.

For each key of the word, the time from the key to the editor's visible lines rendered again:
the edit itself (what TextArea does for a printable key, including re-wrapping the document),
then, with highlighting, the drill screen's handler for the change (incremental scan, spans),
then the editor rendering every line on screen. `Pilot.press` sleeps about 40 ms per key and
`wait_for_idle` polls the event loop, so both are left out: only the work is timed. The plain
editor is the same TextArea with no handler and no highlighting.

Run: python tests/perf/bench_typing.py   (not part of the test run)
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from textual.geometry import Region

from trainer.core.cards.bank import load_bank
from trainer.core.cards.model import Card
from trainer.core.resources import bundled_bank
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.messages import DrillCard
from trainer.ui.screens.drill import DrillScreen
from trainer.ui.widgets.answer_editor import AnswerEditor

WORDS = 2_000
ROUNDS = 20
LAST_WORD = "linearizability "


def long_answer(cards: Iterable[Card]) -> str:
    paragraphs: list[str] = []
    count = 0
    for card in cards:
        for paragraph in card.sample_excellent.split("\n\n"):
            words = paragraph.split()
            paragraphs.append(" ".join(words[: WORDS - 1 - count]))
            count += min(len(words), WORDS - 1 - count)
            if count >= WORDS - 1:
                return "\n\n".join(paragraphs) + " "
    raise SystemExit("not enough text")


async def measure(highlight: bool) -> list[float]:
    bank = load_bank([bundled_bank()])
    card = bank.by_id("consensus-L4-001") or bank.cards[0]
    text = long_answer(bank.cards)
    samples: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        app = TrainerApp(bank, Store.open(Path(folder) / "trainer.json"))
        async with app.run_test(size=(120, 40)) as pilot:
            app.post_message(DrillCard(card))
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DrillScreen)
            editor = screen.query_one("#answer", AnswerEditor)
            editor.cursor_blink = False
            for _ in range(ROUNDS):
                gc.collect()  # the same heap for both runs: no collection lands in one only
                editor.load_text(text)
                editor.move_cursor(editor.document.end)
                await pilot.pause()
                region = Region(0, 0, editor.size.width, editor.size.height)
                editor.render_lines(region)
                for character in LAST_WORD:
                    started = time.perf_counter()
                    editor.insert(character)  # what a printable key does in a TextArea
                    if highlight:
                        screen.on_answer_typed(AnswerEditor.Typed(editor, editor.field))
                    editor.render_lines(region)
                    samples.append(time.perf_counter() - started)
                await pilot.pause()
            assert editor.text.endswith(LAST_WORD), "the keys did not reach the editor"
            words = len(editor.text.split())
    print(f"  ({words} words in the editor at the end)")
    return samples


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def startup() -> list[float]:
    """From the command to the first screen drawn (the home screen's text on the terminal)."""
    import pexpect

    trainer = Path(sys.executable).parent / "trainer"
    times = []
    for _ in range(5):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            child = pexpect.spawn(str(trainer), ["--db", f"{folder}/t.json"], dimensions=(30, 100))
            child.expect("Press enter to start it", timeout=20)
            times.append(time.perf_counter() - started)
            child.sendcontrol("q")
            child.expect(pexpect.EOF, timeout=10)
    return times


def main() -> None:
    plain = asyncio.run(measure(highlight=False))
    highlighted = asyncio.run(measure(highlight=True))
    plain_p50, plain_p95 = summary(plain)
    high_p50, high_p95 = summary(highlighted)
    print(f"plain editor:      p50 {plain_p50:.2f} ms, p95 {plain_p95:.2f} ms per key")
    print(
        f"with highlighting: p50 {high_p50:.2f} ms, p95 {high_p95:.2f} ms per key "
        f"(target p95 <= 16 ms)"
    )
    print(
        f"highlighting adds {100 * (high_p95 / plain_p95 - 1):+.0f}% at p95, "
        f"{100 * (high_p50 / plain_p50 - 1):+.0f}% at p50 (target <= 25%)"
    )
    starts = startup()
    print(
        f"start-up to the first screen: median {statistics.median(starts):.2f} s, "
        f"worst {max(starts):.2f} s (target <= 1.0 s)"
    )


if __name__ == "__main__":
    main()
