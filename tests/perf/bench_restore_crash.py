"""Stress: SIGKILL `trainer restore` at random moments many more times than CI does.

Run: python tests/perf/bench_restore_crash.py [TRIALS] [ATTEMPTS]   (default 100 trials of a
3,000-attempt backup; not part of the test run)
With TRAINER_PYTHON=/work/stable/.venv/bin/python it measures the previous release instead
(its "lost" check is skipped: it has no "before restore" folder this script can read).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main() -> None:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    new = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    from tests.hostile.store_faults import UNDER_TEST
    from tests.integration.test_restore_crash import OLD, run_trials

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        outcome = run_trials(Path(folder), trials, seed=2026, new=new)
        elapsed = time.perf_counter() - started
    states = outcome.states
    print(
        f"{trials} restores of {new} attempts over {OLD}, killed at random moments of a "
        f"{outcome.restore_seconds:.2f} s run ({UNDER_TEST or 'this tree'}), in {elapsed:.0f} s: "
        f"{states['old']} left the old database whole, {states['new']} the new one, "
        f"{states['partial']} partial; lost: "
        + (str(outcome.lost) if not UNDER_TEST else "not checked")
    )


if __name__ == "__main__":
    main()
