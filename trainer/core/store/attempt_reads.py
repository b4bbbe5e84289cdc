"""Reading attempts: the index (validated, cached per version of each shard's index file), the
shards, and what the index lists that no shard holds, all reported in `damage`."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer.core.store import reading, shard_index
from trainer.core.store.access import StoreFiles
from trainer.core.store.convert import BadRecord
from trainer.core.store.fast_summary import collector_paused, read_index_file
from trainer.core.store.files import DataError, parse_json, tinydb_shape
from trainer.core.store.opening import stamp_of
from trainer.core.store.reading import documents, key_of
from trainer.core.store.records import Attempt, AttemptSummary

# Ids trainer makes (hex) and any other that JSON writes as it is, so a byte search finds it.
PLAIN_ID = re.compile(r"[A-Za-z0-9_-]+\Z")
CLOCK_SLACK = 86_400.0  # seconds an index file's time may trail the clock that started an attempt


class AttemptReads(StoreFiles):
    """Summaries and whole attempts, skipping (and reporting) what cannot be read."""

    def summaries(self, profile: str | None = None) -> list[AttemptSummary]:
        """Every attempt's summary, oldest first (all profiles when `profile` is None).

        Each shard's index file is validated once per version of the file (any write, from
        this process or another, changes its size, modification time or inode), so after a
        save only that shard's index is read again."""
        folder = self.attempts_folder
        stamps: list[tuple[str, object]] = [("", self._cache[0] if self._cache else None)]
        names = shard_index.index_names(folder)
        stamps += [(name, stamp_of(shard_index.index_path(folder, name))) for name in names]
        key = (str(folder), tuple(stamps))
        if self._summaries_cache is None or self._summaries_cache[0] != key:
            found: dict[str, AttemptSummary] = {}
            with collector_paused():
                for name, stamp in stamps[1:]:
                    found.update((s.id, s) for s in self._shard_summaries(folder, name, stamp))
            for summary in self._read_index(self.paths.main, self._main_data().get("index")):
                found.setdefault(summary.id, summary)  # a schema 3 or restored main file
            listed = list(found.values())
            listed += self._unindexed(set(found)) if self.read_only else []
            self._summaries_cache = (key, sorted(listed, key=lambda s: s.started))
        summaries = self._summaries_cache[1]
        if profile is None:
            return list(summaries)
        return [summary for summary in summaries if summary.profile == profile]

    def recent_summaries(self, profile: str | None, count: int) -> list[AttemptSummary]:
        """The `count` newest summaries of a profile (all profiles: None), oldest first,
        reading index files from the newest shard back only as far as needed (home's recent
        rows, the history's first page, at any history size).

        Shards fill in the order attempts are saved, so this is what was saved last: an
        attempt imported from long ago into a new shard is among it, in its date's place."""
        if self._summaries_cache is not None or self.read_only:
            return self.summaries(profile)[-count:]  # already read, or a crash left some out

        def wanted(summary: AttemptSummary) -> bool:
            return profile is None or summary.profile == profile

        folder = self.attempts_folder
        main_index = self._read_index(self.paths.main, self._main_data().get("index"))
        found = [s for s in main_index if wanted(s)]
        for name in reversed(shard_index.index_names(folder)):
            if len(found) >= count:
                break
            stamp = stamp_of(shard_index.index_path(folder, name))
            found += [s for s in self._shard_summaries(folder, name, stamp) if wanted(s)]
        unique = {s.id: s for s in found}
        return sorted(unique.values(), key=lambda s: s.started)[-count:]

    def indexed_shards(self) -> list[tuple[str, Path]]:
        """Each shard with an index file: its name and that file's path, in order."""
        folder = self.attempts_folder
        return [
            (name, shard_index.index_path(folder, name)) for name in shard_index.index_names(folder)
        ]

    def shard_summaries(self, name: str) -> list[AttemptSummary]:
        """The summaries one shard's index file lists (validated, as `summaries` reads them)."""
        folder = self.attempts_folder
        stamp = stamp_of(shard_index.index_path(folder, name))
        with collector_paused():
            return self._shard_summaries(folder, name, stamp)

    def has_loose_summaries(self) -> bool:
        """Whether some summaries live outside the shards' index files: in the main file (a
        schema 3 or restored one) or, for a reader, attempts a crash left unindexed."""
        return bool(self._main_data().get("index")) or bool(self.read_only)

    def _shard_summaries(self, folder: Path, name: str, stamp: object) -> list[AttemptSummary]:
        cached = self._index_cache.get(name)
        if cached is not None and cached[0] == (str(folder), stamp):
            return cached[1]
        path = shard_index.index_path(folder, name)
        summaries = read_index_file(path)
        if summaries is None:  # not all plain: entry by entry, reporting what is bad
            try:
                tables = parse_json(path, tinydb_shape) or {}
            except DataError as error:
                self.damage.add(path, "shard index", name, str(error))
                tables = {}
            summaries = self._read_index(path, tables.get("index"))
        self._index_cache[name] = ((str(folder), stamp), summaries)
        return summaries

    def _read_index(self, path: Path, table: object) -> list[AttemptSummary]:
        found = []
        for doc_id, doc in documents(table):
            try:
                found.append(reading.summary(doc))
            except BadRecord as error:
                self.damage.add(path, "index entry", key_of(doc, doc_id), str(error))
        return found

    def _unindexed(self, indexed: set[str]) -> list[AttemptSummary]:
        """Attempts a crash left out of the index (only in the newest shard): a writer puts
        them back when it opens the store; a reader counts them as they are."""
        found = []
        for shard in self._shard_names()[-1:]:
            for _, doc in documents((self._shard(shard) or {}).get("attempts")):
                if doc.get("id") not in indexed:
                    try:
                        found.append(AttemptSummary.of(reading.attempt(doc), shard))
                    except BadRecord:
                        continue  # reported when the attempts are read
        return found

    def has_attempt(self, attempt_id: str, started: datetime | None = None) -> bool:
        """Whether an attempt with this id is saved.

        Every save asks, so the index files are searched for the id as bytes (a fraction of
        the time parsing 50,000 summaries takes) and only one that holds it is parsed to
        confirm. Given when the attempt `started`, only index files written since then (less
        a day, for a clock set back) can hold it: a save happens after its attempt starts."""
        if not self.read_only and PLAIN_ID.match(attempt_id):
            found = self._search_indexes(attempt_id, started)
            if found is not None:
                return found
        return any(summary.id == attempt_id for summary in self.summaries())

    def _search_indexes(self, attempt_id: str, started: datetime | None) -> bool | None:
        """Whether an index file lists the id; None when that cannot be told this way."""
        if self._main_data().get("index"):
            return None  # a schema 3 or restored main file still holds entries
        needle = f'"{attempt_id}"'.encode()
        since = started.timestamp() - CLOCK_SLACK if started is not None else None
        folder = self.attempts_folder
        for name in shard_index.index_names(folder):
            path = shard_index.index_path(folder, name)
            try:
                if since is not None and path.stat().st_mtime < since:
                    continue
                if needle not in path.read_bytes():
                    continue
            except OSError:
                return None
            summaries = self._shard_summaries(folder, name, stamp_of(path))
            if any(summary.id == attempt_id for summary in summaries):
                return True
        return False

    def attempts(self, profile: str | None = None) -> list[Attempt]:
        """Every readable attempt in full (reads every shard: for export and review, not for
        start-up). Whatever the index lists but no shard holds is reported in `damage`."""
        listed: dict[str, set[str]] = {}
        for summary in self.summaries():
            listed.setdefault(summary.shard, set()).add(summary.id)
        found: list[Attempt] = []
        for shard in sorted(set(self._shard_names()) | set(listed)):
            tables = self._shard(shard) if self._shard_path(shard).exists() else None
            held: set[str] = set()
            for doc_id, doc in documents((tables or {}).get("attempts")):
                try:
                    attempt = reading.attempt(doc)
                except BadRecord as error:
                    path = self._shard_path(shard)
                    self.damage.add(path, "attempt", key_of(doc, doc_id), str(error))
                    held.add(str(doc.get("id")))
                    continue
                held.add(attempt.id)
                if profile is None or attempt.profile == profile:
                    found.append(attempt)
            self._report_missing(shard, tables, len(listed.get(shard, set()) - held))
        return sorted(found, key=lambda a: a.started)

    def _report_missing(self, shard: str, tables: object, missing: int) -> None:
        if not missing:
            return
        path = self._shard_path(shard)
        where = "the shard is missing: " if not path.exists() else ""
        if tables is not None:
            where = "the shard does not hold them: "
        self.damage.add(
            path,
            "shard",
            shard,
            f"{where}{missing} attempt(s) listed in the index cannot be read "
            "(restore a backup to get them back)",
        )

    def shard_files(self) -> list[Path]:
        """The shard files, newest first (the history's answer search reads them in turn)."""
        return [self._shard_path(name) for name in reversed(self._shard_names())]

    def attempts_with_ids(self, ids: set[str]) -> list[Attempt]:
        """The readable attempts among `ids`, in full, reading only the shards that hold them."""
        shards = sorted({s.shard for s in self.summaries() if s.id in ids})
        found = []
        for shard in shards:
            tables = self._shard(shard) if self._shard_path(shard).exists() else None
            for doc_id, doc in documents((tables or {}).get("attempts")):
                if doc.get("id") not in ids:
                    continue
                try:
                    found.append(reading.attempt(doc))
                except BadRecord as error:
                    path = self._shard_path(shard)
                    self.damage.add(path, "attempt", key_of(doc, doc_id), str(error))
        return sorted(found, key=lambda a: a.started)

    def attempt(self, attempt_id: str) -> Attempt | None:
        """One attempt in full, read from its shard (None when it cannot be read)."""
        summary = next((s for s in self.summaries() if s.id == attempt_id), None)
        if summary is None:
            return None
        tables = self._shard(summary.shard) if self._shard_path(summary.shard).exists() else None
        for doc_id, doc in documents((tables or {}).get("attempts")):
            if doc.get("id") == attempt_id:
                try:
                    return reading.attempt(doc)
                except BadRecord as error:
                    path = self._shard_path(summary.shard)
                    self.damage.add(path, "attempt", key_of(doc, doc_id), str(error))
                    return None
        self._report_missing(summary.shard, tables, 1)
        return None

    def review_logs(self, profile: str | None = None) -> list[dict[str, Any]]:
        """Every review log (undone ones included, marked), for optimising fsrs parameters."""
        logs = []
        for shard in self._shard_names():
            for doc_id, doc in documents((self._shard(shard) or {}).get("review_logs")):
                try:
                    log = reading.review_log(doc)
                except BadRecord as error:
                    key = key_of(doc, doc_id, "attempt_id")
                    self.damage.add(self._shard_path(shard), "review log", key, str(error))
                    continue
                if profile is None or log.get("profile") == profile:
                    logs.append(log)
        return logs
