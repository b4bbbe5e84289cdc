"""Renaming and deleting profiles: every place the name is stored, and a crash in between."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from trainer.core.grading.scoring import Band
from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import Store
from trainer.core.store.drafts import DraftStore
from trainer.core.store.profiles import ProfileError, delete_profile, rename_profile
from trainer.core.store.records import Attempt, Draft, Mode

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def attempt(card_id: str, profile: str, interviewer: str | None = None) -> Attempt:
    return Attempt(
        profile=profile,
        card_id=card_id,
        card_hash="h",
        started=NOW - timedelta(minutes=15),
        ended=NOW,
        answer="an answer",
        score=70.0,
        band=Band.GOOD,
        mode=Mode.PAIR if interviewer else Mode.SOLO,
        interviewer=interviewer,
    )


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "trainer.json")
    for name in ("ana", "ben"):
        opened.ensure_profile(name)
    opened.update_settings("ana", Settings(new_per_day=7))
    opened.save_attempt(attempt("raft", "ana"), Rating.Good, NOW)
    opened.save_attempt(attempt("cache", "ana"), Rating.Hard, NOW)
    opened.save_attempt(attempt("raft", "ben", interviewer="ana"), Rating.Good, NOW)
    DraftStore(opened.paths.drafts).save(Draft(profile="ana", card_id="gfs", started=NOW))
    return opened


def test_rename_moves_history_schedule_settings_undo_and_drafts(store: Store) -> None:
    assert rename_profile(store, "ana", "  Ana B ") == "Ana B"
    store = Store.open(store.paths.main)
    assert [p.name for p in store.profiles()] == ["Ana B", "ben"]
    assert [a.card_id for a in store.attempts("Ana B")] == ["raft", "cache"]
    assert store.attempts("ana") == [] and store.summaries("ana") == []
    assert [s.card_id for s in store.summaries("Ana B")] == ["raft", "cache"]
    assert [a.interviewer for a in store.attempts("ben")] == ["Ana B"]
    assert store.summaries("ben")[0].interviewer == "Ana B"
    assert set(store.schedule("Ana B")) == {"raft", "cache"}
    assert store.settings("Ana B").new_per_day == 7
    assert len(store.review_logs("Ana B")) == 2
    assert store.undo_last_rating("Ana B") == "cache"
    draft = DraftStore(store.paths.drafts).load("Ana B")
    assert draft is not None and draft.card_id == "gfs"
    assert not json.loads(store.paths.main.read_text())["profile_changes"]  # finished


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("ana", "ben", "a profile named 'ben' already exists"),
        ("ana", "   ", "a profile needs a name"),
        ("cy", "dee", "no profile named 'cy'"),
    ],
)
def test_a_rename_that_cannot_be_done_says_why_and_changes_nothing(
    store: Store, old: str, new: str, message: str
) -> None:
    before = store.paths.main.read_bytes()
    with pytest.raises(ProfileError, match=message):
        rename_profile(store, old, new)
    assert store.paths.main.read_bytes() == before


def test_delete_removes_their_attempts_but_not_those_they_interviewed(store: Store) -> None:
    assert delete_profile(store, "ana") == 2
    store = Store.open(store.paths.main)
    assert [p.name for p in store.profiles()] == ["ben"]
    assert store.attempts("ana") == [] and store.summaries("ana") == []
    assert store.schedule("ana") == {} and store.settings("ana") == Settings()
    assert store.review_logs("ana") == []
    assert [a.interviewer for a in store.attempts("ben")] == ["ana"]  # ben's attempt stays
    assert DraftStore(store.paths.drafts).load("ana") is None
    assert store.undo_last_rating("ana") is None
    assert not store.damage


def test_a_crash_after_the_main_file_is_finished_by_the_next_opening(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import trainer.core.store.profiles as profiles

    def crash(*_: object) -> None:
        raise KeyboardInterrupt  # the process dies after the main file was written

    monkeypatch.setattr(profiles, "_finish", crash)
    with pytest.raises(KeyboardInterrupt):
        delete_profile(store, "ana")
    monkeypatch.undo()
    pending = json.loads(store.paths.main.read_text())["profile_changes"]
    assert list(pending.values()) == [{"kind": "delete", "name": "ana"}]
    reopened = Store.open(store.paths.main)
    # The shards still held ana's attempts: they are removed, not put back in the index.
    assert reopened.summaries("ana") == [] and reopened.attempts("ana") == []
    assert json.loads(reopened.paths.main.read_text())["profile_changes"] == {}
    assert [s.profile for s in reopened.summaries()] == ["ben"]
