"""Reading stored documents as records, skipping (and reporting) the ones that do not fit.

A damaged record must cost the user that record, not the whole history: each reader here
validates one document, and a document that does not fit is recorded in `Damage` with its
file and id, left on disk exactly as it was, and skipped. Commands print the damage every
time they run, so it is never reported once and then forgotten.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from fsrs import Card as FsrsCard

from trainer.core.schedule.scheduler import CardSchedule, Settings
from trainer.core.store.convert import BadRecord, from_doc
from trainer.core.store.jsontext import contains_huge
from trainer.core.store.migrations import SHARD_NAME
from trainer.core.store.records import Attempt, AttemptSummary, Profile

T = TypeVar("T")
REPORTED_LINES = 10  # a command lists at most this many damaged records, then counts the rest


@dataclass(frozen=True)
class Unreadable:
    """One record (or a whole file) that could not be read, and why."""

    path: Path
    what: str  # "attempt", "index entry", "profile", "schedule entry", "shard", ...
    key: str  # the record's id, or which document it is when it has none
    reason: str

    def line(self) -> str:
        return f"{self.path}: {self.what} {self.key}: {self.reason}"


class Damage:
    """What could not be read so far, each once (by file, kind and key)."""

    def __init__(self) -> None:
        self._found: dict[tuple[Path, str, str], Unreadable] = {}

    def add(self, path: Path, what: str, key: str, reason: str) -> None:
        """Record a problem; a second, different reason for the same record is appended."""
        found = self._found.get((path, what, key))
        if found is not None and reason not in found.reason:
            reason = f"{found.reason}; {reason}"
        elif found is not None:
            return
        self._found[(path, what, key)] = Unreadable(path, what, key, reason)

    def items(self) -> list[Unreadable]:
        return list(self._found.values())

    def __bool__(self) -> bool:
        return bool(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def clear(self) -> None:
        self._found.clear()

    def summary_lines(self) -> list[str]:
        """The warning lines a command prints: one per record, at most `REPORTED_LINES`."""
        items = self.items()
        if not items:
            return []
        lines = [
            f"{len(items)} stored record(s) could not be read and were skipped "
            "(they are left on disk as they were):"
        ]
        lines += [f"  {item.line()}" for item in items[:REPORTED_LINES]]
        if len(items) > REPORTED_LINES:
            lines.append(f"  ... and {len(items) - REPORTED_LINES} more")
        return lines


def key_of(doc: dict[str, Any], doc_id: str, field: str = "id") -> str:
    """How a record is named in a report: its id, else its place in the file."""
    value = doc.get(field)
    if isinstance(value, str) and value:
        return value[:80]
    return f"(document {doc_id}, no {field})"


def documents(table: object) -> Iterator[tuple[str, dict[str, Any]]]:
    """A TinyDB table's documents with their document ids (nothing for a bad table)."""
    if isinstance(table, dict):
        for doc_id, doc in table.items():
            if isinstance(doc, dict):
                yield str(doc_id), doc


def record(doc: dict[str, Any], kind: type[T], require: tuple[str, ...] = ()) -> T:
    """`doc` as a record of `kind`; fields in `require` must be present (no default id)."""
    for name in require:
        if not isinstance(doc.get(name), str) or not doc[name]:
            raise BadRecord(f"not a valid {kind.__name__} record: no {name}")
    return from_doc(doc, kind)


def attempt(doc: dict[str, Any]) -> Attempt:
    return record(doc, Attempt, ("id",))


def summary(doc: dict[str, Any]) -> AttemptSummary:
    found = record(doc, AttemptSummary, ("id",))
    if not SHARD_NAME.match(found.shard):
        raise BadRecord(f"not a valid index entry: impossible shard name {found.shard[:40]!r}")
    return found


def profile(doc: dict[str, Any]) -> Profile:
    return record(doc, Profile, ("name",))


def schedule_entry(doc: dict[str, Any]) -> CardSchedule:
    """A schedule document as the card's state; `BadRecord` when fsrs could not use it."""
    card_id, fsrs = doc.get("card_id"), doc.get("fsrs")
    if not isinstance(doc.get("profile"), str) or not isinstance(card_id, str):
        raise BadRecord("not a valid schedule entry: no profile or card id")
    if not isinstance(fsrs, dict) or contains_huge(fsrs):
        raise BadRecord("not a valid schedule entry: its fsrs state is not a set of fields")
    first = doc.get("first_review")
    try:
        FsrsCard.from_dict(fsrs)  # type: ignore[arg-type]  # a stored CardDict
        due = datetime.fromisoformat(fsrs["due"])
        if due.tzinfo is None:
            raise ValueError("due date without a time zone")
        if first is not None and datetime.fromisoformat(first).tzinfo is None:
            raise ValueError("first review without a time zone")
    except Exception as error:  # fsrs raises whatever its parsing meets
        raise BadRecord(f"not a valid schedule entry: {error or type(error).__name__}") from None
    return CardSchedule(card_id, fsrs)


def settings(doc: dict[str, Any]) -> Settings:
    """A settings document; `BadRecord` when a value has the wrong type or range."""
    fields = {key: value for key, value in doc.items() if key != "profile"}
    found = from_doc(fields, Settings)
    problems = found.problems()
    if problems:
        raise BadRecord(f"not valid settings: {'; '.join(problems)}")
    return found


def review_log(doc: dict[str, Any]) -> dict[str, Any]:
    """A review log as stored (it is exported as it is, so only its keys are checked)."""
    if not isinstance(doc.get("attempt_id"), str) or not isinstance(doc.get("profile"), str):
        raise BadRecord("not a valid review log: no attempt id or profile")
    if contains_huge(doc):
        raise BadRecord("not a valid review log: it holds a number too long to read")
    return doc
