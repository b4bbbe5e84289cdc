"""Durable JSON files: atomic replace with fsync, rotating backups, private modes, bad files
reported (and set aside only by a writer).

TinyDB's own JSONStorage rewrites its file in place, so a crash halfway through a write leaves
a truncated file and no history. Here every write goes to a temporary file in the same
directory, is flushed and fsynced, then atomically replaces the old file, and the directory is
fsynced so the rename itself survives a power cut. Before the replace, the previous good file
is kept as a backup (a hard link, so it costs no copy).

Temporary files carry a name no other program uses (`.NAME.PID-TOKEN.trainer-tmp`), so
sweeping the leftovers of a crash removes only ours, and only those of processes that are gone.
Files are created 0600 and folders 0700: answers and notes are nobody else's business.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from trainer.core.store import jsontext

BACKUPS_KEPT = 3
FILE_MODE = 0o600
FOLDER_MODE = 0o700
TEMPORARY_SUFFIX = ".trainer-tmp"
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}\.trainer-tmp$")
# Before 0.2 temporaries were `.NAME.PID.tmp`; only those of our own file names are ours.
_OLD_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.tmp$")


class DataError(Exception):
    """A problem with the user's data files that the user must hear about in one line."""


class BadFile(DataError):
    """A data file that does not parse (left where it is)."""

    def __init__(self, path: Path, reason: str, message: str = "") -> None:
        super().__init__(message or f"{path} did not parse ({reason})")
        self.path = path
        self.reason = reason


class CorruptFile(BadFile):
    """A data file that does not parse; it has been moved aside, never overwritten."""

    def __init__(self, path: Path, moved_to: Path, reason: str) -> None:
        super().__init__(
            path, reason, f"{path} did not parse ({reason}); it was moved to {moved_to}"
        )
        self.moved_to = moved_to


class WriteFailed(DataError):
    """A write that the system refused (disk full, read-only, file too large...): the old
    file is untouched and no temporary file is left behind."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(f"could not write {path}: {describe(error)}")
        self.path = path
        self.errno = error.errno


def describe(error: OSError) -> str:
    """An OS error in words, without its number ("no space left on device")."""
    if error.errno is not None:
        text = os.strerror(error.errno)
        return text[:1].lower() + text[1:]
    return str(error) or type(error).__name__


def is_read_only_error(error: OSError) -> bool:
    """Whether an error means "this place cannot be written" rather than a passing fault."""
    return error.errno in {errno.EROFS, errno.EACCES, errno.EPERM}


# -- folders, modes, temporaries -------------------------------------------------------------


def private_folder(folder: Path) -> None:
    """Create `folder`, and any missing folder above it, 0700."""
    if folder.is_dir():
        return
    if not folder.parent.is_dir():
        private_folder(folder.parent)
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=FOLDER_MODE)


def tighten(path: Path, mode: int) -> None:
    """Drop group and other permissions from a file or folder we own (best effort)."""
    with contextlib.suppress(OSError):
        status = path.stat()
        if status.st_uid == os.getuid() and status.st_mode & 0o077:
            os.chmod(path, mode)


def temporary_path(path: Path) -> Path:
    """A fresh temporary name beside `path` that only this trainer process uses."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def sweep_temporaries(folder: Path, ours: Callable[[str], bool] = lambda name: False) -> int:
    """Remove temporaries left in `folder` by trainer processes that are gone; returns how many.

    Only our own names: `.NAME.PID-TOKEN.trainer-tmp`, and the `.NAME.PID.tmp` of earlier
    releases when `ours(NAME)` (one of our files). Anything else is not ours."""
    if not folder.is_dir():
        return 0
    removed = 0
    for entry in folder.iterdir():
        match = _TEMPORARY.match(entry.name)
        if match is None:
            legacy = _OLD_TEMPORARY.match(entry.name)
            match = legacy if legacy and ours(legacy.group("name")) else None
        if match is None or _process_alive(int(match.group("pid"))):
            continue
        with contextlib.suppress(FileNotFoundError):
            entry.unlink()
            removed += 1
    return removed


# -- writing ---------------------------------------------------------------------------------


def atomic_write_text(
    path: Path, text: str, backups: Path | None = None, create_folder: bool = True
) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file.

    A refused write (`WriteFailed`) leaves the old file as it was and removes the temporary.
    The folder is created (0700) unless `create_folder` is false (a file the user named)."""
    temporary = temporary_path(path)
    try:
        if create_folder:
            private_folder(path.parent)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with open(descriptor, "w", encoding="utf-8", closefd=True) as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            if backups is not None and path.exists():
                _rotate_backups(path, backups)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        fsync_directory(path.parent)
    except OSError as error:
        raise WriteFailed(path, error) from None


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
    private_folder(backups)
    kept = backup_paths(path, backups)
    for older, newer in zip(reversed(kept[1:]), reversed(kept[:-1]), strict=True):
        if newer.exists():
            os.replace(newer, older)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(kept[0])
    try:
        os.link(path, kept[0])  # the current file's inode lives on as the newest backup
    except OSError:
        descriptor = os.open(kept[0], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with open(descriptor, "wb") as handle:
            handle.write(path.read_bytes())


# -- reading ---------------------------------------------------------------------------------


def parse_json(path: Path, validate: Callable[[Any], str] | None = None) -> Any | None:
    """The parsed file (None when it does not exist); `BadFile` when it does not parse.

    `validate` returns "" for good data or a reason why it is not what this file should hold.
    Nothing is moved or written: readers never change the user's files."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise BadFile(path, "not UTF-8 text") from None
    except IsADirectoryError:
        raise BadFile(path, "a folder, not a file") from None
    except OSError as error:
        raise DataError(f"could not read {path}: {describe(error)}") from None
    if not text.strip():
        raise BadFile(path, "the file is empty")
    try:
        data = jsontext.loads(text)
    except json.JSONDecodeError as error:
        raise BadFile(path, f"not JSON: {error.msg} at line {error.lineno}") from None
    except ValueError as error:
        raise BadFile(path, f"not JSON: {error}") from None
    except RecursionError:
        raise BadFile(path, "not JSON: nested too deeply") from None
    problem = validate(data) if validate else ""
    if problem:
        raise BadFile(path, problem)
    return data


def read_json(path: Path, validate: Callable[[Any], str] | None = None) -> Any | None:
    """Like `parse_json`, for a writer: a file that does not parse is set aside."""
    try:
        return parse_json(path, validate)
    except BadFile as bad:
        raise set_aside(path, bad.reason) from None


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
        data: dict[str, dict[str, Any]] | None = read_json(self.path, tinydb_shape)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write_text(self.path, jsontext.dumps(data, compact=True), self.backups)

    def close(self) -> None:
        """Nothing stays open between calls."""
