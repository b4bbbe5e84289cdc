"""Hostile databases: odd schema versions are refused and left untouched; bad records are
reported with their file and id, skipped, kept on disk, and the rest works; a missing or
corrupt shard is reported by every command that reads attempts, every time."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.database_corpus import RECORD_CASES, SCHEMA_CASES, SHARD_CASES, BadCase
from tests.hostile.store_faults import run_trainer, tree_digest

READERS = [("stats", "--profile", "ana"), ("export",), ("export", "--format", "json")]


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES))
def test_a_schema_that_is_not_a_known_integer_is_refused_untouched(
    tmp_path: Path, case: str
) -> None:
    main = SCHEMA_CASES[case](tmp_path / "data")
    before = tree_digest(tmp_path / "data")
    for command in READERS:
        run = run_trainer("--db", str(main), *command)
        assert run.code == 2 and not run.crashed, run.err
        assert run.err.count("\n") == 1 and str(main) in run.err
        assert "schema" in run.err and "untouched" in run.err
    assert tree_digest(tmp_path / "data") == before  # not one byte changed, nothing added


@pytest.mark.parametrize("case", sorted(RECORD_CASES))
def test_a_bad_record_is_reported_skipped_and_kept(tmp_path: Path, case: str) -> None:
    build: BadCase = RECORD_CASES[case]
    main, bad_file, bad_id, readable = build(tmp_path / "data")
    bad_bytes = bad_file.read_bytes()
    for command in READERS:
        run = run_trainer("--db", str(main), *command)
        assert run.code == 0 and not run.crashed, run.err
        # A schema 3 main file's index moves into index files beside the shards (schema 4)
        # on the first opening for writing: the bad entry is then reported (and kept) there.
        moved = main.with_name(f"{main.stem}.d") / "attempts" / "0000.index.json"
        places = [bad_file, moved] if case == "bad-index-entry" else [bad_file]
        assert any(f"{place}: " in run.err for place in places) and bad_id in run.err, run.err
        if command == ("export", "--format", "json"):
            assert len(json.loads(run.out)["attempts"]) == readable
    if bad_file != main:  # a shard is never rewritten by a reader
        assert bad_file.read_bytes() == bad_bytes
    else:  # the main file may be upgraded, but the bad record is still in it
        holder = moved if case == "bad-index-entry" else main
        assert _bad_record_still_there(case, json.loads(holder.read_text()))


def _bad_record_still_there(case: str, main: dict[str, dict[str, dict[str, object]]]) -> bool:
    checks: dict[str, Callable[[], bool]] = {
        "garbage-schedule": lambda: any(d["fsrs"] == "garbage" for d in main["schedule"].values()),
        "bad-index-entry": lambda: any(d["started"] == 1767 for d in main["index"].values()),
        "bad-profile": lambda: any(d["created"] == 5 for d in main["profiles"].values()),
    }
    return checks[case]()


@pytest.mark.parametrize("case", sorted(SHARD_CASES))
def test_a_lost_shard_is_said_by_every_reader_every_time(tmp_path: Path, case: str) -> None:
    main, shard, readable = SHARD_CASES[case](tmp_path / "data")
    for _ in range(2):
        for command in READERS:
            run = run_trainer("--db", str(main), *command)
            assert run.code == 0 and not run.crashed, run.err
            assert f"{shard}: shard 0000" in run.err, run.err
            assert "200 attempt(s) listed in the index cannot be read" in run.err
            if command[0] == "stats":
                assert run.out.startswith("Profile ana: 420 attempts")
            if command == ("export", "--format", "json"):
                assert len(json.loads(run.out)["attempts"]) == readable
