"""The user's history and schedule in TinyDB: durable, locked, and fast at any size.

Layout (see `paths.StorePaths`): a main database with profiles, settings, the schedule and the
last rating (for undo); the attempts themselves, with their review logs, in shards of at most
`SHARD_SIZE` in the folder the main file names, each with its index of summaries beside it
(`shard_index`). A save rewrites one shard, its index and the main file, none of which grows
with the whole history. Every write happens
under a file lock, in a short-lived TinyDB that reads the file fresh, so two running apps never
lose each other's work. Reading takes no lock and writes nothing (atomic replaces mean a reader
always sees whole files), and a record that does not fit is skipped and reported in `damage`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from fsrs import Rating
from tinydb import Query, TinyDB

from trainer.core.schedule.scheduler import (
    CardSchedule,
    Queue,
    Settings,
    build_queue,
    end_of_local_day,
    review,
)
from trainer.core.store import migrations, reading, shard_index
from trainer.core.store.access import LOCK_TIMEOUT, meta_tables, with_ids
from trainer.core.store.attempt_reads import AttemptReads
from trainer.core.store.checked import CheckedShards, ShardCheck
from trainer.core.store.convert import BadRecord, to_doc
from trainer.core.store.errors import (
    CorruptDatabase,
    DatabaseReplaced,
    NeedsRestore,
    NewerSchema,
    StoreBusy,
    StoreError,
    StoreReadOnly,
    UnknownSchema,
)
from trainer.core.store.files import (
    CorruptFile,
    describe,
    private_folder,
)
from trainer.core.store.opening import (
    first_look,
    prepare,
    readable_view,
    stamp_of,
    unwritable_reason,
)
from trainer.core.store.paths import StorePaths, real_path
from trainer.core.store.profiles import finish_profile_changes
from trainer.core.store.reading import documents, key_of
from trainer.core.store.records import DEFAULT_PROFILE, Attempt, AttemptSummary, Profile, utc_now

SCHEMA_VERSION = migrations.CURRENT
SHARD_SIZE = migrations.SHARD_SIZE
READ_ONLY_COMMAND = "it was opened for reading only"

__all__ = [
    "CorruptDatabase",
    "DatabaseReplaced",
    "NeedsRestore",
    "NewerSchema",
    "SaveResult",
    "Store",
    "StoreBusy",
    "StoreError",
    "StoreReadOnly",
    "UnknownSchema",
]


@dataclass(frozen=True)
class SaveResult:
    """What saving an attempt did: its id and, if it was rated, when the card comes back."""

    attempt_id: str
    schedule: CardSchedule | None


class Store(AttemptReads):
    """Profiles, settings, attempts, review logs and the schedule of one user database."""

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, main: Path, lock_timeout: float = LOCK_TIMEOUT) -> Store:
        """Open (creating, migrating or repairing as needed) the store whose main file is
        `main`; where its folder cannot be written, open it read-only instead (`read_only`
        then says why)."""
        main = real_path(main)
        reason = unwritable_reason(StorePaths(main))
        if reason:
            return cls.open_to_read(main, reason)
        store = cls(StorePaths(main), lock_timeout)
        known = first_look(store.paths)  # refuses an unknown schema before the lock
        try:
            private_folder(main.parent)
        except OSError as error:
            return cls.open_to_read(main, f"{main.parent} cannot be created: {describe(error)}")
        with store.exclusive():
            store._cache = prepare(store.paths, store._write_tables, known)
            finish_profile_changes(store)  # before the repair, which would re-index deletions
            store._repair_interrupted_save()
        store.identity = migrations.identity_of(store._main_data())
        return store

    def _repair_interrupted_save(self) -> None:
        """A crash after writing a shard but before its index leaves attempts missing from
        the index (and perhaps their schedule unapplied): put them back from what the shard
        recorded."""
        for shard in self._shard_names()[-1:]:
            # Only the newest shard can be ahead of its index; its ids are enough, unread.
            indexed = {doc.get("id") for doc in shard_index.docs_of(self._main_data())}
            indexed |= {doc.get("id") for doc in shard_index.raw_docs(self.attempts_folder, shard)}
            docs = list(documents((self._shard(shard) or {}).get("attempts")))
            missing = []
            for _, doc in docs:
                if doc.get("id") in indexed:
                    continue  # the usual case: nothing to write
                try:
                    missing.append((reading.attempt(doc), doc))
                except BadRecord:
                    continue  # left in its shard; reading reports it
            if not missing:
                continue
            with self._main() as db:
                for attempt, doc in missing:
                    apply_schedule(db, attempt, shard, doc)
            self._add_to_index(shard, [attempt for attempt, _ in missing])

    def _add_to_index(self, shard: str, attempts: list[Attempt]) -> None:
        path = shard_index.index_path(self.attempts_folder, shard)
        with self._database(path) as db:
            table = db.table("index")
            for attempt in attempts:
                if table.get(Query().id == attempt.id) is None:
                    table.insert(to_doc(AttemptSummary.of(attempt, shard)))

    @classmethod
    def open_to_read(cls, main: Path, reason: str = READ_ONLY_COMMAND) -> Store:
        """Open for reading only: no lock, no file created, moved or changed."""
        main = real_path(main)
        store = cls(StorePaths(main), read_only=reason)
        readable_view(store.paths)
        store.identity = migrations.identity_of(store._main_data())
        return store

    # -- profiles and settings -------------------------------------------------------------------

    def profiles(self) -> list[Profile]:
        """Every profile, oldest first."""
        found = []
        for doc_id, doc in self._table("profiles"):
            try:
                found.append(reading.profile(doc))
            except BadRecord as error:
                key = key_of(doc, doc_id, "name")
                self.damage.add(self.paths.main, "profile", key, str(error))
        return sorted(found, key=lambda p: p.created)

    def ensure_profile(self, name: str) -> Profile:
        """The profile of that name, created if it does not exist yet (in a read-only store
        it exists for this session only)."""
        name = name.strip() or DEFAULT_PROFILE
        for profile in self.profiles():
            if profile.name == name:
                return profile
        if self.read_only:
            return Profile(name, utc_now())
        with self.exclusive(), self._main() as db:
            existing = db.table("profiles").get(Query().name == name)
            if existing:
                try:
                    return reading.profile(dict(existing))
                except BadRecord:
                    pass  # a damaged record of that name stays; a good one joins it
            profile = Profile(name, utc_now())
            db.table("profiles").insert(to_doc(profile))
            return profile

    def settings(self, profile: str) -> Settings:
        """The profile's scheduling settings (defaults until changed, or when damaged)."""
        return self._settings_of(self._table("settings"), profile)

    def _settings_of(self, docs: Iterator[tuple[str, dict[str, Any]]], profile: str) -> Settings:
        for doc_id, doc in docs:
            if doc.get("profile") == profile:
                try:
                    return reading.settings(doc)
                except BadRecord as error:
                    key = f"of {profile} (document {doc_id})"
                    self.damage.add(self.paths.main, "settings", key, str(error))
        return Settings()

    def update_settings(self, profile: str, settings: Settings) -> None:
        problems = settings.problems()
        if problems:
            raise ValueError("; ".join(problems))
        with self.exclusive(), self._main() as db:
            doc = {"profile": profile, **to_doc(settings)}
            db.table("settings").upsert(doc, Query().profile == profile)

    # -- attempts: saving ------------------------------------------------------------------------

    def save_attempt(self, attempt: Attempt, rating: Rating | None, now: datetime) -> SaveResult:
        """Record an attempt durably and, when rated, reschedule its card for its profile.

        The shard is written first, then the main file (the schedule), then the shard's index:
        a crash in between leaves the attempt in its shard, and opening the store (or saving
        it again) indexes it and applies its schedule unless that was done. Saving an attempt
        whose id is already stored changes nothing: a retried save is never counted twice (nor
        written twice into its shard after a save that failed halfway)."""
        with self.exclusive():
            with self._main(same_database=True) as db:
                if self.has_attempt(attempt.id, attempt.started):
                    return SaveResult(attempt.id, self._schedule_in(db, attempt))
                folder = self.paths.folder / migrations.attempts_folder_of(meta_tables(db))
                shard = self._shard_for_new_attempt(folder)
                settings = self._settings_of(with_ids(db.table("settings").all()), attempt.profile)
                key = (Query().profile == attempt.profile) & (Query().card_id == attempt.card_id)
                found = db.table("schedule").get(key)
                before = self._valid_schedule(dict(found)) if found else None
                schedule, log = None, None
                if rating is not None:
                    schedule, log = review(before, attempt.card_id, rating, now, settings)
                saved = replace(attempt, rating=int(rating) if rating is not None else None)
                doc = to_doc(saved) | {
                    # A damaged state is kept as it was, here, before the new one replaces it.
                    "schedule_before": found["fsrs"] if found else None,
                    "schedule_after": schedule.fsrs if schedule else None,
                    "reviewed_at": now.isoformat(),
                }
                review_log = _review_log(saved, log, now) if log is not None else None
                try:
                    doc = self._write_to_shard(folder / f"{shard}.json", doc, review_log)
                except CorruptFile as corrupt:  # moved aside (kept); a fresh shard takes it
                    self.damage.add(corrupt.path, "shard", shard, str(corrupt))
                    doc = self._write_to_shard(folder / f"{shard}.json", doc, review_log)
                with contextlib.suppress(BadRecord):
                    saved = reading.attempt(doc)  # what the shard holds (an earlier try's)
                apply_schedule(db, saved, shard, doc)
                schedule = self._schedule_in(db, saved) if doc.get("schedule_after") else None
            self._add_to_index(shard, [saved])
        return SaveResult(saved.id, schedule)

    def _valid_schedule(self, doc: dict[str, Any]) -> CardSchedule | None:
        try:
            return reading.schedule_entry(doc)
        except BadRecord as error:
            key = str(doc.get("card_id"))[:80]
            self.damage.add(self.paths.main, "schedule entry", key, str(error))
            return None

    def _schedule_in(self, db: TinyDB, attempt: Attempt) -> CardSchedule | None:
        key = (Query().profile == attempt.profile) & (Query().card_id == attempt.card_id)
        found = db.table("schedule").get(key)
        return self._valid_schedule(dict(found)) if found else None

    def _write_to_shard(
        self, path: Path, doc: dict[str, Any], review_log: dict[str, Any] | None
    ) -> dict[str, Any]:
        """Add the attempt to its shard; returns what the shard holds for it (an earlier,
        interrupted save of the same attempt is kept, not written twice)."""
        with self._database(path) as shard_db:
            held = shard_db.table("attempts").get(Query().id == doc["id"])
            if held is not None:
                return dict(held)
            shard_db.table("attempts").insert(doc)
            if review_log is not None:
                shard_db.table("review_logs").insert(review_log)
            return doc

    def _shard_for_new_attempt(self, folder: Path) -> str:
        """The newest shard while it has room (counted from its index), else a new one."""
        names = self._shard_names(folder)
        if not names:
            return "0000"
        newest = names[-1]
        in_newest = len(shard_index.raw_docs(folder, newest))
        in_newest += sum(
            doc.get("shard") == newest for doc in shard_index.docs_of(self._main_data())
        )
        return newest if in_newest < SHARD_SIZE else f"{int(newest) + 1:04d}"

    def undo_last_rating(self, profile: str) -> str | None:
        """Restore the schedule saved before the profile's last rating; returns the card id."""
        with self.exclusive():
            from trainer.core.store.undo import undo_last_rating

            return undo_last_rating(self, profile)

    def verify(self, quick: bool = False) -> None:
        """Read everything once, so that `damage` lists every record that cannot be read;
        `quick` reads only the main file and checks that the shards its index names exist
        (what the app does on starting; `check_shards` then reads the shards that changed)."""
        for profile in self._profiles_named():
            self.schedule(profile)
            self.settings(profile)
        if not quick:
            self.attempts()
            self.review_logs()
            return
        folder = self.attempts_folder
        in_main: dict[str, int] = {}
        for doc in shard_index.docs_of(self._main_data()):
            shard = doc.get("shard")
            if isinstance(shard, str) and migrations.SHARD_NAME.match(shard):
                in_main[shard] = in_main.get(shard, 0) + 1
        for shard in sorted(set(self._indexed()) | set(in_main)):
            if not self._shard_path(shard).exists():  # counted only then
                count = len(shard_index.raw_docs(folder, shard)) + in_main.get(shard, 0)
                self._report_missing(shard, None, count)

    def _indexed(self) -> list[str]:
        return shard_index.index_names(self.attempts_folder)

    def _profiles_named(self) -> set[str]:
        """Every profile the main file names: its profiles, and those schedule entries and
        settings belong to (a profile deleted halfway, say)."""
        names = {p.name for p in self.profiles()}
        for table in ("schedule", "settings"):
            names |= {
                doc["profile"]
                for _, doc in self._table(table)
                if isinstance(doc.get("profile"), str)
            }
        return names

    def check_shards(self, checked: CheckedShards) -> None:
        """Every shard read whole, each once per version of it: for a shard unchanged since
        `checked` saw it, what was wrong then is reported again without reading it; the
        others are read one at a time (nothing kept) and `checked` updated."""
        folder = self.attempts_folder
        fresh: dict[str, ShardCheck] = {}
        for name in sorted(set(self._shard_names()) | set(self._indexed())):
            stamps = (
                stamp_of(self._shard_path(name)),
                stamp_of(shard_index.index_path(folder, name)),
            )
            known = checked.shards.get(name)
            if known is None or known.stamps != stamps:
                outer, self.damage = self.damage, reading.Damage()
                try:
                    self._check_shard(name)
                    problems = tuple(
                        (str(u.path), u.what, u.key, u.reason) for u in self.damage.items()
                    )
                finally:
                    self.damage = outer
                known = ShardCheck(stamps, problems)
            for path, what, key, reason in known.problems:
                self.damage.add(Path(path), what, key, reason)
            fresh[name] = known
        checked.shards = fresh

    def _check_shard(self, name: str) -> None:
        path = self._shard_path(name)
        tables = self._shard(name) if path.exists() else None
        held: set[str] = set()
        for doc_id, doc in documents((tables or {}).get("attempts")):
            held.add(str(doc.get("id")))
            try:
                reading.attempt(doc)
            except BadRecord as error:
                self.damage.add(path, "attempt", key_of(doc, doc_id), str(error))
        for doc_id, doc in documents((tables or {}).get("review_logs")):
            try:
                reading.review_log(doc)
            except BadRecord as error:
                key = key_of(doc, doc_id, "attempt_id")
                self.damage.add(path, "review log", key, str(error))
        index = shard_index.index_path(self.attempts_folder, name)
        listed = {s.id for s in self._shard_summaries(self.attempts_folder, name, stamp_of(index))}
        self._index_cache.pop(name, None)  # one shard at a time: a long history is not kept
        listed |= {
            str(doc.get("id"))
            for doc in shard_index.docs_of(self._main_data())
            if doc.get("shard") == name
        }
        self._report_missing(name, tables, len(listed - held))

    # -- schedule ------------------------------------------------------------------------------

    def _schedule_docs(self, profile: str) -> list[tuple[CardSchedule, dict[str, Any]]]:
        """The profile's readable schedule entries, validated once per version of the file."""
        self._main_data()
        stamp = self._cache[0] if self._cache else (0, 0, 0)
        if self._schedule_cache is None or self._schedule_cache[0] != stamp:
            by_profile: dict[str, list[tuple[CardSchedule, dict[str, Any]]]] = {}
            for _, doc in self._table("schedule"):
                state = self._valid_schedule(doc)
                if state is not None:
                    by_profile.setdefault(doc["profile"], []).append((state, doc))
            self._schedule_cache = (stamp, by_profile)
        return self._schedule_cache[1].get(profile, [])

    def schedule(self, profile: str) -> dict[str, CardSchedule]:
        """Every (readable) scheduled card of the profile by card id."""
        return {state.card_id: state for state, _ in self._schedule_docs(profile)}

    def queue(self, profile: str, card_ids: Sequence[str], now: datetime) -> Queue:
        """Today's queue for a profile over the given bank (in the bank's order)."""
        docs = self._schedule_docs(profile)
        states = {state.card_id: state for state, _ in docs}
        start_of_today = end_of_local_day(now, -1)
        new_today = sum(
            1
            for _, doc in docs
            if doc.get("first_review")
            and datetime.fromisoformat(doc["first_review"]) > start_of_today
        )
        return build_queue(states, card_ids, now, new_today, self.settings(profile))


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


