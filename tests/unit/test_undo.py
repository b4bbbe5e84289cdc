"""Undo as the app and `trainer undo` use it: what it would undo, and what it restores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from trainer.core.grading.scoring import Band
from trainer.core.practice.undo_rating import undo, undoable
from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def attempt(card_id: str, when: datetime) -> Attempt:
    return Attempt(
        profile="ana",
        card_id=card_id,
        card_hash="h",
        card_title=card_id.title(),
        started=when - timedelta(minutes=15),
        ended=when,
        answer="an answer",
        score=70.0,
        band=Band.GOOD,
    )


def test_undo_names_the_last_rating_before_and_restores_the_schedule_after(
    tmp_path: Path,
) -> None:
    store = Store.open(tmp_path / "trainer.json")
    store.update_settings("ana", Settings(fuzz=False, new_per_day=1))
    first = store.save_attempt(attempt("raft", NOW - timedelta(days=4)), Rating.Good, NOW)
    assert first.schedule is not None
    store.save_attempt(attempt("raft", NOW), Rating.Again, NOW)
    unrated = store.save_attempt(attempt("gfs", NOW), None, NOW)  # not rated: not undoable
    last = undoable(store, "ana")
    assert last is not None and (last.card_id, last.rating) == ("raft", int(Rating.Again))
    undone = undo(store, "ana")
    assert undone is not None and undone.due == first.schedule.due
    assert undone.sentence(NOW) == "Undid Again on Raft: back to due in 2 days"
    assert store.schedule("ana")["raft"].fsrs == first.schedule.fsrs
    # The card's first review stays counted today: undo gives back no new card.
    assert store.queue("ana", ["raft", "gfs", "zk"], NOW).new == ()
    assert undoable(store, "ana") is None and undo(store, "ana") is None
    assert store.attempt(unrated.attempt_id) is not None
