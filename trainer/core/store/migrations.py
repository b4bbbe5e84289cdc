"""Schema versions of the user database, and the path from each old one to the current.

1: one TinyDB file; tables meta, profiles, schedule and attempts (full records, the answer under
   `answer_text`). Every save rewrote the whole history.
2: the main file keeps meta, profiles, settings, schedule, undo and a small index of attempts;
   attempts and review logs live in shards beside it (`attempts/0000.json`, ...).
3: as 2, and the meta record names the folder of the shards (`attempts`, or the folder a
   restore built) and carries the database's identity. A restore writes the new shards into a
   new folder and switches to them by replacing the main file: one atomic step. An older
   trainer would look for the shards in `attempts/`, so it must refuse this file: hence a new
   version rather than a new field.
4: as 3, and the index of attempts leaves the main file: the summaries of shard `NNNN` are in
   `NNNN.index.json` beside it (see `shard_index`), so a save no longer rewrites a file that
   grows with the history. An older trainer would find no attempts in the main file's index,
   so it must refuse this file. The upgrade from 3 keeps the identity and the shard folder;
   the index is moved out when the store is next opened for writing.

The version must be exactly a known integer: a string "3", a float, `true` or a missing meta
table is refused, never guessed (guessing "1" once dropped 400 of 420 attempts).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from trainer.core.store.convert import BadRecord, attempt_from_doc, to_doc
from trainer.core.store.records import AttemptSummary

CURRENT = 4
KNOWN = (1, 2, 3, 4)
SHARD_SIZE = 200
DEFAULT_ATTEMPTS = "attempts"
_ATTEMPTS_FOLDER = re.compile(r"^attempts(-[0-9A-Za-z]{1,32}){0,3}$")
SHARD_NAME = re.compile(r"^\d{4,9}$")

Tables = dict[str, list[dict[str, Any]]]


class SchemaError(ValueError):
    """The file's schema version is not one we can read: it is refused, never guessed."""


def schema_of(data: dict[str, Any]) -> int:
    """The schema version written in a database (0 for an empty, brand-new one).

    A version above `CURRENT` is returned (the caller says "newer trainer"); anything that is
    not exactly a known integer raises `SchemaError` with the reason."""
    if not data:
        return 0
    meta = data.get("meta")
    if not isinstance(meta, dict) or not meta:
        raise SchemaError("it has no schema version (no meta table)")
    versions = [doc.get("schema") if isinstance(doc, dict) else None for doc in meta.values()]
    if any(v != versions[0] or type(v) is not type(versions[0]) for v in versions):
        raise SchemaError(f"its meta table holds conflicting schema versions {versions!r}")
    version = versions[0]
    if type(version) is not int:
        shown = "missing" if version is None else f"{version!r} ({type(version).__name__})"
        raise SchemaError(f"its schema version is {shown}, not a known integer version")
    if version > CURRENT:
        return version
    if version not in KNOWN:
        raise SchemaError(f"its schema version {version} is not a known version")
    return version


def meta_of(data: dict[str, Any]) -> dict[str, Any]:
    """The (first) meta record of a database, or an empty one."""
    meta = data.get("meta")
    if isinstance(meta, dict):
        for doc in meta.values():
            if isinstance(doc, dict):
                return doc
    return {}


def attempts_folder_of(data: dict[str, Any]) -> str:
    """The name of the folder (inside `NAME.d/`) that holds this database's shards."""
    name = meta_of(data).get("attempts", DEFAULT_ATTEMPTS)
    if not isinstance(name, str) or not _ATTEMPTS_FOLDER.match(name):
        raise SchemaError(f"its meta table names an impossible shard folder {name!r}")
    return name


def identity_of(data: dict[str, Any]) -> str:
    """The database's identity: a restore gives the database a new one."""
    value = meta_of(data).get("id", "")
    return value if isinstance(value, str) else ""


def new_meta(attempts: str = DEFAULT_ATTEMPTS, **extra: Any) -> dict[str, Any]:
    """The meta record of a current-version database."""
    return {"schema": CURRENT, "attempts": attempts, "id": uuid.uuid4().hex, **extra}


@dataclass
class Upgraded:
    """A database brought to the current schema in memory: the main tables and, when the
    upgrade moved attempts out of the main file, the shards it made (name -> tables)."""

    main: Tables
    shards: dict[str, Tables] = field(default_factory=dict)


def upgrade(data: dict[str, Any], attempts: str = DEFAULT_ATTEMPTS) -> Upgraded:
    """`data` (a main file's content, any known version) as current-version tables.

    Pure: nothing is written. Raises `SchemaError` for an unknown or newer version."""
    version = schema_of(data)
    if version > CURRENT:
        raise SchemaError(f"it was written by a newer trainer (schema {version})")
    if version == 0:
        return Upgraded({"meta": [new_meta(attempts)]})
    if version == 1:
        return _from_1(data, attempts)
    tables = {name: _documents(data, name) for name in data}
    if version == 2:
        tables["meta"] = [new_meta(attempts, migrated_from=2, migrated_at=_now())]
    if version == 3:
        meta = {**meta_of(data), "schema": CURRENT, "migrated_from": 3, "migrated_at": _now()}
        tables["meta"] = [meta]
    return Upgraded(tables)


def _documents(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return [dict(doc) for doc in data.get(table, {}).values()]


def _from_1(data: dict[str, Any], attempts_folder: str) -> Upgraded:
    old_attempts = sorted(_documents(data, "attempts"), key=lambda doc: str(doc.get("started", "")))
    attempts = [_attempt_1_to_2(doc) for doc in old_attempts]
    index = []
    shards: dict[str, Tables] = {}
    for number, start in enumerate(range(0, len(attempts), SHARD_SIZE)):
        shard = f"{number:04d}"
        chunk = attempts[start : start + SHARD_SIZE]
        shards[shard] = {"attempts": chunk, "review_logs": []}
        for doc in chunk:
            try:
                index.append(to_doc(AttemptSummary.of(attempt_from_doc(doc), shard)))
            except BadRecord:
                continue  # kept in its shard as it was; reading reports it
    schedule = [
        {**doc, "first_review": doc.get("first_review")} for doc in _documents(data, "schedule")
    ]
    main = {
        "meta": [new_meta(attempts_folder, migrated_from=1, migrated_at=_now())],
        "profiles": _documents(data, "profiles"),
        "settings": [],
        "schedule": schedule,
        "undo": [],
        "index": index,
        "attempts": [],
    }
    return Upgraded(main, shards)


def _attempt_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    upgraded = {key: value for key, value in doc.items() if key != "answer_text"}
    upgraded["answer"] = doc.get("answer_text", doc.get("answer", ""))
    upgraded.setdefault("card_hash", "")
    upgraded.setdefault("mode", "solo")
    return upgraded


def _now() -> str:
    return datetime.now().astimezone().isoformat()
