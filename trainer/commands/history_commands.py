"""`trainer stats`, `trainer export`, `trainer backup` and `trainer restore`.

The first three only read: they work on a read-only data folder. Every one of them says, on
standard error and every time, which stored records could not be read (they are skipped and
left on disk), so a damaged history never passes for a complete one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

from trainer.core.history.export import gather_export
from trainer.core.schedule.scheduler import in_words
from trainer.core.store.archive import ArchiveError, read_archive, refuse_overwrite, write_archive
from trainer.core.store.database import Store
from trainer.core.store.files import DataError, atomic_write_text
from trainer.core.store.paths import StorePaths, real_path
from trainer.core.store.restore import restore as restore_database
from trainer.core.terminal_text import visible


def warn_damage(store: Store, err: TextIO | None = None) -> None:
    """Tell the user which records could not be read (nothing when all could): those the
    command met, and whatever else is damaged in the main file (a quick check)."""
    store.verify(quick=True)
    lines = store.damage.summary_lines()
    if lines:
        stream = err or sys.stderr
        stream.write(f"trainer: warning: {lines[0]}\n")
        stream.writelines(f"{line}\n" for line in lines[1:])


def stats(
    store: Store,
    profile: str,
    card_ids: Sequence[str],
    now: datetime,
    as_json: bool,
    out: TextIO,
    err: TextIO | None = None,
) -> int:
    """Attempts, cards seen, what is due, and the forecast for the next 14 days."""
    summaries = store.summaries(profile)
    schedule = store.schedule(profile)
    queue = store.queue(profile, card_ids, now)
    store.verify()  # counts come from the index: say if the attempts behind them are damaged
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
        "unreadable_records": len(store.damage),
    }
    if as_json:
        json.dump(record, out, indent=2)
        out.write("\n")
    else:
        lines = [
            f"Profile {profile}: {record['attempts']} attempts on {record['cards_seen']} cards",
            f"Due today: {record['due_now']}; "
            f"new cards available today: {record['new_available_today']}",
            "Next 14 days: " + " ".join(str(count) for count in queue.forecast),
            f"Next card due: {in_words(next_due, now) if next_due else 'none scheduled yet'}",
        ]
        out.write(visible("\n".join(lines) + "\n"))  # the profile name is anyone's text
    warn_damage(store, err)
    return 0


def export(
    store: Store,
    profile: str | None,
    form: str,
    target: Path | None,
    out: TextIO,
    force: bool = False,
    err: TextIO | None = None,
) -> int:
    """Every readable attempt (of one profile or all) as text, to a file or stdout. A file is
    written atomically, and an existing one replaced only with `force`."""
    if target is not None:
        target = real_path(target)
        refuse_overwrite(target, force)
    gathered = gather_export(store, profile, form)
    if target is None:
        # On a terminal nothing is printed raw (markdown is always visible, JSON is ASCII);
        # into a pipe CSV stays exact.
        out.write((visible(gathered.text) if out.isatty() else gathered.text) + "\n")
    else:
        atomic_write_text(target, gathered.text + "\n", create_folder=False)
        out.write(f"exported {gathered.attempts} attempts to {target}\n")
    warn_damage(store, err)
    return 0


def backup(
    store: Store | StorePaths,
    target: Path,
    out: TextIO,
    force: bool = False,
    err: TextIO | None = None,
) -> int:
    """The whole database in one file (written atomically; an existing file only with
    `force`). Reads only: works on a read-only data folder."""
    if isinstance(store, StorePaths):
        store = Store.open_to_read(store.main)
    size = write_archive(store, target, force)
    out.write(f"backed up {store.paths.main} to {real_path(target)} ({size / 1024:.0f} KiB)\n")
    warn_damage(store, err)
    return 0


def restore(paths: StorePaths, source: Path, out: TextIO) -> tuple[int, str]:
    """Restore a backup, all or nothing; returns (exit code, error line)."""
    try:
        archive = read_archive(source)
        restored = restore_database(paths.main, archive)
    except (ArchiveError, DataError) as error:
        return 2, str(error)
    out.write(f"restored {restored.main} from {source} ({restored.attempts} attempts)\n")
    if restored.kept:
        out.write(
            f"the database it replaced was kept in {restored.kept} "
            f"(`trainer restore {restored.kept}` brings it back)\n"
        )
    return 0, ""
