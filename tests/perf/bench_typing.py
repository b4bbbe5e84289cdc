"""Benchmark: typing into a long answer, in a real terminal, against a plain Textual editor.

The installed `trainer` runs in a pseudo-terminal (120x40), resumes a prepared draft of a
2,000-word answer (a temporary --db), moves to its end and types 50 characters of prose one
key at a time, at a typist's pace (120 ms between keys, a 700 ms pause after every third word,
so the side panel's debounced scoring and the clock's ticks land between and during keys).
Each sample is the time from writing a key to the terminal output after which the screen
shows it (the text and the cursor one cell further on), read through a terminal emulator.
The same keys go, in the same run and interleaved, to a minimal Textual app holding a plain
TextArea of the drill editor's size with the same text (tests/perf/baseline_apps.py).
Drill modes: with the side panel visible (checklist, band, words), and blind.

Run: python tests/perf/bench_typing.py [ROUNDS]   (not part of the test run)
Target: p95 of each drill mode <= 1.25 x the plain TextArea's p95.
"""

from __future__ import annotations

import asyncio
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.pty_screen import PERF, VENV_BIN, PtyScreen, percentile
from trainer.core.cards.bank import load_bank
from trainer.core.cards.model import Card
from trainer.core.practice.session import DrillSession
from trainer.core.resources import bundled_bank
from trainer.core.store.database import Store
from trainer.core.store.drafts import DraftStore

SIZE = (120, 40)
WORDS = 2_000
CARD = "coordination-L4-001"
MARKER = "To sum it up: "
TYPED = "the leader holds a lease, fencing tokens stop it a"  # 50 keys of prose
KEY_GAP = 0.12
WORD_PAUSE = 0.7
PAGE_DOWN, END = "\x1b[6~", "\x1b[F"
TARGET_RATIO = 1.25
PLAIN, PANEL, BLIND = "plain TextArea", "drill (side panel)", "drill (blind)"


def long_answer(cards: Iterable[Card]) -> str:
    """2,000 words of model answers, then a last paragraph to type into."""
    words: list[str] = []
    paragraphs: list[str] = []
    for card in cards:
        for paragraph in card.sample_excellent.split("\n\n"):
            taken = paragraph.split()[: WORDS - len(words)]
            words.extend(taken)
            paragraphs.append(" ".join(taken))
            if len(words) >= WORDS:
                text = "\n\n".join(paragraphs) + "\n\n" + MARKER
                assert text.count(MARKER) == 1
                return text
    raise SystemExit("not enough text in the bundled bank")


