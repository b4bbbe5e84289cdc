"""Benchmark the store at 100, 10,000 and 50,000 realistic attempts (issue 14).

Attempts are seeded straight into schema 2 shards (saving 50,000 one by one takes too long),
then opened once so the store migrates them to its current layout. Each attempt is of a card of
the bundled bank (`bank/`), with a 500-word answer, a 200-word follow-up and concept verdicts.
Prints min/median/max over several runs of: opening the store, saving one more attempt (with
its rescheduling), building home's data (today's queue, the recent rows, the settings), and the
memory of a fresh process that opened the store and built home's data.

Run: .venv/bin/python tests/perf/bench_store.py [sizes...]   (not part of the test run)
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from trainer.core.cards.bank import load_bank
from trainer.core.cards.model import Card
from trainer.core.grading.scoring import Band
from trainer.core.store.convert import to_doc
from trainer.core.store.database import SHARD_SIZE, Store
from trainer.core.store.paths import StorePaths
from trainer.core.store.records import Attempt, AttemptSummary

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BANK = Path(__file__).resolve().parents[2] / "bank"
RECENT_ROWS = 8


def vocabulary(cards: list[Card]) -> list[str]:
    """The words of the cards' questions and concept descriptions: answers drawn from them
    hold as many distinct words as real ones (a few hundred in 500), which is what the
    history's answer search reads and holds."""
    parts = [card.question for card in cards]
    parts += [c.description for card in cards for c in (*card.core_concepts, *card.bonus_concepts)]
    return sorted({word.strip(".,;:()").lower() for word in " ".join(parts).split()} - {""})


def text(words: int, rng: random.Random, vocabulary: list[str]) -> str:
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def attempt(number: int, cards: list[Card], rng: random.Random, words: list[str]) -> Attempt:
    card = cards[number % len(cards)]
    started = NOW - timedelta(minutes=20 * number)
    core = [c.name for c in card.core_concepts]
    bonus = [c.name for c in card.bonus_concepts]
    covered = tuple(name for name in core + bonus if rng.random() < 0.6)
    overrides = {core[0]: rng.random() < 0.5} if core and rng.random() < 0.2 else {}
    score = rng.uniform(30, 100)
    band = next(b for b in Band if score >= b.score_range[0])  # bands follow scores
    return Attempt(
        profile="me",
        card_id=card.id,
        card_hash=card.content_hash,
        card_title=card.title,
        topic=card.topic,
        level=card.level,
        started=started,
        ended=started + timedelta(minutes=14),
        answer=text(500, rng, words),
        follow_up_answer=text(200, rng, words),
        follow_up_question="Why?",
        automatic_covered=covered,
        overrides=overrides,
        missed_core=tuple(n for n in core if n not in covered),
        missed_bonus=tuple(n for n in bonus if n not in covered),
        score=score,
        band=band,
        rating=rng.randint(1, 4),
    )


def build_store(folder: Path, attempts: int, cards: list[Card] | None = None) -> Path:
    """Write `attempts` attempts (newest first in time order) as schema 2, then open once.

    The attempts are of `cards`, by default the bundled bank's.
    """
    cards = cards if cards is not None else list(load_bank([BANK]).cards)
    rng = random.Random(attempts)
    words = vocabulary(cards)
    paths = StorePaths(folder / "trainer.json")
    paths.attempts.mkdir(parents=True)
    numbers = list(range(attempts - 1, -1, -1))  # oldest first
    index = []
    for start in range(0, attempts, SHARD_SIZE):
        shard = f"{start // SHARD_SIZE:04d}"
        docs = [attempt(n, cards, rng, words) for n in numbers[start : start + SHARD_SIZE]]
        table = {str(i + 1): to_doc(a) for i, a in enumerate(docs)}
        (paths.attempts / f"{shard}.json").write_text(json.dumps({"attempts": table}))
        index += [to_doc(AttemptSummary.of(a, shard)) for a in docs]
    main = {
        "meta": {"1": {"schema": 2}},
        "profiles": {"1": {"name": "me", "created": NOW.isoformat()}},
        "index": {str(i + 1): doc for i, doc in enumerate(index)},
    }
    paths.main.write_text(json.dumps(main))
    Store.open(paths.main)  # migrates to the current schema, once
    # As in a history that grew over months: each shard last written when its newest attempt
    # was saved (the migration just rewrote every index file).
    for start in range(0, attempts, SHARD_SIZE):
        shard = f"{start // SHARD_SIZE:04d}"
        newest = numbers[min(start + SHARD_SIZE, attempts) - 1]
        saved = (NOW - timedelta(minutes=20 * newest - 14)).timestamp()
        for path in (paths.attempts / f"{shard}.json", paths.attempts / f"{shard}.index.json"):
            os.utime(path, (saved, saved))
    return paths.main