def first_review(db: TinyDB, profile: str, card_id: str) -> str | None:
    key = (Query().profile == profile) & (Query().card_id == card_id)
    existing = db.table("schedule").get(key)
    value = existing.get("first_review") if existing else None
    return value if isinstance(value, str) else None


def apply_schedule(db: TinyDB, attempt: Attempt, shard: str, doc: dict[str, Any]) -> None:
    """Reschedule the attempt's card as its shard record says, unless that was done already
    (the card's state is the one after) or something since changed it (neither before nor
    after: a later review or an undo wins)."""
    after = doc.get("schedule_after")
    if not after:
        return
    key = (Query().profile == attempt.profile) & (Query().card_id == attempt.card_id)
    found = db.table("schedule").get(key)
    current = found.get("fsrs") if found else None
    if current == after or current != doc.get("schedule_before"):
        return
    upsert_schedule(db, attempt.profile, attempt.card_id, doc)
    db.table("undo").upsert(
        {"profile": attempt.profile, "attempt_id": attempt.id, "shard": shard},
        Query().profile == attempt.profile,
    )


def upsert_schedule(db: TinyDB, profile: str, card_id: str, doc: dict[str, Any]) -> None:
    key = (Query().profile == profile) & (Query().card_id == card_id)
    first = first_review(db, profile, card_id) or doc["reviewed_at"]
    db.table("schedule").upsert(
        {
            "profile": profile,
            "card_id": card_id,
            "fsrs": doc["schedule_after"],
            "first_review": first,
        },
        key,
    )
