"""Benchmark the history's answer search: reading every attempt once (in the screen's thread)
into the words a filter searches, then filtering on them as a user types.

Prints, for 10,000 and 50,000 attempts of 500 + 200 words: the time to read every shard into
`AttemptText`s, the memory those hold, and the time of one filter pass with a free word and
with mode:aloud (what each keystroke costs once the words are read).

The bench's answers draw on a dozen words, so the distinct words kept per attempt are few;
real answers keep more (about a kilobyte for 500 words).

Run: python tests/perf/bench_history_search.py [ATTEMPTS]   (not part of the test run)
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.bench_store import build_store
from trainer.core.history.filters import AttemptText, HistoryFilter, select_history
from trainer.core.store.database import Store


def main() -> None:
    for count in (10_000, 50_000) if len(sys.argv) < 2 else (int(sys.argv[1]),):
        with tempfile.TemporaryDirectory() as folder:
            main_file = build_store(Path(folder), count)
            started = time.perf_counter()
            reader = Store.open_to_read(main_file)
            texts = {attempt.id: AttemptText.of(attempt) for attempt in reader.attempts()}
            read = time.perf_counter() - started
            held = sum(sys.getsizeof(text.words) for text in texts.values())
            tracemalloc.start()  # a second read, traced: tracing slows it several times
            reader = Store.open_to_read(main_file)
            again = {attempt.id: AttemptText.of(attempt) for attempt in reader.attempts()}
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            del again
            summaries = Store.open_to_read(main_file).summaries()
            passes = []
            for query in ("fencing", "zzzz", "mode:aloud"):
                started = time.perf_counter()
                rows = select_history(summaries, HistoryFilter.parse(query), "date", True, texts)
                passes.append(
                    f"{query!r} {1000 * (time.perf_counter() - started):.0f} ms ({len(rows)} rows)"
                )
            print(
                f"{count} attempts: read {read:.1f} s, words held {held / 1e6:.0f} MB "
                f"(peak while reading {peak / 1e6:.0f} MB); filter: {'; '.join(passes)}"
            )


if __name__ == "__main__":
    main()
