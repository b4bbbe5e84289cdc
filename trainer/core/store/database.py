"""The user's history and schedule in TinyDB: durable, locked, and fast at any size.

Layout (see `paths.StorePaths`): a main database with profiles, settings, the schedule, the
last rating (for undo) and a small index of attempts; the attempts themselves, with their review
logs, in shards of at most `SHARD_SIZE` beside it. A save rewrites one shard and the main file,
so its cost does not grow with the whole history. Every write happens under a file lock, in a
short-lived TinyDB that reads the file fresh, so two running apps never lose each other's work.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from fsrs import Rating
from tinydb import Query, TinyDB
from tinydb.middlewares import CachingMiddleware

from trainer.core.schedule.scheduler import (
    CardSchedule,
    Queue,
    Settings,
    build_queue,
    end_of_local_day,
    review,
)
from trainer.core.store import migrations
from trainer.core.store.convert import attempt_from_doc, profile_from_doc, summary_from_doc, to_doc
from trainer.core.store.files import (
    CorruptFile,
    DataError,
    DurableJSONStorage,
    backup_paths,
    read_json,
    tinydb_shape,
)
from trainer.core.store.paths import StorePaths
from trainer.core.store.records import (
    DEFAULT_PROFILE,
    Attempt,
    AttemptSummary,
    Profile,
    utc_now,
)

SCHEMA_VERSION = migrations.CURRENT
SHARD_SIZE = migrations.SHARD_SIZE
LOCK_TIMEOUT = 3.0
_SHARD_NAME = re.compile(r"^(\d{4,})\.json$")


class StoreError(DataError):
    """A problem with the user's database that the user must hear about in one line."""


class StoreBusy(StoreError):
    """Another running trainer holds the lock for longer than we wait."""


class CorruptDatabase(StoreError):
    """The main database did not parse; it was moved aside, maybe a backup can replace it."""

    def __init__(self, corrupt: CorruptFile, backup: Path | None) -> None:
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


@dataclass(frozen=True)
class SaveResult:
    """What saving an attempt did: its id and, if it was rated, when the card comes back."""

    attempt_id: str
    schedule: CardSchedule | None


