"""The files of one store: the lock, the main file (parsed once per version), the shard folder
it names and the shards in it, and short-lived TinyDB handles for writing. `Store` builds on it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware

from trainer.core.schedule.scheduler import CardSchedule
from trainer.core.store import migrations
from trainer.core.store.errors import (
    DatabaseReplaced,
    StoreBusy,
    StoreError,
    StoreReadOnly,
)
from trainer.core.store.files import (
    FILE_MODE,
    BadFile,
    DataError,
    DurableJSONStorage,
    parse_json,
    tinydb_shape,
)
from trainer.core.store.paths import StorePaths
from trainer.core.store.reading import Damage, documents
from trainer.core.store.records import AttemptSummary

LOCK_TIMEOUT = 3.0


class StoreFiles:
    """Where a store's data is, and how it is read and written (no records here)."""

    def __init__(
        self, paths: StorePaths, lock_timeout: float = LOCK_TIMEOUT, read_only: str = ""
    ) -> None:
        self.paths = paths
        self.read_only = read_only  # why this store cannot be written ("" when it can)
        self.damage = Damage()  # what could not be read, for the user to hear about
        self.identity = ""  # the database's identity when opened (a restore changes it)
        self._lock = FileLock(str(paths.lock), mode=FILE_MODE)
        self._lock_timeout = lock_timeout
        self._cache: tuple[tuple[int, int, int], dict[str, Any]] | None = None
        self._summaries_cache: tuple[object, list[AttemptSummary]] | None = None
        # Each shard's validated summaries, by shard: (folder and file stamp, summaries).
        self._index_cache: dict[str, tuple[object, list[AttemptSummary]]] = {}
        self._schedule_cache: (
            tuple[tuple[int, int, int], dict[str, list[tuple[CardSchedule, dict[str, Any]]]]] | None
        ) = None

    # -- locking and files --------------------------------------------------------------------

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the write lock (re-entrant): no other trainer writes meanwhile."""
        if self.read_only:
            raise StoreReadOnly(f"cannot write to {self.paths.main}: {self.read_only}")
        try:
            self._lock.acquire(timeout=self._lock_timeout)
        except Timeout:
            raise StoreBusy(
                f"another trainer is saving to {self.paths.main}; try again in a moment"
            ) from None
        except OSError as error:
            raise StoreReadOnly(f"cannot lock {self.paths.lock}: {error.strerror}") from None
        try:
            yield
        finally:
            self._lock.release()

    _locked = exclusive  # the name the crash tests use

    @contextmanager
    def _main(self, same_database: bool = False) -> Iterator[TinyDB]:
        """The main file for writing; with `same_database`, refused when a restore replaced
        it since this store opened it (an attempt must not land in a history unawares)."""
        with self._database(self.paths.main) as db:
            current = migrations.identity_of(meta_tables(db))
            if same_database and self.identity and current != self.identity:
                raise DatabaseReplaced(
                    f"{self.paths.main} was replaced (restored) since it was opened; "
                    "nothing was written: save again to write into the restored database"
                )
            yield db

    @contextmanager
    def _database(self, path: Path) -> Iterator[TinyDB]:
        """A short-lived TinyDB that reads the file fresh and writes it once, on leaving."""
        storage = CachingMiddleware(DurableJSONStorage)  # type: ignore[no-untyped-call]
        db = TinyDB(path, backups=self.paths.backups, storage=storage)
        try:
            yield db
        finally:
            db.close()

    def _write_tables(self, path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
        with self._database(path) as db:
            for name, docs in tables.items():
                db.drop_table(name)
                if docs:
                    db.table(name).insert_multiple(docs)

    def _main_data(self) -> dict[str, Any]:
        """The main file as parsed, re-read only when it changed (size, time or inode)."""
        try:
            status = self.paths.main.stat()
        except FileNotFoundError:
            return {}
        stamp = (status.st_mtime_ns, status.st_size, status.st_ino)
        if self._cache is None or self._cache[0] != stamp:
            try:
                data = parse_json(self.paths.main, tinydb_shape) or {}
            except BadFile as bad:
                raise StoreError(f"{bad}; start trainer to set it aside and restore") from None
            self._cache = (stamp, data)
        return self._cache[1]

    def _table(self, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
        return documents(self._main_data().get(name))

    @property
    def attempts_folder(self) -> Path:
        """Where this database's shards are (the main file names the folder)."""
        try:
            return self.paths.folder / migrations.attempts_folder_of(self._main_data())
        except migrations.SchemaError as error:
            raise StoreError(f"{self.paths.main} cannot be read: {error}") from None

    def _shard_path(self, shard: str) -> Path:
        return self.attempts_folder / f"{shard}.json"

    def _shard_names(self, folder: Path | None = None) -> list[str]:
        folder = folder or self.attempts_folder
        if not folder.is_dir():
            return []
        names = [p.stem for p in folder.iterdir() if migrations.SHARD_NAME.match(p.stem)]
        return sorted(name for name in names if (folder / f"{name}.json").is_file())

    def _shard(self, shard: str) -> dict[str, Any] | None:
        """A shard's tables, or None (reported in `damage`) when it does not parse."""
        path = self._shard_path(shard)
        try:
            return parse_json(path, tinydb_shape) or {}
        except BadFile as bad:
            self.damage.add(path, "shard", shard, f"does not parse ({bad.reason})")
            return None
        except DataError as error:
            self.damage.add(path, "shard", shard, str(error))
            return None

    def replaced(self) -> bool:
        """Whether the database was replaced (restored) since this store opened it (the file
        is parsed again only when it changed)."""
        return migrations.identity_of(self._main_data()) != self.identity

    def accept_replacement(self) -> None:
        """Go on with the database as it is now (after `replaced`): reads and writes follow it."""
        self._cache = self._summaries_cache = self._schedule_cache = None
        self._index_cache = {}
        self.identity = migrations.identity_of(self._main_data())
        self.damage.clear()


def meta_tables(db: TinyDB) -> dict[str, Any]:
    """The meta table of an open TinyDB, shaped as the file holds it."""
    return {"meta": dict(with_ids(db.table("meta").all()))}


def with_ids(docs: Sequence[Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """TinyDB documents as (document id, plain dict) pairs."""
    for doc in docs:
        yield str(doc.doc_id), dict(doc)
