"""Where an export from the app goes: the path a person typed, checked, and written without
ever replacing a file they were not asked about."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path


class ExportPathError(ValueError):
    """A path an export cannot be written to; the message is one line saying why."""


def export_name(form: str, now: datetime) -> str:
    """The file name an export is offered under: trainer-export-20260302-093000.md."""
    return f"trainer-export-{now:%Y%m%d-%H%M%S}.{form}"


def resolve_target(typed: str, default_name: str, home: Path) -> Path:
    """The file to write for what was typed: `~` is the home folder, a relative path is taken
    from `home` (not from wherever the app was started), a folder gets the default name."""
    text = typed.strip()
    if not text:
        raise ExportPathError("Type the path of the file to write.")
    path = Path(text).expanduser() if text.startswith("~") else Path(text)
    if not path.is_absolute():
        path = home / path
    if path.is_dir():
        path = path / default_name
    folder = path.parent
    if not folder.exists():
        raise ExportPathError(f"{folder}: no such folder (create it, or choose another path).")
    if not folder.is_dir():
        raise ExportPathError(f"{folder}: not a folder.")
    return path


def write_export(path: Path, text: str, replace: bool = False) -> None:
    """Write the whole export or nothing (a temporary file renamed into place). Without
    `replace`, an existing file is never replaced: FileExistsError says so."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            _link_new(Path(temporary), path, text)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _link_new(temporary: Path, path: Path, text: str) -> None:
    """The written temporary under its name, only if that name is free."""
    try:
        os.link(temporary, path)  # fails if the file appeared meanwhile: nothing replaced
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: create it exclusively instead
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    temporary.unlink()
