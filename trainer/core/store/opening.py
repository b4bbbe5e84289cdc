"""Opening the database: for writing (create, migrate, finish an interrupted restore, sweep
our own leftovers) or for reading only (nothing created, moved or changed)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.core.store import migrations, shard_index, switch
from trainer.core.store.errors import (
    CorruptDatabase,
    NeedsRestore,
    NewerSchema,
    StoreReadOnly,
    UnknownSchema,
)
from trainer.core.store.files import (
    FILE_MODE,
    FOLDER_MODE,
    BadFile,
    CorruptFile,
    backup_paths,
    parse_json,
    private_folder,
    read_json,
    sweep_temporaries,
    tighten,
    tinydb_shape,
)
from trainer.core.store.paths import StorePaths

WriteTables = Callable[[Path, dict[str, list[dict[str, Any]]]], None]


def unwritable_reason(paths: StorePaths) -> str:
    """Why the store cannot be written here ("" when it can): checked before taking the lock,
    which would have to create a file."""
    folder = paths.main.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    for place in (folder, paths.folder, paths.main, paths.lock):
        if place.exists() and not os.access(place, os.W_OK):
            return f"{place} is {_why_unwritable(place)}"
    return ""


def _why_unwritable(place: Path) -> str:
    try:
        if os.statvfs(place).f_flag & os.ST_RDONLY:
            return "on a read-only file system"
    except OSError:
        pass
    return "not writable"


def version_of(paths: StorePaths, data: dict[str, Any]) -> int:
    """The schema version, or the one-line refusal (the file is never touched)."""
    try:
        version = migrations.schema_of(data)
        migrations.attempts_folder_of(data)
    except migrations.SchemaError as error:
        raise UnknownSchema(
            f"{paths.main} cannot be opened: {error}; it was left untouched"
        ) from None
    if version > migrations.CURRENT:
        raise NewerSchema(
            f"{paths.main} was written by a newer trainer (schema {version}); "
            "upgrade trainer to open it (the file was left untouched)"
        )
    return version


Stamp = tuple[int, int, int]
Snapshot = tuple[Stamp, dict[str, Any]]


def stamp_of(path: Path) -> Stamp | None:
    """What changes whenever the file is replaced or written (None: no such file)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def first_look(paths: StorePaths) -> Snapshot | None:
    """The main file as it is, read once before the lock (None: missing or not parsing, which
    `prepare` handles under the lock). An unknown or newer schema is refused here, so a
    refused file gets not even a lock file beside it."""
    stamp = stamp_of(paths.main)
    try:
        data = parse_json(paths.main, tinydb_shape)
    except BadFile:
        return None
    if stamp is None or data is None:
        return None
    version_of(paths, data)
    return stamp, data


def prepare(
    paths: StorePaths, write_tables: WriteTables, known: Snapshot | None
) -> Snapshot | None:
    """Everything a writer does on opening, under the lock the caller holds. Returns the main
    file as it now is (None when this wrote it, so it must be read again)."""
    private_folder(paths.main.parent)
    if known is not None and stamp_of(paths.main) == known[0]:
        data: dict[str, Any] | None = known[1]  # unchanged since the first look
    else:
        try:
            data = read_json(paths.main, tinydb_shape)
        except CorruptFile as corrupt:
            raise CorruptDatabase(corrupt, newest_good_backup(paths)) from None
    if data is None:
        backup = newest_good_backup(paths)
        if backup is not None:
            raise NeedsRestore(paths.main, backup)
        data = {}
    version = version_of(paths, data)
    switch.recover(paths, migrations.identity_of(data), migrations.attempts_folder_of(data))
    folder = paths.folder / migrations.attempts_folder_of(data)
    changed: dict[str, list[dict[str, Any]]] = {}
    if version < migrations.CURRENT:
        upgraded = migrations.upgrade(data)  # into the default shard folder
        # Shards first: if this is interrupted, the untouched old file is still the truth.
        for shard, tables in upgraded.shards.items():
            write_tables(paths.attempts / f"{shard}.json", tables)
        changed = upgraded.main if version in {0, 1} else {"meta": upgraded.main["meta"]}
    # The index out of the main file (schema 3, a restored backup), before the main file is
    # written: a crash in between leaves entries in both, which reading merges by id.
    index = changed.get("index") if "index" in changed else shard_index.docs_of(data)
    left = shard_index.move_out(folder, index or [], write_tables)
    if left is not None:
        changed["index"] = left
    if changed:
        write_tables(paths.main, changed)
        data = parse_json(paths.main, tinydb_shape) or {}
        known = None
    sweep_leftovers(paths, data)
    stamp = stamp_of(paths.main)
    return (stamp, data) if known is not None and stamp is not None else None


def sweep_leftovers(paths: StorePaths, data: dict[str, Any]) -> None:
    """Our own temporaries of writes a crash interrupted, and private modes on our files."""
    main_name = paths.main.name
    attempts = paths.folder / migrations.attempts_folder_of(data)
    sweep_temporaries(paths.main.parent, lambda name: name == main_name)
    sweep_temporaries(attempts, lambda name: bool(migrations.SHARD_NAME.match(name[:-5])))
    sweep_temporaries(paths.drafts, lambda name: name.startswith("draft-"))
    sweep_temporaries(paths.backups)
    tighten(paths.folder, FOLDER_MODE)
    tighten(paths.main, FILE_MODE)


def readable_view(paths: StorePaths) -> None:
    """Check, without changing anything, that the database can be read as it is."""
    try:
        data = parse_json(paths.main, tinydb_shape)
    except BadFile as bad:
        raise CorruptDatabase(bad, newest_good_backup(paths)) from None
    if data is None:
        backup = newest_good_backup(paths)
        if backup is not None:
            raise NeedsRestore(paths.main, backup)
        return
    if version_of(paths, data) == 1:
        raise StoreReadOnly(
            f"{paths.main} is in the format of an older trainer (schema 1): start trainer once "
            "where it can write to that folder, to upgrade it"
        )


def newest_good_backup(paths: StorePaths) -> Path | None:
    """The newest backup of the main database that parses, if any."""
    for candidate in backup_paths(paths.main, paths.backups):
        if candidate.exists() and _holds_database(candidate):
            return candidate
    return None


def _holds_database(path: Path) -> bool:
    """Whether a file holds a TinyDB database, without moving it aside when it does not."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return not tinydb_shape(data)