def new_attempt(number: int, cards: list[Card], rng: random.Random, words: list[str]) -> Attempt:
    """One more attempt, as the user finishes it now."""
    started = datetime.now(UTC) - timedelta(minutes=14)
    return replace(attempt(number, cards, rng, words), started=started, ended=datetime.now(UTC))


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def ms(samples: list[float], target: str) -> str:
    ordered = [s * 1000 for s in sorted(samples)]
    low, mid, high = ordered[0], statistics.median(ordered), ordered[-1]
    return f"min {low:7.1f}  median {mid:7.1f}  max {high:7.1f} ms   (target {target})"


def home_data(store: Store, card_ids: list[str]) -> object:
    """What the home screen reads from the store (trainer/ui/screens/home.py)."""
    queue = store.queue("me", card_ids, NOW)
    recent = store.recent_summaries("me", RECENT_ROWS)
    return queue, recent, store.settings("me"), store.schedule("me")


def memory_of(main: Path) -> float:
    """MiB of peak RSS of a fresh process that opens the store and builds home's data."""
    code = (
        f"import sys; sys.path.insert(0, {str(BANK.parent)!r})\n"
        "from pathlib import Path\n"
        "from tests.perf.bench_store import home_data, BANK\n"
        "from trainer.core.cards.bank import load_bank\n"
        "from trainer.core.store.database import Store\n"
        "ids = [c.id for c in load_bank([BANK]).cards]\n"
        f"home_data(Store.open(Path({str(main)!r})), ids)\n"
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report
        # the benchmark's own peak (the seeded history in memory) as its own.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "print(hwm.split()[1])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def measure(folder: Path, size: int, cards: list[Card]) -> None:
    seeding = time.perf_counter()
    main_path = build_store(folder / str(size), size, cards)
    seeded = time.perf_counter() - seeding
    rng = random.Random(7)
    card_ids = [card.id for card in cards]
    opens = timed(lambda: Store.open(main_path), 5)
    store = Store.open(main_path)
    number = iter(range(size, size + 1000))
    words = vocabulary(cards)
    saves = timed(
        lambda: store.save_attempt(new_attempt(next(number), cards, rng, words), Rating.Hard, NOW),
        10,
    )
    homes = timed(lambda: home_data(Store.open(main_path), card_ids), 5)
    mib = [memory_of(main_path) for _ in range(2)]
    megabytes = sum(p.stat().st_size for p in main_path.parent.rglob("*.json")) / 1e6
    print(f"{size:>6} attempts ({megabytes:6.1f} MB on disk, seeded in {seeded:.1f} s)")
    print(f"  open            {ms(opens, '<= 300 ms')}")
    print(f"  save one more   {ms(saves, '<= 100 ms, <= 1.5x at 100')}")
    print(f"  home's data     {ms(homes, '<= 500 ms, open included')}")
    print(f"  memory          {min(mib):.0f}-{max(mib):.0f} MiB peak RSS   (target <= 100 MiB)")


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [100, 10_000, 50_000]
    cards = list(load_bank([BANK]).cards)
    with tempfile.TemporaryDirectory() as folder_name:
        for size in sizes:
            measure(Path(folder_name), size, cards)


if __name__ == "__main__":
    main()
