"""`trainer stats`, `trainer export`, `trainer backup` and `trainer restore`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

from trainer.core.history.export import gather_export
from trainer.core.schedule.scheduler import in_words
from trainer.core.store.archive import ArchiveError, read_archive, restore_archive, write_archive
from trainer.core.store.database import Store
from trainer.core.store.paths import StorePaths


def stats(
    store: Store, profile: str, card_ids: Sequence[str], now: datetime, as_json: bool, out: TextIO
) -> int:
    """Attempts, cards seen, what is due, and the forecast for the next 14 days."""
    summaries = store.summaries(profile)
    schedule = store.schedule(profile)
    queue = store.queue(profile, card_ids, now)
    next_due = min((s.due for s in schedule.values()), default=None)
    record: dict[str, object] = {
        "profile": profile,
        "attempts": len(summaries),
        "cards_seen": len({s.card_id for s in summaries}),
        "cards_scheduled": len(schedule),
        "due_now": len(queue.due),
        "new_available_today": len(queue.new),
        "forecast": list(queue.forecast),
        "next_due": next_due.isoformat() if next_due else None,
    }
    if as_json:
        json.dump(record, out, indent=2)
        out.write("\n")
        return 0
    lines = [
        f"Profile {profile}: {record['attempts']} attempts on {record['cards_seen']} cards",
        f"Due today: {record['due_now']}; "
        f"new cards available today: {record['new_available_today']}",
        "Next 14 days: " + " ".join(str(count) for count in queue.forecast),
        f"Next card due: {in_words(next_due, now) if next_due else 'none scheduled yet'}",
    ]
    out.write("\n".join(lines) + "\n")
    return 0


def export(store: Store, profile: str | None, form: str, target: Path | None, out: TextIO) -> int:
    """Every attempt (of one profile or all) as markdown or JSON, to a file or stdout."""
    gathered = gather_export(store, profile, form)
    if target is None:
        out.write(gathered.text + "\n")
    else:
        target.write_text(gathered.text + "\n", encoding="utf-8")
        out.write(f"exported {gathered.attempts} attempts to {target}\n")
    return 0


def backup(paths: StorePaths, target: Path, out: TextIO) -> int:
    size = write_archive(paths, target)
    out.write(f"backed up {paths.main} to {target} ({size / 1024:.0f} KiB)\n")
    return 0


def restore(paths: StorePaths, source: Path, out: TextIO) -> tuple[int, str]:
    """Restore a backup; returns (exit code, error line)."""
    try:
        archive = read_archive(source)
    except ArchiveError as error:
        return 2, str(error)
    kept = restore_archive(paths, archive)
    out.write(f"restored {paths.main} from {source}\n")
    if kept:
        out.write(f"the database it replaced was kept in {kept}\n")
    return 0, ""
