"""What `undo` would undo: the profile's last rating, read without changing anything (the
app names the card in its palette before anyone chooses to undo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from trainer.core.store.records import AttemptSummary

if TYPE_CHECKING:
    from trainer.core.store.database import Store


def last_rating(store: Store, profile: str) -> AttemptSummary | None:
    """The rated attempt the profile's undo record names (None: nothing to undo)."""
    # The undo table is the store's own record of the last rating (see `undo.py`).
    record = next((doc for _, doc in store._table("undo") if doc.get("profile") == profile), None)
    if record is None:
        return None
    attempt_id = record.get("attempt_id")
    found = next((s for s in store.summaries(profile) if s.id == attempt_id), None)
    return found if found is not None and found.rating is not None else None
