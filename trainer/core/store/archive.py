"""Backups as one portable file, and restoring from one (or from a rotated backup file)."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer.core.store import migrations
from trainer.core.store.files import atomic_write_text, tinydb_shape
from trainer.core.store.paths import StorePaths

FORMAT = "trainer-backup"


class ArchiveError(Exception):
    """A backup that cannot be restored; nothing was changed."""


def make_archive(paths: StorePaths) -> dict[str, Any]:
    """The whole store (main database and every shard) as one JSON-ready dict."""
    shards = {}
    if paths.attempts.is_dir():
        for path in sorted(paths.attempts.glob("*.json")):
            shards[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    main = json.loads(paths.main.read_text(encoding="utf-8")) if paths.main.exists() else {}
    return {"format": FORMAT, "schema": migrations.schema_of(main), "main": main, "shards": shards}


def write_archive(paths: StorePaths, target: Path) -> int:
    """Write a backup file; returns its size in bytes."""
    text = json.dumps(make_archive(paths), ensure_ascii=False)
    atomic_write_text(target, text)
    return len(text.encode())


def read_archive(source: Path) -> dict[str, Any]:
    """A backup to restore: our archive format, or a single main-database file (a rotated
    backup). Anything that does not parse is refused with the reason."""
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArchiveError(f"{source} does not exist") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError(
            f"{source} is not a trainer backup: it does not parse ({error})"
        ) from None
    if isinstance(data, dict) and data.get("format") == FORMAT:
        for name, part in [("main", data.get("main")), *data.get("shards", {}).items()]:
            problem = tinydb_shape(part)
            if problem:
                raise ArchiveError(f"{source} is not a trainer backup: {name} is {problem}")
        archive = data
    else:
        problem = tinydb_shape(data)
        if problem or not data:
            raise ArchiveError(f"{source} is not a trainer backup: {problem or 'it is empty'}")
        archive = {"format": FORMAT, "main": data, "shards": {}}
    if migrations.schema_of(archive["main"]) > migrations.CURRENT:
        raise ArchiveError(f"{source} was written by a newer trainer")
    return archive


def restore_archive(paths: StorePaths, archive: dict[str, Any]) -> Path | None:
    """Replace the store with the archive. What it replaces is moved, never deleted, into
    `backups/before-restore-<time>/`, whose path is returned (None when nothing was there).

    A single main-file backup carries no shards: the attempts beside it stay where they are.
    """
    replaced = [paths.main] + ([paths.attempts] if archive.get("shards") else [])
    kept = None
    if any(path.exists() for path in replaced):
        kept = paths.backups / f"before-restore-{datetime.now():%Y%m%dT%H%M%S}"
        kept.mkdir(parents=True, exist_ok=True)
        for path in replaced:
            if path.exists():
                os.replace(path, kept / path.name)
    for name, shard in archive.get("shards", {}).items():
        atomic_write_text(paths.attempts / f"{name}.json", json.dumps(shard, ensure_ascii=False))
    atomic_write_text(paths.main, json.dumps(archive["main"], ensure_ascii=False))
    return kept
