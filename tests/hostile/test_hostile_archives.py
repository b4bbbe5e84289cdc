"""Hostile backups: `restore` checks every name and record first and refuses, in one line,
what would escape the data folder or crash later; nothing is written before it has checked.
Two restores in a row keep two distinct "before restore" folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.database_corpus import ARCHIVE_CASES, archive_data, write_archive, write_database
from tests.hostile.store_faults import run_trainer, tree_digest


@pytest.mark.parametrize("case", sorted(ARCHIVE_CASES))
def test_a_hostile_archive_is_refused_before_anything_is_written(tmp_path: Path, case: str) -> None:
    home = tmp_path / "home"
    main = write_database(home / "data", attempts=50)
    source = ARCHIVE_CASES[case](tmp_path / "incoming" / f"{case}.json")
    escaped = [tmp_path / "escaped", home / "escaped", source.parent / "absolute.json"]
    before = tree_digest(home)
    run = run_trainer("--db", str(main), "restore", str(source))
    assert run.code == 2 and not run.crashed, run.err
    assert run.err.count("\n") == 1 and str(source) in run.err
    assert "Errno" not in run.err
    assert tree_digest(home) == before  # nothing written, nothing moved
    assert not any(path.exists() for path in escaped)
    after = run_trainer("--db", str(main), "stats", "--profile", "ana")
    assert after.code == 0 and after.out.startswith("Profile ana: 50 attempts"), after.err


def test_two_restores_in_one_second_keep_both_before_restore_folders(tmp_path: Path) -> None:
    main = write_database(tmp_path / "data", attempts=50)
    first = write_archive(tmp_path / "first.json", archive_data(30))
    second = write_archive(tmp_path / "second.json", archive_data(10))
    runs = [run_trainer("--db", str(main), "restore", str(path)) for path in (first, second)]
    for run in runs:
        assert run.code == 0 and not run.crashed, run.err
    kept = sorted((main.parent / "trainer.d" / "backups").glob("before-restore-*"))
    assert len(kept) == 2
    stats = run_trainer("--db", str(main), "stats", "--profile", "ana")
    assert stats.out.startswith("Profile ana: 10 attempts"), stats.err
    # The first "before restore" folder holds the original 50, restorable as it is.
    oldest = next(path for path in kept if _attempts_in(path / "trainer.json") == 50)
    back = run_trainer("--db", str(main), "restore", str(oldest))
    assert back.code == 0, back.err
    assert run_trainer("--db", str(main), "stats", "--profile", "ana").out.startswith(
        "Profile ana: 50 attempts"
    )


def test_restore_errors_name_the_path_never_an_errno(tmp_path: Path) -> None:
    main = write_database(tmp_path / "data", attempts=5)
    missing = tmp_path / "nope.json"
    run = run_trainer("--db", str(main), "restore", str(missing))
    assert run.code == 2 and str(missing) in run.err and "Errno" not in run.err
    folder = tmp_path / "a-folder"
    folder.mkdir()
    run = run_trainer("--db", str(main), "restore", str(folder))
    assert run.code == 2 and str(folder) in run.err and "Errno" not in run.err
    assert json.loads(main.read_text())["meta"]


def _attempts_in(main: Path) -> int:
    return len(json.loads(main.read_text()).get("index", {}))
