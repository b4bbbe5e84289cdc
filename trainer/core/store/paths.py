"""Where the user's data lives: one place decides, and everything is injectable for tests."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "trainer"
DB_FILE = "trainer.json"


@dataclass(frozen=True)
class StorePaths:
    """The files of one store: the main database and, in a folder beside it, the rest."""

    main: Path

    @property
    def folder(self) -> Path:
        return self.main.with_name(f"{self.main.stem}.d")

    @property
    def attempts(self) -> Path:
        """The default folder of the shards (a restored database names its own in meta)."""
        return self.folder / "attempts"

    @property
    def drafts(self) -> Path:
        return self.folder / "drafts"

    @property
    def backups(self) -> Path:
        return self.folder / "backups"

    @property
    def windows(self) -> Path:
        """One marker per running app (see `windows.py`)."""
        return self.folder / "windows"

    @property
    def lock(self) -> Path:
        return self.main.with_name(f"{self.main.name}.lock")


def real_path(main: Path) -> Path:
    """`main` with every symbolic link resolved, once, when the store is opened: the lock, the
    shards and the backups then sit beside the real file, and a save replaces the real file,
    never the link (a link to a file not yet there means that file)."""
    return Path(os.path.realpath(main.expanduser()))


def default_db_path() -> Path:
    """The database in the user's data directory (e.g. ~/.local/share/trainer/trainer.json)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILE


def resolve_db_path(option: str | None, environment: str | None) -> Path:
    """`--db PATH`, else `TRAINER_DB`, else the default. A directory, or a path without a file
    extension, means the database file inside it."""
    chosen = option or environment
    if not chosen:
        return default_db_path()
    path = Path(chosen).expanduser()
    return path / DB_FILE if path.is_dir() or not path.suffix else path
