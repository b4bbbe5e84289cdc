"""Which shards were already read whole and found good (or what was wrong in them), so the
check the app runs after start-up reads only the shards that changed since.

Reading every attempt of a 50,000-attempt history (330 MB of JSON) took seconds of CPU and
half a gigabyte of memory at every start. A shard is checked again when it or its index
changes (size, modification time or inode) or when this file is missing, damaged or from
another version: it is a cache in the user's cache folder, never trusted for more than that,
and never written inside the data folder (which readers do not change).
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path

import msgspec

from trainer.core.store.files import DataError, atomic_write_text

VERSION = 1


class ShardCheck(msgspec.Struct, frozen=True):
    """One shard as it was checked: the stamps of it and its index, and what was wrong."""

    stamps: tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]
    problems: tuple[tuple[str, str, str, str], ...] = ()  # (path, what, key, reason)


class _File(msgspec.Struct):
    version: int
    database: str
    shards: dict[str, ShardCheck] = {}


@dataclass
class CheckedShards:
    """The cache of shard checks for one database."""

    path: Path
    database: str
    shards: dict[str, ShardCheck]

    @classmethod
    def for_database(cls, main: Path, folder: Path | None = None) -> CheckedShards:
        """The cache for the database whose main file is `main` (read now; empty when there
        is none, or it cannot be trusted)."""
        if folder is None:
            import platformdirs

            folder = platformdirs.user_cache_path("trainer") / "checked"
        database = str(main)
        name = hashlib.sha256(database.encode()).hexdigest()[:16]
        path = folder / f"shards-{name}.json"
        shards: dict[str, ShardCheck] = {}
        with contextlib.suppress(OSError, msgspec.DecodeError, ValueError):
            found = msgspec.json.decode(path.read_bytes(), type=_File)
            if found.version == VERSION and found.database == database:
                shards = dict(found.shards)
        return cls(path, database, shards)

    def save(self) -> None:
        """Written atomically; a cache that cannot be written only means checking again."""
        data = _File(VERSION, self.database, self.shards)
        with contextlib.suppress(DataError, OSError):
            atomic_write_text(self.path, msgspec.json.encode(data).decode())
