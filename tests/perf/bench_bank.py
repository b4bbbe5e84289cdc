"""Benchmark: discover and parse 1,000 cards; `trainer bank list` as a whole process.

Run: python tests/perf/bench_bank.py   (prints its figures; not part of the test run)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trainer.core.cards.bank import load_bank
from trainer.core.resources import bundled_bank

CARDS = 1_000


def make_bank(target: Path, count: int) -> None:
    """Vary the bundled cards (new ids, topics and words) until there are `count` of them."""
    sources = [p for p in sorted(bundled_bank().rglob("*.md")) if p.name != "GUIDELINES.md"]
    texts = [p.read_text(encoding="utf-8") for p in sources]
    for number in range(count):
        text = texts[number % len(texts)]
        first_id = text.split("id: ", 1)[1].split("\n", 1)[0]
        text = text.replace(f"id: {first_id}", f"id: bench-{number:04d}", 1)
        text = text.replace("topic: ", f"topic: t{number % 17}-", 1)
        folder = target / f"topic-{number % 23}"
        folder.mkdir(exist_ok=True)
        (folder / f"card-{number:04d}.md").write_text(text, encoding="utf-8")


def time_parse(root: Path, repeats: int = 5) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        bank = load_bank([root])
        times.append(time.perf_counter() - start)
        assert len(bank.cards) == CARDS and not bank.errors, bank.problems[:3]
    return times


def time_cli(repeats: int = 7) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "trainer", "bank", "list"], check=True, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        make_bank(root, CARDS)
        parse = time_parse(root)
    cli = time_cli()
    print(
        f"discover + parse {CARDS} cards: median {statistics.median(parse) * 1000:.0f} ms, "
        f"best {min(parse) * 1000:.0f} ms (target <= 1000 ms)"
    )
    print(
        f"`trainer bank list` (bundled bank, whole process): median "
        f"{statistics.median(cli) * 1000:.0f} ms, best {min(cli) * 1000:.0f} ms "
        f"(target <= 500 ms)"
    )


if __name__ == "__main__":
    main()
