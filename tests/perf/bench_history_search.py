"""Benchmark the history's answer search (the free words of the filter, looked for in every
answer, note and reply) and the filter over the index of summaries, at 10,000 and 50,000
attempts of 500 + 200 words drawn from the bundled bank's vocabulary.

Prints min/median/max over several runs of: a whole answer search (every shard, newest first,
as the screen's worker does it) for a word in almost every answer, a word in some, and a word in
none (most shards are then skipped unparsed); the peak memory of a fresh process doing that
search (VmHWM; target <= 100 MiB with the index of summaries held); and one filter pass over
the index, as each keystroke costs (target <= 50 ms).

Run: python tests/perf/bench_history_search.py [ATTEMPTS...]   (not part of the test run)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.bench_store import build_store
from trainer.core.history.filters import HistoryFilter
from trainer.core.history.history_index import HistoryIndex
from trainer.core.store.answer_search import search_shard
from trainer.core.store.database import Store

RUNS = 5
WORDS = {"common": "the", "some": "fencing", "none": "zzzq"}
PEAK = """
import sys
from trainer.core.history.history_index import HistoryIndex
from trainer.core.store.answer_search import search_shard
from trainer.core.store.database import Store
store = Store.open_to_read(__import__("pathlib").Path(sys.argv[1]))
index = HistoryIndex(store.summaries()).prepare()
for path in store.shard_files():
    search_shard(path, ["the", "fencing"])
print(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
"""


def ms(samples: list[float], target: str = "") -> str:
    low, mid, high = (x * 1000 for x in (min(samples), statistics.median(samples), max(samples)))
    aim = f"   (target {target})" if target else ""
    return f"min {low:6.0f}  median {mid:6.0f}  max {high:6.0f} ms{aim}"


def search(files: list[Path], word: str) -> tuple[float, int]:
    started = time.perf_counter()
    found: set[str] = set()
    for path in files:
        found |= search_shard(path, [word])[word]
    return time.perf_counter() - started, len(found)


def main() -> None:
    sizes = [int(arg) for arg in sys.argv[1:]] or [10_000, 50_000]
    for count in sizes:
        with tempfile.TemporaryDirectory() as folder:
            main_file = build_store(Path(folder), count)
            store = Store.open_to_read(main_file)
            files = store.shard_files()
            print(f"{count} attempts ({len(files)} shards)")
            for kind, word in WORDS.items():
                runs = [search(files, word) for _ in range(RUNS)]
                found = runs[0][1]
                print(f"  answers, {kind:6} {ms([r[0] for r in runs])}  ({found} hold {word!r})")
            out = subprocess.run(
                [sys.executable, "-c", PEAK, str(main_file)],
                capture_output=True,
                text=True,
                check=True,
            )
            print(f"  peak memory, index + search: {int(out.stdout.split()[-1]) / 1024:.0f} MiB")
            index = HistoryIndex(store.summaries()).prepare()
            for query in ("topic:cons", "fencing", "band:good mode:solo"):
                parsed = HistoryFilter.parse(query)
                passes = []
                for _ in range(RUNS):
                    started = time.perf_counter()
                    rows = index.select(parsed, "date", True)
                    passes.append(time.perf_counter() - started)
                print(f"  filter {query!r:22} {ms(passes, '<= 50 ms')}  ({len(rows)} rows)")


if __name__ == "__main__":
    main()