class Store:
    """Profiles, settings, attempts, review logs and the schedule of one user database."""

    def __init__(self, paths: StorePaths, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.paths = paths
        self._lock = FileLock(str(paths.lock))
        self._lock_timeout = lock_timeout
        self._summaries_cache: tuple[tuple[int, int, int], list[AttemptSummary]] | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, main: Path, lock_timeout: float = LOCK_TIMEOUT) -> Store:
        """Open (creating, migrating or repairing as needed) the store whose main file is `main`."""
        store = cls(StorePaths(main), lock_timeout)
        store._check_and_prepare()
        return store

    def _check_and_prepare(self) -> None:
        paths = self.paths
        paths.main.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            try:
                data = read_json(paths.main, tinydb_shape)
            except CorruptFile as corrupt:
                raise CorruptDatabase(corrupt, newest_good_backup(paths)) from None
            if data is None:
                backup = newest_good_backup(paths)
                if backup is not None:
                    raise NeedsRestore(paths.main, backup)
                data = {}
            version = migrations.schema_of(data)
            if version > SCHEMA_VERSION:
                raise NewerSchema(
                    f"{paths.main} was written by a newer trainer (schema {version}); "
                    "upgrade trainer to open it"
                )
            if version < SCHEMA_VERSION or not data:
                migrations.migrate(paths, data, self._write_tables)
            self._remove_stale_temporaries()
            self._repair_interrupted_save()

    def _remove_stale_temporaries(self) -> None:
        """Temporary files of writes that a crash interrupted (we hold the lock: none is live)."""
        for folder in (self.paths.main.parent, self.paths.attempts):
            if folder.is_dir():
                for leftover in folder.glob(".*.tmp"):
                    leftover.unlink(missing_ok=True)

    def _repair_interrupted_save(self) -> None:
        """A crash between writing a shard and the main file leaves attempts missing from the
        index (and their schedule unapplied): put them back from what the shard recorded."""
        newest = self._shard_names()[-1:] or []
        for shard in newest:
            docs = self._read_table(self._shard_path(shard), "attempts")
            with self._main() as db:
                indexed = {doc["id"] for doc in db.table("index").all()}
                for doc in docs:
                    if doc["id"] in indexed:
                        continue
                    attempt = attempt_from_doc(doc)
                    db.table("index").insert(to_doc(AttemptSummary.of(attempt, shard)))
                    if doc.get("schedule_after"):
                        _upsert_schedule(db, attempt.profile, attempt.card_id, doc)

    # -- locking and files --------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self._lock.acquire(timeout=self._lock_timeout)
        except Timeout:
            raise StoreBusy(
                f"another trainer is saving to {self.paths.main}; try again in a moment"
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    @contextmanager
    def _main(self) -> Iterator[TinyDB]:
        with self._database(self.paths.main) as db:
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

    def _read_table(self, path: Path, name: str) -> list[dict[str, Any]]:
        data = read_json(path, tinydb_shape) or {}
        return list(data.get(name, {}).values())

    def _shard_names(self) -> list[str]:
        if not self.paths.attempts.is_dir():
            return []
        names = [
            m.group(1) for p in self.paths.attempts.iterdir() if (m := _SHARD_NAME.match(p.name))
        ]
        return sorted(names)

    def _shard_path(self, shard: str) -> Path:
        return self.paths.attempts / f"{shard}.json"

    # -- profiles and settings -------------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        """Every profile, oldest first."""
        docs = self._read_table(self.paths.main, "profiles")
        return sorted((profile_from_doc(doc) for doc in docs), key=lambda p: p.created)

    def ensure_profile(self, name: str) -> Profile:
        """The profile of that name, created if it does not exist yet."""
        name = name.strip() or DEFAULT_PROFILE
        for profile in self.profiles():
            if profile.name == name:
                return profile
        with self._locked(), self._main() as db:
            existing = db.table("profiles").get(Query().name == name)
            if existing:
                return profile_from_doc(dict(existing))
            profile = Profile(name, utc_now())
            db.table("profiles").insert(to_doc(profile))
            return profile

    def settings(self, profile: str) -> Settings:
        """The profile's scheduling settings (defaults until changed)."""
        docs = self._read_table(self.paths.main, "settings")
        return _settings_from(next((d for d in docs if d.get("profile") == profile), None))

    def update_settings(self, profile: str, settings: Settings) -> None:
        problems = settings.problems()
        if problems:
            raise ValueError("; ".join(problems))
        with self._locked(), self._main() as db:
            doc = {"profile": profile, **to_doc(settings)}
            db.table("settings").upsert(doc, Query().profile == profile)

    # -- attempts ------------------------------------------------------------------------------

    def save_attempt(self, attempt: Attempt, rating: Rating | None, now: datetime) -> SaveResult:
        """Record an attempt durably and, when rated, reschedule its card for its profile.

        The shard is written first, then the main file: a crash between the two leaves the
        attempt in its shard, and opening the store puts it back in the index. Saving an
        attempt whose id is already stored changes nothing: a retried save is never counted
        twice."""
        with self._locked(), self._main() as db:
            already = db.table("index").get(Query().id == attempt.id)
            if already is not None:
                return SaveResult(attempt.id, self._schedule_in(db, attempt))
            settings = _settings_in(db, attempt.profile)
            key = (Query().profile == attempt.profile) & (Query().card_id == attempt.card_id)
            found = db.table("schedule").get(key)
            before = CardSchedule(attempt.card_id, found["fsrs"]) if found else None
            schedule, log = None, None
            if rating is not None:
                schedule, log = review(before, attempt.card_id, rating, now, settings)
            saved = _with_rating(attempt, rating)
            shard = self._shard_for_new_attempt(db)
            doc = to_doc(saved) | {
                "schedule_before": before.fsrs if before else None,
                "schedule_after": schedule.fsrs if schedule else None,
                "reviewed_at": now.isoformat(),
            }
            with self._database(self._shard_path(shard)) as shard_db:
                shard_db.table("attempts").insert(doc)
                if log is not None:
                    shard_db.table("review_logs").insert(_review_log(saved, log, now))
            db.table("index").insert(to_doc(AttemptSummary.of(saved, shard)))
            if schedule is not None:
                _upsert_schedule(db, saved.profile, saved.card_id, doc)
                db.table("undo").upsert(
                    {"profile": saved.profile, "attempt_id": saved.id, "shard": shard},
                    Query().profile == saved.profile,
                )
        return SaveResult(saved.id, schedule)

    @staticmethod
    def _schedule_in(db: TinyDB, attempt: Attempt) -> CardSchedule | None:
        key = (Query().profile == attempt.profile) & (Query().card_id == attempt.card_id)
        found = db.table("schedule").get(key)
        return CardSchedule(attempt.card_id, found["fsrs"]) if found else None

    def has_attempt(self, attempt_id: str) -> bool:
        """Whether an attempt with this id is saved."""
        return any(summary.id == attempt_id for summary in self.summaries())

    def _shard_for_new_attempt(self, db: TinyDB) -> str:
        """The newest shard while it has room (counted from the index), else a new one."""
        names = self._shard_names()
        if not names:
            return "0000"
        newest = names[-1]
        in_newest = db.table("index").count(Query().shard == newest)
        return newest if in_newest < SHARD_SIZE else f"{int(newest) + 1:04d}"

    def undo_last_rating(self, profile: str) -> str | None:
        """Restore the schedule saved before the profile's last rating; returns the card id."""
        with self._locked():
            undo = next(
                (d for d in self._read_table(self.paths.main, "undo") if d["profile"] == profile),
                None,
            )
            if undo is None:
                return None
            shard_path = self._shard_path(undo["shard"])
            with self._database(shard_path) as db:
                attempts = db.table("attempts")
                doc = attempts.get(Query().id == undo["attempt_id"])
                if doc is None:
                    return None
                attempts.update({"rating": None}, Query().id == undo["attempt_id"])
                logs = db.table("review_logs")
                logs.update({"undone": True}, Query().attempt_id == undo["attempt_id"])
            with self._main() as db:
                key = (Query().profile == profile) & (Query().card_id == doc["card_id"])
                if doc.get("schedule_before"):
                    db.table("schedule").upsert(
                        {
                            "profile": profile,
                            "card_id": doc["card_id"],
                            "fsrs": doc["schedule_before"],
                            "first_review": _first_review(db, profile, doc["card_id"]),
                        },
                        key,
                    )
                else:
                    db.table("schedule").remove(key)
                db.table("index").update({"rating": None}, Query().id == undo["attempt_id"])
                db.table("undo").remove(Query().profile == profile)
            return str(doc["card_id"])

    def summaries(self, profile: str | None = None) -> list[AttemptSummary]:
        """Every attempt's summary, oldest first (all profiles when `profile` is None).

        The parsed index is kept until the main file changes (any write, from this process or
        another, changes its size or modification time), so reopening the history is cheap."""
        stat = self.paths.main.stat()
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if self._summaries_cache is None or self._summaries_cache[0] != stamp:
            docs = self._read_table(self.paths.main, "index")
            ordered = sorted((summary_from_doc(doc) for doc in docs), key=lambda s: s.started)
            self._summaries_cache = (stamp, ordered)
        summaries = self._summaries_cache[1]
        if profile is None:
            return list(summaries)
        return [summary for summary in summaries if summary.profile == profile]

    def attempts(self, profile: str | None = None) -> list[Attempt]:
        """Every attempt in full (reads every shard: for export and review, not for start-up)."""
        attempts = []
        for shard in self._shard_names():
            for doc in self._read_table(self._shard_path(shard), "attempts"):
                if profile is None or doc.get("profile") == profile:
                    attempts.append(attempt_from_doc(doc))
        return sorted(attempts, key=lambda a: a.started)

    def attempt(self, attempt_id: str) -> Attempt | None:
        """One attempt in full, read from its shard."""
        summary = next((s for s in self.summaries() if s.id == attempt_id), None)
        if summary is None:
            return None
        for doc in self._read_table(self._shard_path(summary.shard), "attempts"):
            if doc["id"] == attempt_id:
                return attempt_from_doc(doc)
        return None

    def review_logs(self, profile: str | None = None) -> list[dict[str, Any]]:
        """Every review log (undone ones included, marked), for optimising fsrs parameters."""
        logs = []
        for shard in self._shard_names():
            for doc in self._read_table(self._shard_path(shard), "review_logs"):
                if profile is None or doc.get("profile") == profile:
                    logs.append(doc)
        return logs

    # -- schedule ------------------------------------------------------------------------------

    def schedule(self, profile: str) -> dict[str, CardSchedule]:
        """Every scheduled card of the profile by card id."""
        return {
            doc["card_id"]: CardSchedule(doc["card_id"], doc["fsrs"])
            for doc in self._read_table(self.paths.main, "schedule")
            if doc.get("profile") == profile
        }

    def queue(self, profile: str, card_ids: Sequence[str], now: datetime) -> Queue:
        """Today's queue for a profile over the given bank (in the bank's order)."""
        data = read_json(self.paths.main, tinydb_shape) or {}
        docs = [d for d in data.get("schedule", {}).values() if d.get("profile") == profile]
        settings = next(
            (d for d in data.get("settings", {}).values() if d.get("profile") == profile), None
        )
        states = {doc["card_id"]: CardSchedule(doc["card_id"], doc["fsrs"]) for doc in docs}
        start_of_today = end_of_local_day(now, -1)
        new_today = sum(
            1
            for doc in docs
            if doc.get("first_review")
            and datetime.fromisoformat(doc["first_review"]) > start_of_today
        )
        return build_queue(states, card_ids, now, new_today, _settings_from(settings))


def _settings_in(db: TinyDB, profile: str) -> Settings:
    found = db.table("settings").get(Query().profile == profile)
    return _settings_from(dict(found) if found else None)


def _settings_from(doc: dict[str, Any] | None) -> Settings:
    if doc is None:
        return Settings()
    return Settings(**{key: value for key, value in doc.items() if key != "profile"})


def _with_rating(attempt: Attempt, rating: Rating | None) -> Attempt:
    from dataclasses import replace

    return replace(attempt, rating=int(rating) if rating is not None else None)


def _review_log(attempt: Attempt, log: dict[str, Any], now: datetime) -> dict[str, Any]:
    # FSRS's optimal-retention tools need how long each review took, in milliseconds: the
    # time spent on every phase of the attempt (fsrs itself leaves it None).
    if log.get("review_duration") is None:
        used = sum(phase.seconds_used for phase in attempt.phases)
        log = {**log, "review_duration": round(used * 1000)}
    return {
        "attempt_id": attempt.id,
        "profile": attempt.profile,
        "card_id": attempt.card_id,
        "rating": attempt.rating,
        "score": attempt.score,
        "band": attempt.band,
        "reviewed_at": now.isoformat(),
        "fsrs_log": log,
        "undone": False,
    }


def _first_review(db: TinyDB, profile: str, card_id: str) -> str | None:
    key = (Query().profile == profile) & (Query().card_id == card_id)
    existing = db.table("schedule").get(key)
    return existing.get("first_review") if existing else None


def _upsert_schedule(db: TinyDB, profile: str, card_id: str, doc: dict[str, Any]) -> None:
    key = (Query().profile == profile) & (Query().card_id == card_id)
    first = _first_review(db, profile, card_id) or doc["reviewed_at"]
    db.table("schedule").upsert(
        {
            "profile": profile,
            "card_id": card_id,
            "fsrs": doc["schedule_after"],
            "first_review": first,
        },
        key,
    )


def newest_good_backup(paths: StorePaths) -> Path | None:
    """The newest backup of the main database that parses, if any."""
    for candidate in backup_paths(paths.main, paths.backups):
        try:
            if candidate.exists() and read_json_quietly(candidate):
                return candidate
        except ValueError:
            continue
    return None


def read_json_quietly(path: Path) -> bool:
    """Whether a file holds a TinyDB database, without moving it aside when it does not."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return not tinydb_shape(data)
