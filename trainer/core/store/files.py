"""Durable JSON files: atomic replace with fsync, rotating backups, corrupt files set aside.

TinyDB's own JSONStorage rewrites its file in place, so a crash halfway through a write leaves
a truncated file and no history. Here every write goes to a temporary file in the same
directory, is flushed and fsynced, then atomically replaces the old file, and the directory is
fsynced so the rename itself survives a power cut. Before the replace, the previous good file
is kept as a backup (a hard link, so it costs no copy).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

BACKUPS_KEPT = 3


class DataError(Exception):
    """A problem with the user's data files that the user must hear about in one line."""


class CorruptFile(DataError):
    """A data file that does not parse; it has been moved aside, never overwritten."""

    def __init__(self, path: Path, moved_to: Path, reason: str) -> None:
        super().__init__(f"{path} did not parse ({reason}); it was moved to {moved_to}")
        self.path = path
        self.moved_to = moved_to
        self.reason = reason


def atomic_write_text(path: Path, text: str, backups: Path | None = None) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    if backups is not None and path.exists():
        _rotate_backups(path, backups)
    os.replace(temporary, path)
    fsync_directory(path.parent)


def fsync_directory(directory: Path) -> None:
    """Make a rename in `directory` durable (a no-op where directories cannot be opened)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def backup_paths(path: Path, backups: Path) -> list[Path]:
    """The backups of `path`, newest first (`name.1` is the newest)."""
    return [backups / f"{path.name}.{number}" for number in range(1, BACKUPS_KEPT + 1)]


def _rotate_backups(path: Path, backups: Path) -> None:
    backups.mkdir(parents=True, exist_ok=True)
    kept = backup_paths(path, backups)
    for older, newer in zip(reversed(kept[1:]), reversed(kept[:-1]), strict=True):
        if newer.exists():
            os.replace(newer, older)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(kept[0])
    try:
        os.link(path, kept[0])  # the current file's inode lives on as the newest backup
    except OSError:
        kept[0].write_bytes(path.read_bytes())


def read_json(path: Path, validate: Callable[[Any], str] | None = None) -> Any | None:
    """The parsed file (None when it does not exist); a file that does not parse is set aside.

    `validate` returns "" for good data or a reason why it is not what this file should hold.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise set_aside(path, "not UTF-8 text") from None
    if not text.strip():
        raise set_aside(path, "the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise set_aside(path, f"not JSON: {error.msg} at line {error.lineno}") from None
    problem = validate(data) if validate else ""
    if problem:
        raise set_aside(path, problem)
    return data


def set_aside(path: Path, reason: str) -> CorruptFile:
    """Move a bad file out of the way, with a timestamp, and describe what happened."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    moved_to = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while moved_to.exists():
        moved_to = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    os.replace(path, moved_to)
    fsync_directory(path.parent)
    return CorruptFile(path, moved_to, reason)


def tinydb_shape(data: Any) -> str:
    """Why `data` is not a TinyDB document ("" when it is one)."""
    if not isinstance(data, dict):
        return "not a TinyDB database (the top level is not an object)"
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            return f"not a TinyDB database (table {name!r} is not a set of documents)"
    return ""


class DurableJSONStorage(Storage):
    """A TinyDB storage that writes atomically and durably and never overwrites a bad file."""

    def __init__(self, path: str | Path, backups: Path | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        self.backups = backups

    def read(self) -> dict[str, dict[str, Any]] | None:
        return read_json(self.path, tinydb_shape)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic_write_text(self.path, text, self.backups)

    def close(self) -> None:
        """Nothing stays open between calls."""
