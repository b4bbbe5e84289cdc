"""Parsed cards kept between runs in the user's cache folder, so that a bank of thousands of
cards opens without parsing them again.

One cache file per set of bank roots. An entry is used only while its card file has the same
path, size and modification time (to the nanosecond); the whole file is ignored when the code
that reads cards changes (a fingerprint of its source) or when it does not decode as exactly
this layout (a truncated, garbled or foreign file is rebuilt, never trusted). JSON, decoded by
msgspec into typed structures: no pickle, nothing that runs code.

A card from the cache is a `CachedCard`: what names and lists it (id, title, level, topic,
question, budget) is there at once; the rest (concepts, keywords, model answers, probes) is
decoded from the cache the first time something reads it, so listing 5,000 cards decodes none.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Protocol

import msgspec

from trainer.core.cache_files import write_cache_file
from trainer.core.cards.budgets import Budget
from trainer.core.cards.model import Card, CardError, Problem

CACHE_FORMAT = 1
SETTLE_NS = 2_000_000_000
"""A file modified this recently is not cached yet: on a filesystem with coarse timestamps it
could change again within the same tick, with the same size, and the entry would go stale."""

LIGHT_FIELDS = (
    "path",
    "id",
    "level",
    "category",
    "topic",
    "subtopic",
    "type",
    "estimated_time",
    "title",
    "question",
    "budget",
    "content_hash",
)
HEAVY_FIELDS = tuple(f.name for f in fields(Card) if f.name not in LIGHT_FIELDS)


@dataclass(frozen=True)
class CachedLoad:
    """A card file's outcome taken from the cache (the parser's `CardLoad`, without parsing)."""

    path: Path
    card: Card | None
    problems: tuple[Problem, ...]


class Loaded(Protocol):
    """What `load` needs of a parse (the parser's `CardLoad`)."""

    @property
    def card(self) -> Card | None: ...

    @property
    def problems(self) -> tuple[Problem, ...]: ...


class _Summary(msgspec.Struct, frozen=True):
    id: str
    level: str
    category: str
    topic: str
    subtopic: str
    type: str
    estimated_time: str
    title: str
    question: str
    budget: Budget
    content_hash: str


class _Entry(msgspec.Struct, frozen=True):
    path: str
    size: int
    mtime_ns: int
    problems: tuple[Problem, ...]
    summary: _Summary | None
    card: msgspec.Raw  # the whole card (`null` when none), decoded on first use


class _CacheFile(msgspec.Struct, frozen=True):
    format: int
    fingerprint: str
    entries: list[_Entry]


def _encode_hook(value: object) -> object:
    if isinstance(value, Path):
        return str(value)
    raise NotImplementedError(type(value))


def _decode_hook(kind: type, value: object) -> object:
    if kind is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError(kind)


_NULL = b"null"
_ENCODER = msgspec.json.Encoder(enc_hook=_encode_hook)
_FILE_DECODER = msgspec.json.Decoder(_CacheFile, dec_hook=_decode_hook)
_CARD_DECODER = msgspec.json.Decoder(Card, dec_hook=_decode_hook)


class CachedCard(Card):
    """A `Card` whose rubric is decoded from the cache when first read (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The dataclass constructor's signature (`dataclasses.replace` calls it): a whole card.
        whole = Card(*args, **kwargs)
        object.__setattr__(self, "_whole", whole)
        for name in LIGHT_FIELDS:
            object.__setattr__(self, name, getattr(whole, name))

    @classmethod
    def lazy(cls, path: Path, summary: _Summary, raw: msgspec.Raw) -> CachedCard:
        card = object.__new__(cls)
        object.__setattr__(card, "path", path)
        for name in LIGHT_FIELDS[1:]:
            object.__setattr__(card, name, getattr(summary, name))
        object.__setattr__(card, "_raw", raw)
        return card

    def whole(self) -> Card:
        """The complete card (decoded now if it was not yet)."""
        whole: Card | None = self.__dict__.get("_whole")
        if whole is None:
            whole = _decode_card(self.path, self.id, self.__dict__["_raw"])
            object.__setattr__(self, "_whole", whole)
        return whole

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CachedCard):
            other = other.whole()
        return self.whole() == other if isinstance(other, Card) else NotImplemented

    def __hash__(self) -> int:
        return hash(self.whole())

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled (and copied) as the plain card it stands for: the cache's bytes stay here.
        return (_same, (self.whole(),))


def _same(card: Card) -> Card:
    return card


def _heavy_field(name: str) -> property:
    return property(lambda card: getattr(card.whole(), name), doc=f"The card's {name}.")


for _name in HEAVY_FIELDS:
    setattr(CachedCard, _name, _heavy_field(_name))


def _decode_card(path: Path, card_id: str, raw: msgspec.Raw) -> Card:
    """The whole card from its cached JSON; parsed from its file again if that is damaged."""
    try:
        card = _CARD_DECODER.decode(raw)
        if card.id == card_id and card.path == path:
            return card
    except (msgspec.MsgspecError, ValueError, TypeError):
        pass
    from trainer.core.cards.parser import load_card  # only on this rare path

    parsed = load_card(path).card
    if parsed is None or parsed.id != card_id:
        raise CardError(Problem(path, 0, "the card changed while trainer ran: start it again"))
    return parsed


class CardCache:
    """The cache files in one folder (by default the user's cache folder, `in_user_cache`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def in_user_cache(cls) -> CardCache:
        import platformdirs

        return cls(platformdirs.user_cache_path("trainer") / "cards")

    def file_for(self, roots: Sequence[Path]) -> Path:
        key = "\0".join(str(root.resolve()) for root in roots)
        return self.folder / f"bank-{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"

    def load(
        self,
        roots: Sequence[Path],
        paths: Sequence[Path],
        parse: Callable[[Path], Loaded],
        progress: Callable[[int, int], None] | None = None,
        statuses: dict[Path, os.stat_result] | None = None,
    ) -> list[CachedLoad]:
        """The outcome for each path, from the cache where it is still good, else parsed
        (`progress(done, total)` after each file parsed); the cache is rewritten when
        anything was parsed or dropped. `statuses`: the files' stats, when already taken."""
        statuses = statuses or {}
        cache_file = self.file_for(roots)
        fingerprint = parser_fingerprint()
        known = self._read(cache_file, fingerprint)
        loads: list[CachedLoad] = []
        entries: list[_Entry] = []
        missing: list[tuple[int, Path, os.stat_result | None]] = []
        for path in paths:
            status = statuses[path] if path in statuses else _stat(path)
            entry = known.get(str(path))
            if status is not None and entry is not None and _same_file(entry, status):
                loads.append(_from_entry(path, entry))
                entries.append(entry)
            else:
                missing.append((len(loads), path, status))
                loads.append(CachedLoad(path, None, ()))
        now = time.time_ns()
        for done, (index, path, status) in enumerate(missing, start=1):
            parsed = parse(path)
            loads[index] = CachedLoad(path, parsed.card, parsed.problems)
            if status is not None and now - status.st_mtime_ns >= SETTLE_NS:
                entries.append(_to_entry(path, status, loads[index]))
            if progress is not None:
                progress(done, len(missing))
        if missing or len(entries) != len(known):
            self._write(cache_file, _CacheFile(CACHE_FORMAT, fingerprint, entries))
        return loads

    def _read(self, cache_file: Path, fingerprint: str) -> dict[str, _Entry]:
        try:
            decoded = _FILE_DECODER.decode(cache_file.read_bytes())
        except (OSError, msgspec.MsgspecError, ValueError, TypeError):
            return {}  # absent, unreadable or damaged: rebuilt from the card files
        if decoded.format != CACHE_FORMAT or decoded.fingerprint != fingerprint:
            return {}
        return {
            entry.path: entry
            for entry in decoded.entries
            if (entry.summary is None) == (bytes(entry.card) == _NULL)  # both or neither
        }

    def _write(self, cache_file: Path, content: _CacheFile) -> None:
        write_cache_file(cache_file, _ENCODER.encode(content))


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _same_file(entry: _Entry, status: os.stat_result) -> bool:
    return entry.size == status.st_size and entry.mtime_ns == status.st_mtime_ns


def _from_entry(path: Path, entry: _Entry) -> CachedLoad:
    card = None
    if entry.summary is not None:
        card = CachedCard.lazy(path, entry.summary, entry.card)
    return CachedLoad(path, card, entry.problems)


def _to_entry(path: Path, status: os.stat_result, load: CachedLoad) -> _Entry:
    card = load.card
    summary, raw = None, msgspec.Raw(_NULL)
    if card is not None:
        summary = _Summary(**{name: getattr(card, name) for name in LIGHT_FIELDS[1:]})
        whole = card.whole() if isinstance(card, CachedCard) else card
        raw = msgspec.Raw(_ENCODER.encode(whole))
    return _Entry(str(path), status.st_size, status.st_mtime_ns, load.problems, summary, raw)


@functools.cache
def parser_fingerprint() -> str:
    """Changes whenever the code that reads cards does (its source files, this one included).
    Without the source (an install of compiled files only) it is new on every run: nothing
    cached is trusted. Not the package version: reading it costs a tenth of a start."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}".encode())
    package = Path(__file__).resolve().parent
    read = 0
    for source in sorted([*package.glob("*.py"), package.parent / "terminal_text.py"]):
        with contextlib.suppress(OSError):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
            read += 1
    if read == 0:
        digest.update(os.urandom(16))
    return digest.hexdigest()[:32]
