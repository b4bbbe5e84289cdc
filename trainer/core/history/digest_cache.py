"""A history's digest at any size in a moment, kept in the user's cache folder between runs.

Shards fill in order and a full one is seldom written again, so the cache holds the digest of
every shard but the newest, summed, beside the newest shard's own, and the stamp of each index
file counted (its size, modification time and inode). A save rewrites the newest shard's index:
only that shard is counted again (its summaries in a few milliseconds), and a history of 50,000
attempts read once is a small file to read on every later start. A new shard adds its
predecessor to the sum; anything else that changed an older shard (an import, a restore, an
undo there) has all of them counted again.

What the cache holds is checked, never trusted: a file that does not decode is ignored and
rewritten, and one counted in another time zone or by another version of this code is counted
again.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from pathlib import Path

import msgspec

from trainer.core.cache_files import write_cache_file
from trainer.core.history.digest import Digest, digests_of, merged
from trainer.core.store.attempt_reads import AttemptReads
from trainer.core.store.opening import stamp_of

VERSION = 3  # of the digest's counting: a change makes every kept digest stale
AT_ONCE = 5  # shards (of 200 attempts) counted in a moment even with nothing kept

Stamp = tuple[int, int, int]
Profiles = dict[str, Digest]


class _Kept(msgspec.Struct):
    version: int
    zone: str
    sealed: dict[str, Stamp]  # every index file but the newest -> its stamp when counted
    sealed_profiles: Profiles  # their digests, summed
    newest: str = ""  # the newest index file, its stamp, its digests
    newest_stamp: Stamp = (0, 0, 0)
    newest_profiles: Profiles = {}


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(_Kept)


def time_zone() -> str:
    """What local days depend on: a digest counted in another zone is counted again."""
    return f"{time.tzname}|{time.timezone}|{time.altzone}|{time.daylight}"


def _sum(first: Profiles, second: Profiles) -> Profiles:
    return {
        name: merged(part[name] for part in (first, second) if name in part)
        for name in {*first, *second}
    }


class DigestCache:
    """Digests of histories, in memory and in `folder` (None: in memory only)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._kept: dict[Path, _Kept] = {}  # by attempts folder
        self._lock = threading.Lock()  # progress and missed concepts count from workers

    @classmethod
    def in_user_cache(cls) -> DigestCache:
        import platformdirs

        return cls(platformdirs.user_cache_path("trainer") / "history")

    def digest(
        self,
        store: AttemptReads,
        profile: str,
        progress: Callable[[float], None] | None = None,
    ) -> Digest:
        """The profile's digest of the whole history (`progress(share done)` as shards that
        were not kept are counted)."""
        if store.has_loose_summaries():  # rare (until the next save): all of it counted
            return digests_of(store.summaries(profile)).get(profile, Digest())
        with self._lock:
            kept = self._up_to_date(store, progress or (lambda share: None))
        parts = [kept.sealed_profiles.get(profile), kept.newest_profiles.get(profile)]
        return merged(part for part in parts if part is not None)

    def quick(self, store: AttemptReads) -> bool:
        """Whether the digest takes a moment: a short history, or one whose older shards
        are all kept (at most the newest to count), so a screen may show it before its first
        paint rather than from a worker."""
        shards = store.indexed_shards()
        if len(shards) <= AT_ONCE:
            return True
        if store.has_loose_summaries():
            return False
        with self._lock:
            kept = self._kept_for(store.attempts_folder)
            stamps = {str(path): stamp_of(path) for _, path in shards[:-1]}
            missing = self._still_good(kept, stamps)
            return missing is not None and set(missing) <= {kept.newest}

    def _kept_for(self, folder: Path) -> _Kept:
        """What is kept for this history: in memory, else from the cache file (read once)."""
        kept = self._kept.get(folder) or self._read(self._file_for(folder)) or self._empty()
        if kept.zone != time_zone():
            kept = self._empty()
        self._kept[folder] = kept
        return kept

    @staticmethod
    def _still_good(kept: _Kept, older: dict[str, Stamp | None]) -> list[str] | None:
        """The older shards `kept` lacks (a new one sealed the one before), or None when its
        sum no longer holds: an older shard changed or went away (an import, a restore)."""
        if set(kept.sealed) - set(older):
            return None
        if any(kept.sealed.get(path, stamp) != stamp for path, stamp in older.items()):
            return None
        return [path for path in older if path not in kept.sealed]

    def _up_to_date(self, store: AttemptReads, progress: Callable[[float], None]) -> _Kept:
        folder = store.attempts_folder
        kept = self._kept_for(folder)
        shards = store.indexed_shards()
        stamps = {str(path): stamp_of(path) for _, path in shards}
        names = {str(path): name for name, path in shards}
        paths = list(stamps)
        older, newest = paths[:-1], (paths[-1] if paths else "")
        fresh = kept
        missing = self._still_good(kept, {path: stamps[path] for path in older})
        if missing is None:
            fresh, missing = self._empty(), older  # count every one again
        if missing or newest != fresh.newest or (newest and stamps[newest] != fresh.newest_stamp):
            sealed = dict(fresh.sealed)
            profiles = fresh.sealed_profiles
            for number, path in enumerate(missing, 1):
                if path == fresh.newest and stamps[path] == fresh.newest_stamp:
                    counted = fresh.newest_profiles  # the newest filled up: already counted
                else:
                    counted = digests_of(store.shard_summaries(names[path]))
                    progress(number / (len(missing) + 1))
                profiles = _sum(profiles, counted)
                sealed[path] = stamps[path] or (0, 0, 0)
            newest_profiles: Profiles = {}
            if newest:
                newest_profiles = digests_of(store.shard_summaries(names[newest]))
            fresh = _Kept(
                VERSION,
                time_zone(),
                sealed,
                profiles,
                newest,
                stamps.get(newest) or (0, 0, 0),
                newest_profiles,
            )
        if fresh is not kept:
            self._kept[folder] = fresh
            self._write(self._file_for(folder), fresh)
        return fresh

    @staticmethod
    def _empty() -> _Kept:
        return _Kept(VERSION, time_zone(), {}, {})

    def _file_for(self, folder: Path) -> Path | None:
        if self.folder is None:
            return None
        where = str(folder.resolve())
        return self.folder / f"digests-{hashlib.sha256(where.encode()).hexdigest()[:16]}.json"

    def _read(self, cache_file: Path | None) -> _Kept | None:
        if cache_file is None:
            return None
        try:
            kept = _DECODER.decode(cache_file.read_bytes())
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return None  # none yet, or damaged: counted again and rewritten
        if kept.version != VERSION or kept.zone != time_zone():
            return None
        return kept

    def _write(self, cache_file: Path | None, kept: _Kept) -> None:
        if cache_file is not None:
            write_cache_file(cache_file, _ENCODER.encode(kept))
