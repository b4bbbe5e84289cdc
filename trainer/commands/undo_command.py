"""`trainer undo`: undo the profile's last rating, restoring the schedule saved before it."""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from trainer.commands.profile_check import known_profile
from trainer.core.practice.undo_rating import undo
from trainer.core.store.database import Store
from trainer.core.terminal_text import visible


def undo_last(store: Store, profile: str | None, now: datetime, out: TextIO) -> int:
    """Undo and say what was undone; nothing to undo says so (exit 1)."""
    name = known_profile(store, profile)
    undone = undo(store, name)
    if undone is None:
        out.write(visible(f"Nothing to undo for {name}: no rating since the last undo\n"))
        return 1
    out.write(visible(undone.sentence(now)) + "\n")
    return 0
