"""Benchmark the store at 100, 1,000 and 10,000 attempts, drafts, and today's queue.

Each attempt carries a 500-word answer and a 200-word follow-up answer. Prints the time to open
the store, to save one more attempt (with its rescheduling), to autosave a draft, and to build
today's queue over a bank of 5,000 cards.

Run: python tests/perf/bench_store.py   (not part of the test run)
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from trainer.core.grading.scoring import Band
from trainer.core.schedule.scheduler import Settings, review
from trainer.core.store.convert import to_doc
from trainer.core.store.database import SHARD_SIZE, Store
from trainer.core.store.drafts import Draft, DraftStore
from trainer.core.store.paths import StorePaths
from trainer.core.store.records import Attempt, AttemptSummary

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
WORDS = [
    "leader",
    "follower",
    "quorum",
    "lease",
    "fencing",
    "replica",
    "commit",
    "log",
    "term",
    "vote",
    "snapshot",
    "shard",
]


def text(words: int, rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def attempt(number: int, rng: random.Random) -> Attempt:
    started = NOW - timedelta(hours=number)
    return Attempt(
        profile="me",
        card_id=f"card-{number % 300}",
        card_hash="h",
        started=started,
        ended=started + timedelta(minutes=14),
        answer=text(500, rng),
        follow_up_answer=text(200, rng),
        follow_up_question="Why?",
        score=rng.uniform(30, 100),
        band=Band.GOOD,
        rating=2,
    )


def build_store(folder: Path, attempts: int) -> Path:
    """Write a store of `attempts` attempts directly (saving them one by one takes too long)."""
    rng = random.Random(attempts)
    paths = StorePaths(folder / "trainer.json")
    paths.attempts.mkdir(parents=True)
    index = []
    for start in range(0, attempts, SHARD_SIZE):
        shard = f"{start // SHARD_SIZE:04d}"
        docs = [attempt(n, rng) for n in range(start, min(start + SHARD_SIZE, attempts))]
        table = {str(i + 1): to_doc(a) for i, a in enumerate(docs)}
        (paths.attempts / f"{shard}.json").write_text(json.dumps({"attempts": table}))
        index += [to_doc(AttemptSummary.of(a, shard)) for a in docs]
    main = {
        "meta": {"1": {"schema": 2}},
        "profiles": {"1": {"name": "me", "created": NOW.isoformat()}},
        "index": {str(i + 1): doc for i, doc in enumerate(index)},
    }
    paths.main.write_text(json.dumps(main))
    return paths.main


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    return f"median {statistics.median(ordered) * 1000:7.1f} ms, max {ordered[-1] * 1000:7.1f} ms"


def queue_of_5000(folder: Path) -> list[float]:
    main = folder / "queue" / "trainer.json"
    main.parent.mkdir()
    store = Store.open(main)
    settings = Settings(fuzz=False)
    schedule = {}
    for number in range(5000):
        reviewed = NOW - timedelta(days=number % 40)
        state, _ = review(None, f"card-{number}", Rating.Good, reviewed, settings)
        schedule[str(number + 1)] = {
            "profile": "me",
            "card_id": f"card-{number}",
            "fsrs": state.fsrs,
            "first_review": reviewed.isoformat(),
        }
    data = json.loads(main.read_text())
    data["schedule"] = schedule
    main.write_text(json.dumps(data))
    bank = [f"card-{number}" for number in range(5500)]
    return timed(lambda: store.queue("me", bank, NOW), 10)


def measure_size(folder: Path, size: int) -> None:
    main_path = build_store(folder / str(size), size)
    rng = random.Random(7)
    opens = timed(lambda: Store.open(main_path), 5)
    store = Store.open(main_path)
    saves = timed(lambda: store.save_attempt(attempt(size, rng), Rating.Hard, NOW), 10)
    drafts = DraftStore(store.paths.drafts)
    draft = Draft("me", "card-1", NOW, answer=text(500, rng), follow_up_answer=text(200, rng))
    autosaves = timed(lambda: drafts.save(draft), 50)
    megabytes = sum(p.stat().st_size for p in main_path.parent.rglob("*.json")) / 1e6
    print(f"{size:>6} attempts ({megabytes:5.1f} MB on disk)")
    print(f"  open            {ms(opens)}   (target <= 300 ms at 10,000)")
    print(f"  save one more   {ms(saves)}   (target <= 100 ms at 10,000)")
    print(f"  draft autosave  {ms(autosaves)}   (target <= 5 ms)")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        for size in (100, 1_000, 10_000):
            measure_size(folder, size)
        print(
            f"today's queue, 5,000 scheduled cards: {ms(queue_of_5000(folder))} (target <= 50 ms)"
        )


if __name__ == "__main__":
    main()
