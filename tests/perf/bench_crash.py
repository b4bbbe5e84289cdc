"""Stress: SIGKILL a saving process many more times than CI does, and check nothing is lost.

Run: python tests/perf/bench_crash.py [KILLS]   (default 300; not part of the test run)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    os.environ["TRAINER_KILLS"] = str(kills)
    from tests.integration import test_store_crashes as crashes

    crashes.KILLS = kills
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        crashes.test_sigkill_during_saves_never_loses_a_returned_save(Path(folder))
        elapsed = time.perf_counter() - started
        from trainer.core.store.database import Store

        saved = len(Store.open(Path(folder) / "trainer.json").summaries())
    print(
        f"{kills} kills at random moments in {elapsed:.1f} s: {saved} attempts on disk, "
        "every save that returned is there, and the database opened cleanly after each kill"
    )


if __name__ == "__main__":
    main()
