"""Hostile databases and backup archives, generated: every case is a function of a folder.

The files are written by hand as raw JSON (schema 2, the layout the previous release reads and
writes), never through the code under test, so the same corpus runs against this tree and
against the previous release (`TRAINER_PYTHON=/work/stable/.venv/bin/python`).

Run `python -m tests.hostile.database_corpus OUT` to write every case into OUT/ to look at.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SHARD = 200
HUGE = "9" * 5000  # Python's json refuses integers past 4,300 digits


def attempt_doc(number: int, profile: str = "ana") -> dict[str, Any]:
    started = START + timedelta(hours=number)
    return {
        "id": f"att-{number:05d}",
        "profile": profile,
        "card_id": f"card-{number % 7}",
        "card_hash": "h",
        "started": started.isoformat(),
        "ended": (started + timedelta(minutes=12)).isoformat(),
        "answer": f"answer number {number}: leases, fencing tokens and terms",
        "score": 70.0,
        "band": "good",
        "mode": "solo",
        "rating": 2,
    }


def summary_doc(doc: dict[str, Any], shard: str) -> dict[str, Any]:
    keys = ("id", "profile", "card_id", "started", "score", "band", "mode", "rating")
    return {**{key: doc[key] for key in keys}, "shard": shard}


def fsrs_state(due: datetime) -> dict[str, Any]:
    return {
        "card_id": 1,
        "state": 2,
        "step": None,
        "stability": 3.2,
        "difficulty": 5.1,
        "due": due.isoformat(),
        "last_review": (due - timedelta(days=3)).isoformat(),
    }


def tinydb(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(number): doc for number, doc in enumerate(docs, start=1)}


def database_tables(attempts: int) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """A healthy schema-2 database: (main tables, shards by name), both as TinyDB dicts."""
    docs = [attempt_doc(n) for n in range(attempts)]
    shards: dict[str, dict[str, Any]] = {}
    index = []
    for number, start in enumerate(range(0, attempts, SHARD)):
        name = f"{number:04d}"
        chunk = docs[start : start + SHARD]
        shards[name] = {"attempts": tinydb(chunk), "review_logs": {}}
        index += [summary_doc(doc, name) for doc in chunk]
    cards = sorted({doc["card_id"] for doc in docs})
    schedule = [
        {
            "profile": "ana",
            "card_id": card,
            "fsrs": fsrs_state(START + timedelta(days=40 + n)),
            "first_review": START.isoformat(),
        }
        for n, card in enumerate(cards)
    ]
    main = {
        "meta": tinydb([{"schema": 2}]),
        "profiles": tinydb([{"name": "ana", "created": START.isoformat()}]),
        "settings": {},
        "schedule": tinydb(schedule),
        "undo": {},
        "index": tinydb(index),
        "attempts": {},
    }
    return main, shards


def write_database(folder: Path, attempts: int = 420) -> Path:
    """A healthy database in `folder`; returns its main file."""
    main, shards = database_tables(attempts)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "trainer.json"
    path.write_text(json.dumps(main))
    for name, tables in shards.items():
        shard = folder / "trainer.d" / "attempts" / f"{name}.json"
        shard.parent.mkdir(parents=True, exist_ok=True)
        shard.write_text(json.dumps(tables))
    return path


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def _shard(main: Path, name: str = "0000") -> Path:
    return main.parent / "trainer.d" / "attempts" / f"{name}.json"


# -- databases: schema versions (refused, file untouched) -------------------------------------


def _schema(value: object) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        main = write_database(folder)
        _edit(main, lambda data: data["meta"]["1"].__setitem__("schema", value))
        return main

    return build


def no_meta_table(folder: Path) -> Path:
    main = write_database(folder)
    _edit(main, lambda data: data.pop("meta"))
    return main


SCHEMA_CASES: dict[str, Callable[[Path], Path]] = {
    "schema-string": _schema("3"),
    "schema-float": _schema(2.0),
    "schema-bool": _schema(True),
    "schema-zero": _schema(0),
    "schema-null": _schema(None),
    "no-meta-table": no_meta_table,
}


# -- databases: bad records (reported with file and id, skipped, kept) ------------------------
# Each returns (main, path of the bad record's file, its id, attempts still readable).

BadCase = Callable[[Path], tuple[Path, Path, str, int]]


def _bad_attempt(change: Callable[[dict[str, Any]], None]) -> BadCase:
    def build(folder: Path) -> tuple[Path, Path, str, int]:
        main = write_database(folder)
        _edit(_shard(main), lambda data: change(data["attempts"]["5"]))
        return main, _shard(main), "att-00004", 419

    return build


def _raw_huge(folder: Path) -> tuple[Path, Path, str, int]:
    main = write_database(folder)
    shard = _shard(main)
    text = shard.read_text().replace('"rating": 2', f'"rating": {HUGE}', 1)
    shard.write_text(text)
    return main, shard, "att-00000", 419


def _without_id(folder: Path) -> tuple[Path, Path, str, int]:
    main = write_database(folder)
    _edit(_shard(main), lambda data: data["attempts"]["3"].pop("id"))
    return main, _shard(main), "(document 3, no id)", 419


def _garbage_schedule(folder: Path) -> tuple[Path, Path, str, int]:
    main = write_database(folder)
    _edit(main, lambda data: data["schedule"]["2"].__setitem__("fsrs", "garbage"))
    return main, main, "card-1", 420


def _bad_index_entry(folder: Path) -> tuple[Path, Path, str, int]:
    main = write_database(folder)
    _edit(main, lambda data: data["index"]["8"].__setitem__("started", 1767))
    return main, main, "att-00007", 420


def _bad_profile(folder: Path) -> tuple[Path, Path, str, int]:
    main = write_database(folder)
    _edit(main, lambda data: data["profiles"].__setitem__("2", {"name": "ben", "created": 5}))
    return main, main, "ben", 420


RECORD_CASES: dict[str, BadCase] = {
    "bad-date": _bad_attempt(lambda doc: doc.__setitem__("started", "yesterday")),
    "naive-date": _bad_attempt(lambda doc: doc.__setitem__("started", "2026-01-05T09:00:00")),
    "missing-field": _bad_attempt(lambda doc: doc.pop("score")),
    "wrong-type": _bad_attempt(lambda doc: doc.__setitem__("answer", 42)),
    "answer-is-a-list": _bad_attempt(lambda doc: doc.__setitem__("probes_asked", "abc")),
    "no-id": _without_id,
    "huge-integer": _raw_huge,
    "garbage-schedule": _garbage_schedule,
    "bad-index-entry": _bad_index_entry,
    "bad-profile": _bad_profile,
}


# -- databases: shards gone or damaged (export must say so, every time) -------------------------


def missing_old_shard(folder: Path) -> tuple[Path, Path, int]:
    main = write_database(folder)
    _shard(main).unlink()
    return main, _shard(main), 220


def corrupt_old_shard(folder: Path) -> tuple[Path, Path, int]:
    main = write_database(folder)
    _shard(main).write_text('{"attempts": {"1": {"id": "att-0')
    return main, _shard(main), 220


SHARD_CASES: dict[str, Callable[[Path], tuple[Path, Path, int]]] = {
    "missing-old-shard": missing_old_shard,
    "corrupt-old-shard": corrupt_old_shard,
}


# -- archives (restore must refuse them before writing anything) ------------------------------


def archive_data(attempts: int = 30) -> dict[str, Any]:
    main, shards = database_tables(attempts)
    return {"format": "trainer-backup", "schema": 2, "main": main, "shards": shards}


def write_archive(path: Path, data: dict[str, Any] | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def _archive(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        data = archive_data()
        change(data)
        return write_archive(path, data)

    return build


def _rename_shard(name: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["shards"][name] = data["shards"].pop("0000")

    return change


def _huge_archive(path: Path) -> Path:
    text = json.dumps(archive_data()).replace('"rating": 2', f'"rating": {HUGE}', 1)
    return write_archive(path, text)


ARCHIVE_CASES: dict[str, Callable[[Path], Path]] = {
    "shard-name-traversal": _archive(_rename_shard("../../../escaped")),
    "shard-name-absolute": lambda path: _archive(_rename_shard(str(path.parent / "absolute")))(
        path
    ),
    "shard-record-id-only": _archive(
        lambda data: data["shards"]["0000"]["attempts"].__setitem__("1", {"id": 5})
    ),
    "schema-string": _archive(lambda data: data["main"]["meta"]["1"].__setitem__("schema", "3")),
    "no-meta-table": _archive(lambda data: data["main"].pop("meta")),
    "shards-as-a-list": _archive(lambda data: data.__setitem__("shards", [{"attempts": {}}])),
    "huge-integer": _huge_archive,
    "index-without-shard": _archive(lambda data: data["shards"].pop("0000")),
    "bad-schedule": _archive(
        lambda data: data["main"]["schedule"]["1"].__setitem__("fsrs", {"due": 3})
    ),
}


def main(out: Path) -> None:
    """Write every case into `out` (databases in folders, archives as files)."""
    for name, build in SCHEMA_CASES.items():
        build(out / "databases" / name)
    for name, bad in RECORD_CASES.items():
        bad(out / "databases" / name)
    for name, gone in SHARD_CASES.items():
        gone(out / "databases" / name)
    for name, make in ARCHIVE_CASES.items():
        make(out / "archives" / f"{name}.json")
    print(
        f"wrote {len(SCHEMA_CASES) + len(RECORD_CASES) + len(SHARD_CASES)} databases and "
        f"{len(ARCHIVE_CASES)} archives into {out}"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus"))
