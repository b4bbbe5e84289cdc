"""What can go wrong with the user's database, each as one line the user can act on."""

from __future__ import annotations

from pathlib import Path

from trainer.core.store.files import BadFile, CorruptFile, DataError


class StoreError(DataError):
    """A problem with the user's database that the user must hear about in one line."""


class StoreBusy(StoreError):
    """Another running trainer holds the lock for longer than we wait."""


class StoreReadOnly(StoreError):
    """The database cannot be written here (a read-only folder, or opened for reading)."""


class DatabaseReplaced(StoreError):
    """The database was replaced (a restore) after this process opened it: nothing was
    written; `Store.accept_replacement` goes on with the new one."""


class CorruptDatabase(StoreError):
    """The main database did not parse; it was moved aside (by a writer), maybe a backup can
    replace it."""

    def __init__(self, corrupt: BadFile, backup: Path | None) -> None:
        offer = (
            f"; the newest good backup is {backup} (restore it with `trainer restore {backup}`)"
            if backup
            else "; no good backup was found"
        )
        super().__init__(f"{corrupt}{offer}")
        self.corrupt = corrupt
        self.backup = backup


class NeedsRestore(StoreError):
    """No main database, but backups exist: never start empty over someone's history."""

    def __init__(self, main: Path, backup: Path) -> None:
        super().__init__(
            f"no database at {main}, but a backup exists: restore it with "
            f"`trainer restore {backup}`, or move {backup.parent} away to start afresh"
        )
        self.backup = backup


class NewerSchema(StoreError):
    """The file was written by a newer trainer; it is left untouched."""


class UnknownSchema(StoreError):
    """The file's schema version is not exactly a version we know; it is left untouched."""


__all__ = [
    "BadFile",
    "CorruptDatabase",
    "CorruptFile",
    "DatabaseReplaced",
    "NeedsRestore",
    "NewerSchema",
    "StoreBusy",
    "StoreError",
    "StoreReadOnly",
    "UnknownSchema",
]
