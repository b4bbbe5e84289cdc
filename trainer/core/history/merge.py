"""`trainer import`: the attempts of a JSON export merged into a store by attempt id.

Every attempt goes in through the store's own save path (durable, locked, scheduled like a
new one). Attempts already there are skipped, so importing the same file twice adds nothing.
Reviews are replayed oldest first; one older than the card's last review here cannot be
replayed without rewriting that card's schedule, so it is kept in the history unscheduled."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fsrs import Rating

from trainer.core.store.convert import BadRecord, attempt_from_doc
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt

EXPORT_FORMAT = "trainer-export"


class ImportRefused(Exception):
    """The file is not an export this trainer can read; nothing was imported."""


@dataclass(frozen=True)
class Incoming:
    """An attempt from the file and when its card was reviewed (None: never rated)."""

    attempt: Attempt
    reviewed_at: datetime | None


@dataclass(frozen=True)
class MergeReport:
    """What importing did."""

    imported: int
    skipped: int  # already in the store (same attempt id)
    unscheduled: int  # rated, but older than the card's last review here: history only


def read_export(path: Path) -> list[Incoming]:
    """Every attempt of a `trainer export --format json` file, or `ImportRefused`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ImportRefused(f"{path} does not exist") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportRefused(
            f"{path} is not a trainer export: it does not parse ({error})"
        ) from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        hint = (
            "; a backup goes back with `trainer restore`"
            if isinstance(data, dict) and "main" in data
            else ""
        )
        raise ImportRefused(
            f"{path} is not a trainer export (made by `trainer export --format json`){hint}"
        )
    reviewed = _review_times(data.get("review_logs"))
    incoming = []
    for number, doc in enumerate(data.get("attempts") or [], start=1):
        try:
            attempt = attempt_from_doc(doc)
        except BadRecord as error:
            raise ImportRefused(
                f"{path}: attempt {number}: {error}; nothing was imported"
            ) from None
        when = reviewed.get(attempt.id, attempt.ended) if attempt.rating else None
        incoming.append(Incoming(attempt, when))
    return incoming


def merge(store: Store, incoming: Sequence[Incoming], profile: str | None = None) -> MergeReport:
    """Save every attempt the store lacks (only `profile`'s when given), oldest first."""
    known = {summary.id for summary in store.summaries()}
    chosen = [item for item in incoming if profile is None or item.attempt.profile == profile]
    imported = skipped = unscheduled = 0
    for item in sorted(chosen, key=lambda item: item.attempt.ended):
        attempt = item.attempt
        if attempt.id in known:
            skipped += 1
            continue
        store.ensure_profile(attempt.profile)
        rating = None
        if attempt.rating is not None and item.reviewed_at is not None:
            last = _last_review(store, attempt)
            if last is None or last <= item.reviewed_at:
                rating = Rating(attempt.rating)
            else:
                unscheduled += 1
        store.save_attempt(attempt, rating, item.reviewed_at or attempt.ended)
        known.add(attempt.id)
        imported += 1
    return MergeReport(imported, skipped, unscheduled)


def _last_review(store: Store, attempt: Attempt) -> datetime | None:
    state = store.schedule(attempt.profile).get(attempt.card_id)
    last = state.fsrs.get("last_review") if state else None
    return datetime.fromisoformat(last) if isinstance(last, str) else None


def _review_times(logs: object) -> dict[str, datetime]:
    times: dict[str, datetime] = {}
    for log in logs if isinstance(logs, list) else []:
        if (
            isinstance(log, dict)
            and not log.get("undone")
            and isinstance(log.get("reviewed_at"), str)
        ):
            try:
                times[str(log.get("attempt_id"))] = datetime.fromisoformat(log["reviewed_at"])
            except ValueError:
                continue
    return times
