"""Undoing the last rating: the schedule saved before it is restored, not replayed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tinydb import Query

from trainer.core.store import shard_index
from trainer.core.store.migrations import SHARD_NAME

if TYPE_CHECKING:
    from trainer.core.store.database import Store


def undo_last_rating(store: Store, profile: str) -> str | None:
    """Restore the schedule saved before the profile's last rating; returns the card id.

    The caller holds the store's lock. A damaged undo record undoes nothing."""
    from trainer.core.store.database import first_review

    undo = next((d for _, d in store._table("undo") if d.get("profile") == profile), None)
    if undo is None:
        return None
    attempt_id, shard = undo.get("attempt_id"), undo.get("shard")
    if not isinstance(attempt_id, str) or not isinstance(shard, str) or not SHARD_NAME.match(shard):
        store.damage.add(store.paths.main, "undo record", profile, "no attempt id or shard")
        return None
    with store._database(store._shard_path(shard)) as db:
        attempts = db.table("attempts")
        doc = attempts.get(Query().id == attempt_id)
        if doc is None or not isinstance(doc.get("card_id"), str):
            return None
        attempts.update({"rating": None}, Query().id == attempt_id)
        db.table("review_logs").update({"undone": True}, Query().attempt_id == attempt_id)
    card_id: str = doc["card_id"]
    # The index before the main file: a crash in between leaves the undo record, and undoing
    # again finishes (every step is the same the second time).
    index = shard_index.index_path(store.attempts_folder, shard)
    if index.exists():
        with store._database(index) as db:
            db.table("index").update({"rating": None}, Query().id == attempt_id)
    with store._main() as db:
        key = (Query().profile == profile) & (Query().card_id == card_id)
        if doc.get("schedule_before"):
            db.table("schedule").upsert(
                {
                    "profile": profile,
                    "card_id": card_id,
                    "fsrs": doc["schedule_before"],
                    "first_review": first_review(db, profile, card_id),
                },
                key,
            )
        else:
            db.table("schedule").remove(key)
        if db.table("index").contains(Query().id == attempt_id):  # a schema 3 main file
            db.table("index").update({"rating": None}, Query().id == attempt_id)
        db.table("undo").remove(Query().profile == profile)
    return card_id
