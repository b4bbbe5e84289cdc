"""Index files read at the speed a 50,000-attempt history needs.

Reading an index entry through cattrs (`convert`) takes about 18 µs, most of it in the strict
hooks; 50,000 entries took almost a second. msgspec decodes a whole index file straight into
`AttemptSummary` records, as strictly (text must be text, an integer an integer and not
`true`, a list a list), in about 4 µs an entry. Whatever it refuses (one bad entry, a number too
long, a date without its time zone, an impossible shard name) sends the file back to the
per-entry path, which skips and reports just the bad entries: this path never accepts what
that one would refuse (tests/unit/test_fast_summary.py compares the two).

The names an index file repeats (concepts, cards, topics, profiles) are then made one string
each: it takes 50,000 summaries from 86 to 41 MiB, for 3 µs an entry. A whole history is only
read in a worker (history, progress, missed concepts), while the user waits on just a page.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import msgspec

from trainer.core.store.migrations import SHARD_NAME
from trainer.core.store.records import AttemptSummary


class _IndexFile(msgspec.Struct, forbid_unknown_fields=True):  # another table: the slow path
    index: dict[str, AttemptSummary] = {}


class _Started(msgspec.Struct):
    started: str


class _StartedFile(msgspec.Struct):
    index: dict[str, _Started] = {}


_DECODER = msgspec.json.Decoder(_IndexFile)
# msgspec's RFC 3339 dates are not Python's: it reads "2026-01-01t00:00z" (Python refuses it)
# and rounds a seventh decimal Python cuts. The dates are read again as text, as Python does.
_DATES = msgspec.json.Decoder(_StartedFile)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while tens of thousands of records are built: each pass would
    walk all those made so far (it doubled the time to read 50,000 summaries). Records hold
    no cycles, so nothing is left for the collector to find afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_index_file(path: Path) -> list[AttemptSummary] | None:
    """Every entry of a shard's index file, or None when the per-entry path must read it
    (the file is missing, unreadable, or holds anything that path might refuse)."""
    try:
        data = path.read_bytes()
        entries = list(_DECODER.decode(data).index.values())
        dates = [datetime.fromisoformat(d.started) for d in _DATES.decode(data).index.values()]
    except (OSError, msgspec.DecodeError, ValueError):
        return None
    for entry, started in zip(entries, dates, strict=True):
        if entry.started != started or started.tzinfo is None:
            return None
        if not entry.id or not SHARD_NAME.match(entry.shard):
            return None
    _share_repeated_strings(entries)
    return entries


def _share_repeated_strings(entries: list[AttemptSummary]) -> None:
    """One string object for each name the entries repeat (frozen records: set in place,
    before anyone else holds them)."""
    seen: dict[str, str] = {}
    one = seen.setdefault
    lists: dict[tuple[str, ...], tuple[str, ...]] = {}  # the same lists of names repeat too
    same = lists.setdefault
    put = object.__setattr__
    for entry in entries:
        for name in ("covered", "missed_core", "missed_bonus"):
            names = tuple([one(n, n) for n in getattr(entry, name)])
            put(entry, name, same(names, names))
        for name in ("card_title", "card_id", "topic", "level", "profile", "shard"):
            value = getattr(entry, name)
            put(entry, name, one(value, value))
