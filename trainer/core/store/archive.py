"""Backups as one portable file, and reading one back (or a rotated backup file, or a "before
restore" folder) with every name and record checked before anything is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.core.store import jsontext, migrations, reading, shard_index
from trainer.core.store.convert import BadRecord
from trainer.core.store.database import Store
from trainer.core.store.files import BadFile, DataError, atomic_write_text, parse_json, tinydb_shape
from trainer.core.store.paths import real_path
from trainer.core.store.reading import documents, key_of

FORMAT = "trainer-backup"
Tables = dict[str, list[dict[str, Any]]]


class ArchiveError(DataError):
    """A backup that cannot be restored, or written; nothing was changed."""


@dataclass(frozen=True)
class Archive:
    """A checked backup, at the current schema: the main tables and the shards (None for a
    single main file, whose attempts are the ones already on disk)."""

    source: Path
    main: Tables
    shards: dict[str, Tables] | None

    @property
    def attempts(self) -> int:
        return len(self.main.get("index", []))


# -- writing a backup ------------------------------------------------------------------------


def make_archive(store: Store) -> dict[str, Any]:
    """The whole store (main database and every readable shard) as one JSON-ready dict, as it
    is on disk (damaged records included: they are the user's; `store.damage` names them)."""
    main = parse_json(store.paths.main, tinydb_shape)
    if main is None:
        raise ArchiveError(f"there is no database at {store.paths.main} to back up")
    main = {**main, "index": _whole_index(store, main)}
    shards = {}
    for name in store._shard_names():
        tables = store._shard(name)
        if tables is not None:
            shards[name] = tables
    store.verify()
    return {"format": FORMAT, "schema": migrations.schema_of(main), "main": main, "shards": shards}


def _whole_index(store: Store, main: dict[str, Any]) -> dict[str, Any]:
    """The index as one table, as a backup holds it: every shard's index file, then what the
    main file still holds itself (restoring moves it back into files)."""
    docs: list[Any] = []
    folder = store.attempts_folder
    for shard in shard_index.index_names(folder):
        try:
            tables = parse_json(shard_index.index_path(folder, shard), tinydb_shape) or {}
        except BadFile:
            continue  # reported by verify; the shards still hold the attempts
        docs += [doc for _, doc in documents(tables.get("index"))]
    ids = {doc.get("id") for doc in docs}
    docs += [doc for _, doc in documents(main.get("index")) if doc.get("id") not in ids]
    return {str(number): doc for number, doc in enumerate(docs, start=1)}


def write_archive(store: Store, target: Path, force: bool = False) -> int:
    """Write a backup file atomically; returns its size in bytes. An existing file is replaced
    only with `force`."""
    target = real_path(target)
    refuse_overwrite(target, force)
    text = jsontext.dumps(make_archive(store))
    atomic_write_text(target, text, create_folder=False)
    return len(text.encode())


def refuse_overwrite(target: Path, force: bool) -> None:
    """An existing file is someone's: replace it only when asked to."""
    if target.is_dir():
        raise ArchiveError(f"{target} is a folder: give a file name")
    if target.exists() and not force:
        raise ArchiveError(f"{target} already exists: give --force to replace it")


# -- reading one back ------------------------------------------------------------------------


def read_archive(source: Path) -> Archive:
    """A backup to restore: our archive format, a single main-database file (a rotated
    backup) or a "before restore" folder. Anything that does not parse, or holds a name or a
    record that could not be used, is refused with one line saying where."""
    main, shards = _load(source)
    refuse = _refusal(source)
    try:
        version = migrations.schema_of(main)
    except migrations.SchemaError as error:
        raise refuse(f"its main database cannot be used: {error}") from None
    if version > migrations.CURRENT:
        raise refuse(f"it was written by a newer trainer (schema {version})")
    upgraded = migrations.upgrade(main)
    if version == 1:
        if shards:
            raise refuse("a schema 1 database has no shards, but this backup holds some")
        shards = upgraded.shards
    _check_main(upgraded.main, refuse)
    if shards is not None:
        _check_shards(upgraded.main, shards, refuse)
    return Archive(source, upgraded.main, shards)


def _refusal(source: Path) -> Callable[[str], ArchiveError]:
    return lambda reason: ArchiveError(f"{source} cannot be restored: {reason}")


def _load(source: Path) -> tuple[dict[str, Any], dict[str, Tables] | None]:
    if source.is_dir():
        return _load_folder(source)
    try:
        data = parse_json(source)
    except BadFile as bad:
        raise ArchiveError(f"{source} is not a trainer backup: {bad.reason}") from None
    if data is None:
        raise ArchiveError(f"{source} does not exist")
    if isinstance(data, dict) and data.get("format") == FORMAT:
        main: Any = data.get("main")
        shards = data.get("shards", {})
        if not isinstance(shards, dict):
            raise ArchiveError(f"{source} is not a trainer backup: its shards are not named")
        for name, part in shards.items():
            if not isinstance(name, str) or not migrations.SHARD_NAME.match(name):
                raise ArchiveError(
                    f"{source} cannot be restored: {name!r} is not a shard name (digits, like 0000)"
                )
            _shape(source, f"shard {name}", part)
        _shape(source, "main", main)
        return main, {name: _as_lists(part) for name, part in shards.items()}
    _shape(source, "the file", data)
    if not data:
        raise ArchiveError(f"{source} is not a trainer backup: it is empty")
    return data, None


def _load_folder(folder: Path) -> tuple[dict[str, Any], dict[str, Tables] | None]:
    """A "before restore" folder: the main file and, if they were moved there, its shards."""
    candidates = sorted(p for p in folder.glob("*.json") if p.is_file())
    if len(candidates) != 1:
        raise ArchiveError(f"{folder} is not a trainer backup folder (one main .json file)")
    try:
        main = parse_json(candidates[0], tinydb_shape) or {}
        shards = None
        if (folder / "attempts").is_dir():
            shards = {}
            index: list[Any] = []
            for path in sorted((folder / "attempts").glob("*.json")):
                if migrations.SHARD_NAME.match(path.stem):
                    shards[path.stem] = _as_lists(parse_json(path, tinydb_shape) or {})
                elif path.name.endswith(shard_index.INDEX_SUFFIX):  # schema 4
                    tables = parse_json(path, tinydb_shape) or {}
                    index += [doc for _, doc in documents(tables.get("index"))]
            if index:  # as one table, the way a backup file holds it
                ids = {doc.get("id") for doc in index}
                index += [d for _, d in documents(main.get("index")) if d.get("id") not in ids]
                main = {**main, "index": {str(n): d for n, d in enumerate(index, start=1)}}
    except BadFile as bad:
        raise ArchiveError(f"{folder} cannot be restored: {bad}") from None
    return main, shards


def _shape(source: Path, name: str, part: object) -> None:
    problem = tinydb_shape(part)
    if problem:
        raise ArchiveError(f"{source} is not a trainer backup: {name} is {problem}")


def _as_lists(part: dict[str, Any]) -> Tables:
    return {table: [dict(doc) for _, doc in documents(docs)] for table, docs in part.items()}


def _check_main(main: Tables, refuse: Callable[[str], ArchiveError]) -> None:
    checks: dict[str, tuple[str, Callable[[dict[str, Any]], object]]] = {
        "profiles": ("name", reading.profile),
        "index": ("id", reading.summary),
        "schedule": ("card_id", reading.schedule_entry),
        "settings": ("profile", reading.settings),
        "undo": ("profile", _undo_record),
    }
    for table, (field, check) in checks.items():
        for number, doc in enumerate(main.get(table, []), start=1):
            try:
                check(doc)
            except BadRecord as error:
                key = key_of(doc, str(number), field)
                raise refuse(f"main, {table} record {key}: {error}") from None


def _undo_record(doc: dict[str, Any]) -> None:
    shard = doc.get("shard")
    if not isinstance(doc.get("attempt_id"), str) or not isinstance(shard, str):
        raise BadRecord("not a valid undo record: no attempt id or shard")
    if not migrations.SHARD_NAME.match(shard):
        raise BadRecord(f"not a valid undo record: impossible shard name {shard[:40]!r}")


def _check_shards(
    main: Tables, shards: dict[str, Tables], refuse: Callable[[str], ArchiveError]
) -> None:
    held: dict[str, set[str]] = {}
    for name, tables in shards.items():
        ids = held.setdefault(name, set())
        for number, doc in enumerate(tables.get("attempts", []), start=1):
            try:
                ids.add(reading.attempt(doc).id)
            except BadRecord as error:
                raise refuse(f"shard {name}, attempt {key_of(doc, str(number))}: {error}") from None
        for number, doc in enumerate(tables.get("review_logs", []), start=1):
            try:
                reading.review_log(doc)
            except BadRecord as error:
                key = key_of(doc, str(number), "attempt_id")
                raise refuse(f"shard {name}, review log {key}: {error}") from None
    for doc in main.get("index", []):
        if doc["id"] not in held.get(doc["shard"], set()):
            where = f"attempt {doc['id']} in shard {doc['shard']}"
            raise refuse(f"the index lists {where}, which does not hold it")
