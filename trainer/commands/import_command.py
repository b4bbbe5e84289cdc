"""`trainer import FILE`: merge a JSON export into the database and say what happened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from trainer.commands.errors import CommandError
from trainer.core.history.merge import ImportRefused, merge, read_export
from trainer.core.store.database import Store


def import_file(
    open_store: Callable[[], Store], source: Path, profile: str | None, out: TextIO
) -> int:
    """Import the attempts of `source` (only `profile`'s when given) into the store, which is
    opened (and created if need be) only once the file has been read and found good."""
    try:
        incoming = read_export(source)
    except ImportRefused as error:
        raise CommandError(str(error)) from None
    store = open_store()
    report = merge(store, incoming, profile)
    line = (
        f"imported {report.imported} attempts from {source} into {store.paths.main}; "
        f"skipped {report.skipped} already there"
    )
    if report.unscheduled:
        line += (
            f"; {report.unscheduled} older than their card's last review here were kept "
            "in the history without changing its schedule"
        )
    out.write(line + "\n")
    return 0
