"""`trainer restore`: replace the database with a checked backup, all or nothing.

The archive is read and checked whole first (`archive.read_archive`); then, under the store's
lock for the whole restore, the new shards are written into a new folder and the main file is
replaced in one step (`switch`). What the restore replaced is kept in a unique
`backups/before-restore-<time>-<token>/` folder, which `trainer restore` takes back.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer.core.store import jsontext, migrations, switch
from trainer.core.store.archive import Archive, ArchiveError, Tables
from trainer.core.store.database import Store
from trainer.core.store.files import (
    BadFile,
    DataError,
    atomic_write_text,
    describe,
    parse_json,
    private_folder,
    tinydb_shape,
)
from trainer.core.store.opening import unwritable_reason
from trainer.core.store.paths import StorePaths, real_path

RESTORE_LOCK_TIMEOUT = 30.0  # a restore waits for a running save rather than failing at once


@dataclass(frozen=True)
class Restored:
    """What a restore did: the database it wrote, and where the one it replaced went."""

    main: Path
    kept: Path | None
    attempts: int


def restore(main: Path, archive: Archive) -> Restored:
    """Replace the database at `main` with `archive`; the old one or the new one, whole,
    whatever happens (a crash included)."""
    paths = StorePaths(real_path(main))
    reason = unwritable_reason(paths)
    if reason:
        raise ArchiveError(f"cannot restore into {paths.main}: {reason}")
    try:
        private_folder(paths.main.parent)
        store = Store(paths, RESTORE_LOCK_TIMEOUT)
        with store.exclusive():
            return _restore_locked(paths, archive)
    except DataError:
        raise
    except OSError as error:
        where = error.filename or paths.main
        raise ArchiveError(f"could not restore into {where}: {describe(error)}") from None


def _restore_locked(paths: StorePaths, archive: Archive) -> Restored:
    current = _current(paths)
    old_attempts, old_identity = _pointer(current), migrations.identity_of(current)
    switch.recover(paths, old_identity, old_attempts)
    plan = switch.begin(paths, old_attempts, old_identity, archive.shards is not None)
    try:
        folder = switch.new_shard_folder(paths, plan)
        for name, tables in (archive.shards or {}).items():
            atomic_write_text(folder / f"{name}.json", _text(tables))
        meta = migrations.new_meta(
            plan.new_attempts,
            restored_from=str(archive.source),
            restored_at=datetime.now().astimezone().isoformat(),
        )
        main_text = _text({**archive.main, "meta": [meta]})
    except BaseException:
        switch.undo(paths, plan, old_attempts)
        raise
    atomic_write_text(paths.main, main_text, paths.backups)  # the switch, in one rename
    switch.finish(paths, plan)
    kept = paths.backups / plan.kept
    if not any(kept.iterdir()):  # there was nothing to replace
        shutil.rmtree(kept, ignore_errors=True)
        return Restored(paths.main, None, archive.attempts)
    return Restored(paths.main, kept, archive.attempts)


def _current(paths: StorePaths) -> dict[str, Any]:
    """The database being replaced, as far as it can be read (it may be damaged: that is
    often why one restores)."""
    try:
        return parse_json(paths.main, tinydb_shape) or {}
    except (BadFile, DataError):
        return {}


def _pointer(current: dict[str, Any]) -> str:
    try:
        return migrations.attempts_folder_of(current)
    except migrations.SchemaError:
        return migrations.DEFAULT_ATTEMPTS


def _text(tables: Tables) -> str:
    """Tables as a TinyDB file (documents numbered from 1)."""
    tiny = {
        name: {str(number): doc for number, doc in enumerate(docs, start=1)}
        for name, docs in tables.items()
    }
    return jsontext.dumps(tiny, compact=True)