def prepare_db(folder: Path, card: Card, text: str, blind: bool) -> Path:
    """A new database whose profile `bench` has this answer as its unfinished drill (a fresh
    one for every run: the drill autosaves what the run typed)."""
    db = Path(tempfile.mkdtemp(dir=folder)) / "trainer.json"
    store = Store.open(db)
    store.ensure_profile("bench")
    session = DrillSession(card, "bench", datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    session.answer = text
    session.blind = blind
    DraftStore(store.paths.drafts).save(session.to_draft(0.0))
    return db


async def drill_editor_size(card: Card, text: str) -> tuple[int, int]:
    """The answer editor's size in cells at SIZE, measured in the app itself."""
    from trainer.ui.app import TrainerApp
    from trainer.ui.messages import DrillCard
    from trainer.ui.widgets.answer_editor import AnswerEditor

    with tempfile.TemporaryDirectory() as folder:
        app = TrainerApp(load_bank([bundled_bank()]), Store.open(Path(folder) / "t.json"))
        async with app.run_test(size=SIZE) as pilot:
            app.post_message(DrillCard(card))
            await pilot.pause()
            editor = app.screen.query_one("#answer", AnswerEditor)
            editor.load_text(text)
            await pilot.pause()
            return editor.outer_size.width, editor.outer_size.height


class Typist:
    """Types TYPED after MARKER on a PtyScreen and times each key until it is shown."""

    def __init__(self, screen: PtyScreen) -> None:
        self.screen = screen
        self.x = self.y = -1
        self.cursor: tuple[str, str, bool] | None = None
        self.cpu_per_key = 0.0

    def _find_marker(self, screen: PtyScreen) -> bool:
        for y in range(len(screen.screen.display)):
            x = screen.row(y).find(MARKER)
            if x >= 0:
                self.x, self.y = x, y
                return True
        return False

    def _cursor_at(self, column: int) -> bool:
        here = self.screen.cell_style(column, self.y)
        if self.cursor is None:
            return here != self.screen.cell_style(column + 1, self.y)
        return here == self.cursor

    def _shows_on(self, count: int, _: PtyScreen) -> bool:
        return self._shows(count)

    def _shows(self, count: int) -> bool:
        row = self.screen.row(self.y)
        expected = MARKER + TYPED[:count]
        start = self.x + len(expected)
        return row[self.x : start] == expected and self._cursor_at(start)

    def go_to_end(self, lines: int) -> None:
        self.screen.send(PAGE_DOWN * (lines // 10 + 5) + END)
        self.screen.wait(self._find_marker)
        self.screen.wait(lambda _: self._shows(0))
        column = self.x + len(MARKER)
        self.cursor = self.screen.cell_style(column, self.y)
        self.screen.settle(1.0)

    def type_all(self) -> list[float]:
        samples: list[float] = []
        words = 0
        cpu = self.screen.cpu_seconds()
        for count, key in enumerate(TYPED, start=1):
            sent = self.screen.send(key)
            shown = self.screen.wait(functools.partial(Typist._shows_on, self, count), 10)
            samples.append(shown - sent)
            pause = KEY_GAP
            if key == " ":
                words += 1
                pause = WORD_PAUSE if words % 3 == 0 else KEY_GAP
            # Keep reading until the next key: later repaints cost the terminal too.
            self.screen.settle(sent + pause - time.perf_counter())
        self.cpu_per_key = (self.screen.cpu_seconds() - cpu) / len(TYPED)
        return samples


@dataclass
class Run:
    """One app typed into once: each key's time to the screen, and the CPU it used per key."""

    latencies: list[float]
    cpu_per_key: float


def type_into(screen: PtyScreen, lines: int) -> Run:
    try:
        typist = Typist(screen)
        typist.go_to_end(lines)
        latencies = typist.type_all()
        return Run(latencies, typist.cpu_per_key)
    finally:
        screen.close()


def run_trainer(db: Path, lines: int) -> Run:
    argv = [str(VENV_BIN / "trainer"), "--db", str(db), "--profile", "bench"]
    screen = PtyScreen(argv, SIZE)
    screen.wait_for_text("You have an unfinished drill")
    screen.send("r")
    screen.wait_for_text("Your answer")
    return type_into(screen, lines)


def run_plain(text_file: Path, editor_size: tuple[int, int], lines: int) -> Run:
    width, height = editor_size
    argv = [sys.executable, str(PERF / "baseline_apps.py"), "editor", str(text_file)]
    screen = PtyScreen([*argv, str(width), str(height)], SIZE)
    screen.wait(lambda _: bool(screen.row(1).strip()))
    return type_into(screen, lines)


def describe(name: str, runs: list[Run]) -> float:
    """Print p50/p95 over every key and the spread of the runs' p95; returns the pooled p95."""
    pooled = [sample for run in runs for sample in run.latencies]
    p95s = [percentile(run.latencies, 0.95) * 1000 for run in runs]
    cpu = statistics.median(run.cpu_per_key for run in runs) * 1000
    p50, p95 = statistics.median(pooled) * 1000, percentile(pooled, 0.95) * 1000
    print(
        f"  {name:<20} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  CPU {cpu:5.1f} ms/key  "
        f"(p95 of a run: min {min(p95s):.1f}, median {statistics.median(p95s):.1f}, "
        f"max {max(p95s):.1f}; {len(pooled)} keys)"
    )
    return p95


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    bank = load_bank([bundled_bank()])
    card = bank.by_id(CARD)
    assert card is not None
    text = long_answer(bank.cards)
    editor_size = asyncio.run(drill_editor_size(card, text))
    lines = len(text) // max(editor_size[0] - 4, 1) + text.count("\n")
    print(
        f"{len(text.split())} words in the editor, {len(TYPED)} keys per run, {rounds} rounds; "
        f"terminal {SIZE[0]}x{SIZE[1]}, editor {editor_size[0]}x{editor_size[1]}"
    )
    runs: dict[str, list[Run]] = {PLAIN: [], PANEL: [], BLIND: []}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        text_file = root / "answer.txt"
        text_file.write_text(text, encoding="utf-8")
        for round_number in range(rounds):  # interleaved: a busy spell hits every app alike
            runs[PLAIN].append(run_plain(text_file, editor_size, lines))
            runs[PANEL].append(run_trainer(prepare_db(root, card, text, False), lines))
            runs[BLIND].append(run_trainer(prepare_db(root, card, text, True), lines))
            print(f"  round {round_number + 1}/{rounds} done", flush=True)
    print("time from key to screen (CPU: the app's own, per key, over the whole typing):")
    plain_p95 = describe(PLAIN, runs[PLAIN])
    for name in (PANEL, BLIND):
        p95 = describe(name, runs[name])
        per_round = [
            percentile(mine.latencies, 0.95) / percentile(plain.latencies, 0.95)
            for mine, plain in zip(runs[name], runs[PLAIN], strict=True)
        ]
        print(
            f"    {name}: p95 {p95 / plain_p95:.2f}x the plain TextArea's "
            f"(round by round: median {statistics.median(per_round):.2f}x, "
            f"min {min(per_round):.2f}x, max {max(per_round):.2f}x; target <= {TARGET_RATIO}x)"
        )


if __name__ == "__main__":
    main()
