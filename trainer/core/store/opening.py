"""Opening the database: for writing (create, migrate, finish an interrupted restore, sweep
our own leftovers) or for reading only (nothing created, moved or changed)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.core.store import migrations, switch
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


def refuse_unknown_schema(paths: StorePaths) -> None:
    """Refuse a main file of an unknown or newer schema without writing anything at all (a
    file that does not parse is left to `prepare`, which sets it aside under the lock)."""
    try:
        data = parse_json(paths.main, tinydb_shape)
    except BadFile:
        return
    if data is not None:
        version_of(paths, data)


def prepare(paths: StorePaths, write_tables: WriteTables) -> None:
    """Everything a writer does on opening, under the lock the caller holds."""
    private_folder(paths.main.parent)
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
    if version < migrations.CURRENT:
        upgraded = migrations.upgrade(data)  # into the default shard folder
        # Shards first: if this is interrupted, the untouched old file is still the truth.
        for shard, tables in upgraded.shards.items():
            write_tables(paths.attempts / f"{shard}.json", tables)
        changed = upgraded.main if version in {0, 1} else {"meta": upgraded.main["meta"]}
        write_tables(paths.main, changed)
    sweep_leftovers(paths)


def sweep_leftovers(paths: StorePaths) -> None:
    """Our own temporaries of writes a crash interrupted, and private modes on our files."""
    main_name = paths.main.name
    data = parse_json(paths.main, tinydb_shape) or {}
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
