"""Schema versions of the user database, and the path from each old one to the current.

1: one TinyDB file; tables meta, profiles, schedule and attempts (full records, the answer under
   `answer_text`). Every save rewrote the whole history.
2: the main file keeps meta, profiles, settings, schedule, undo and a small index of attempts;
   attempts and review logs live in shards beside it (`attempts/0000.json`, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from trainer.core.store.convert import attempt_from_doc, to_doc
from trainer.core.store.paths import StorePaths
from trainer.core.store.records import AttemptSummary

CURRENT = 2
SHARD_SIZE = 200

WriteTables = Callable[..., None]


def schema_of(data: dict[str, Any]) -> int:
    """The schema version written in a database (0 for an empty, brand-new one)."""
    meta = data.get("meta", {})
    versions = [doc.get("schema") for doc in meta.values() if isinstance(doc, dict)]
    if versions and isinstance(versions[0], int):
        return versions[0]
    return 1 if data else 0


def migrate(
    paths: StorePaths,
    data: dict[str, Any],
    write_tables: Callable[[Any, dict[str, list[dict[str, Any]]]], None],
) -> None:
    """Bring `data` (the main file's content) to the current schema, writing the new files."""
    version = schema_of(data)
    if version == 0:
        write_tables(paths.main, {"meta": [{"schema": CURRENT}]})
        return
    if version == 1:
        _from_1_to_2(paths, data, write_tables)


def _documents(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return [dict(doc) for doc in data.get(table, {}).values()]


def _from_1_to_2(
    paths: StorePaths,
    data: dict[str, Any],
    write_tables: Callable[[Any, dict[str, list[dict[str, Any]]]], None],
) -> None:
    old_attempts = sorted(_documents(data, "attempts"), key=lambda doc: doc.get("started", ""))
    attempts = [_attempt_1_to_2(doc) for doc in old_attempts]
    index = []
    for number, start in enumerate(range(0, len(attempts), SHARD_SIZE)):
        shard = f"{number:04d}"
        chunk = attempts[start : start + SHARD_SIZE]
        # Shards first: if this is interrupted, the untouched version-1 file is still the truth.
        write_tables(paths.attempts / f"{shard}.json", {"attempts": chunk, "review_logs": []})
        index += [to_doc(AttemptSummary.of(attempt_from_doc(doc), shard)) for doc in chunk]
    schedule = [
        {**doc, "first_review": doc.get("first_review")} for doc in _documents(data, "schedule")
    ]
    write_tables(
        paths.main,
        {
            "meta": [{"schema": CURRENT, "migrated_from": 1, "migrated_at": _now()}],
            "profiles": _documents(data, "profiles"),
            "settings": [],
            "schedule": schedule,
            "undo": [],
            "index": index,
            "attempts": [],
        },
    )


def _attempt_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    upgraded = {key: value for key, value in doc.items() if key != "answer_text"}
    upgraded["answer"] = doc.get("answer_text", doc.get("answer", ""))
    upgraded.setdefault("card_hash", "")
    upgraded.setdefault("mode", "solo")
    return upgraded


def _now() -> str:
    return datetime.now().astimezone().isoformat()
