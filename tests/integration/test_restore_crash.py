"""`trainer restore` killed at random moments: afterwards the database is the old one or the
new one, whole (0 partial), and when it is the new one the old one is whole in its "before
restore" folder (0 lost). `tests/perf/bench_restore_crash.py` runs many more trials."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.database_corpus import archive_data, write_archive, write_database
from tests.hostile.store_faults import UNDER_TEST, run_trainer

TRIALS = int(os.environ.get("TRAINER_RESTORE_KILLS", "12"))
OLD, NEW = 300, 1200


@dataclass
class Outcome:
    """How each killed restore left the database."""

    states: Counter[str]  # "old", "new", "partial"
    lost: int  # trials where the replaced database was not whole anywhere
    restore_seconds: float


def _ids(main: Path) -> tuple[set[str], bool]:
    run = run_trainer("--db", str(main), "export", "--format", "json")
    if run.code != 0 or run.crashed:
        return set(), False
    return {
        doc["id"] for doc in json.loads(run.out)["attempts"]
    }, "could not be read" not in run.err


def _old_kept_whole(main: Path, old_ids: set[str]) -> bool:
    from trainer.core.store.archive import read_archive

    kept = sorted((main.parent / "trainer.d" / "backups").glob("before-restore-*"))
    for folder in kept:
        archive = read_archive(folder)
        if {doc["id"] for doc in archive.main.get("index", [])} == old_ids:
            return True
    return False


def run_trials(workdir: Path, trials: int, seed: int = 1, new: int = NEW) -> Outcome:
    """Restore a backup of `new` attempts over a 300-attempt database `trials` times, each
    killed with SIGKILL at a random moment between the interpreter's start-up and the end of
    the command (timed as the median of three uninterrupted runs)."""
    template = workdir / "template"
    old_main = write_database(template, attempts=OLD)
    old_ids, _ = _ids(old_main)  # also brings the template to the current schema
    source = write_archive(workdir / "backup.json", archive_data(new))
    python = UNDER_TEST or sys.executable
    rng = random.Random(seed)

    def fresh(name: str) -> Path:
        folder = workdir / name
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(template, folder, symlinks=True)
        return folder / "trainer.json"

    command = [python, "-m", "trainer", "--db", "{db}", "restore", str(source)]
    started = time.monotonic()
    subprocess.run(
        [python, "-m", "trainer", "--version"], cwd="/", capture_output=True, check=False
    )
    boot = time.monotonic() - started  # before this, a kill finds nothing begun
    runs = []
    for _ in range(3):
        timing = fresh("timing")
        started = time.monotonic()
        done = subprocess.run(
            [c.replace("{db}", str(timing)) for c in command], cwd="/", capture_output=True
        )
        runs.append(time.monotonic() - started)
        assert done.returncode == 0, done.stderr
    full = sorted(runs)[1]
    new_ids, _ = _ids(timing)
    states: Counter[str] = Counter()
    lost = 0
    for trial in range(trials):
        main = fresh(f"trial-{trial % 2}")
        child = subprocess.Popen(
            [c.replace("{db}", str(main)) for c in command],
            cwd="/",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(boot * 0.8, full * 1.02))
        child.send_signal(signal.SIGKILL)
        child.wait()
        ids, whole = _ids(main)
        state = "old" if ids == old_ids else "new" if ids == new_ids else "partial"
        states[state if whole else "partial"] += 1
        if state == "new" and not UNDER_TEST and not _old_kept_whole(main, old_ids):
            lost += 1
    return Outcome(states, lost, full)


def test_a_restore_killed_at_any_moment_leaves_the_old_or_the_new_whole(tmp_path: Path) -> None:
    outcome = run_trials(tmp_path, TRIALS)
    assert outcome.states["partial"] == 0, outcome
    assert outcome.lost == 0, outcome
    assert sum(outcome.states.values()) == TRIALS
