"""The store: profiles, saving and rescheduling, undo, queues, settings, corruption, migration."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import (
    CorruptDatabase,
    NeedsRestore,
    NewerSchema,
    Store,
    StoreBusy,
)
from trainer.core.store.files import CorruptFile
from trainer.core.store.paths import StorePaths
from trainer.core.store.records import Attempt

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def attempt(card_id: str = "raft-L3-001", profile: str = "ana", **fields: object) -> Attempt:
    values: dict[str, object] = {
        "profile": profile,
        "card_id": card_id,
        "card_hash": "abc",
        "started": NOW - timedelta(minutes=12),
        "ended": NOW,
        "answer": "Raft elects a leader with randomized timeouts.",
        "score": 81.0,
        "band": "good",
    }
    values.update(fields)
    return Attempt(**values)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "trainer.json")
    opened.update_settings("ana", Settings(fuzz=False))
    return opened


def test_new_store_has_schema_and_profiles(store: Store) -> None:
    data = json.loads(store.paths.main.read_text())
    [meta] = data["meta"].values()
    assert (meta["schema"], meta["attempts"]) == (4, "attempts") and len(meta["id"]) == 32
    store.ensure_profile("ana")
    store.ensure_profile("ben")
    store.ensure_profile("ana")
    assert [p.name for p in store.profiles()] == ["ana", "ben"]


def test_saved_attempt_is_complete_and_reschedules_its_card(store: Store) -> None:
    saved = store.save_attempt(attempt(notes="watch terms"), Rating.Hard, NOW)
    assert saved.schedule is not None and saved.schedule.due > NOW
    [summary] = store.summaries("ana")
    assert (summary.card_id, summary.score, summary.rating) == ("raft-L3-001", 81.0, 2)
    full = store.attempt(saved.attempt_id)
    assert full is not None and full.notes == "watch terms" and full.rating == 2
    assert store.schedule("ana")["raft-L3-001"].due == saved.schedule.due
    assert store.schedule("ben") == {}
    [log] = store.review_logs("ana")
    assert log["rating"] == 2 and log["fsrs_log"]["rating"] == 2


def test_failed_card_comes_back_the_next_day_not_in_a_minute(store: Store) -> None:
    first = store.save_attempt(attempt(), Rating.Good, NOW).schedule
    assert first is not None
    later = first.due
    failed = store.save_attempt(attempt(started=later, ended=later), Rating.Again, later).schedule
    assert failed is not None and failed.due - later == timedelta(days=1)


def test_unrated_attempt_keeps_the_schedule(store: Store) -> None:
    store.save_attempt(attempt(), None, NOW)
    assert store.schedule("ana") == {}
    assert store.summaries()[0].rating is None


def test_undo_restores_the_saved_state(store: Store) -> None:
    first = store.save_attempt(attempt(), Rating.Good, NOW).schedule
    assert first is not None
    store.save_attempt(attempt(), Rating.Again, NOW + timedelta(days=3))
    assert store.undo_last_rating("ana") == "raft-L3-001"
    assert store.schedule("ana")["raft-L3-001"].fsrs == first.fsrs
    assert store.undo_last_rating("ana") is None  # one level: the last rating
    assert [log["undone"] for log in store.review_logs("ana")] == [False, True]
    assert [s.rating for s in store.summaries("ana")] == [3, None]


def test_undo_of_a_first_review_makes_the_card_new_again(store: Store) -> None:
    store.save_attempt(attempt(), Rating.Hard, NOW)
    store.undo_last_rating("ana")
    assert store.schedule("ana") == {}


def test_queue_due_first_then_new_up_to_the_daily_limit(store: Store) -> None:
    store.update_settings("ana", Settings(new_per_day=2, fuzz=False))
    store.save_attempt(attempt("a"), Rating.Again, NOW - timedelta(days=3))
    store.save_attempt(attempt("b"), Rating.Again, NOW - timedelta(days=5))
    store.save_attempt(attempt("c"), Rating.Good, NOW)
    bank = ["a", "b", "c", "d", "e", "f"]
    queue = store.queue("ana", bank, NOW)
    assert queue.due == ("b", "a")  # most overdue first
    assert queue.new == ("d",)  # one new card was already started today ("c")
    assert sum(queue.forecast) == 3 and queue.forecast[0] == 2
    assert queue.next_card == "b"


def test_settings_are_per_profile_and_validated(store: Store) -> None:
    store.update_settings("ben", Settings(desired_retention=0.85, new_per_day=3))
    assert store.settings("ben").new_per_day == 3
    assert store.settings("cy") == Settings()
    with pytest.raises(ValueError, match="desired retention"):
        store.update_settings("ben", Settings(desired_retention=1.5))


def test_card_text_edits_keep_progress(store: Store) -> None:
    store.save_attempt(attempt(card_hash="v1"), Rating.Good, NOW)
    store.save_attempt(attempt(card_hash="v2"), Rating.Good, NOW + timedelta(days=2))
    assert [a.card_hash for a in store.attempts("ana")] == ["v1", "v2"]
    assert len(store.schedule("ana")) == 1


def test_shards_hold_at_most_200_attempts(store: Store) -> None:
    for number in range(205):
        store.save_attempt(attempt(f"card-{number}"), None, NOW)
    shards = sorted(p.name for p in store.paths.attempts.glob("*.json"))
    assert shards == ["0000.index.json", "0000.json", "0001.index.json", "0001.json"]
    assert [s.shard for s in store.summaries()].count("0000") == 200
    assert not json.loads(store.paths.main.read_text()).get("index")  # nothing grows there
    assert len(store.summaries()) == 205
    assert len(store.attempts()) == 205


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"meta": {"1": {"schema": 2}}, "profiles": {"1": {"na', "not JSON"),
        (b"\x00\x01garbage\xff", "not UTF-8"),
        (b"", "empty"),
        (b"[1, 2, 3]", "not a TinyDB database"),
        (b'{"profiles": [1, 2]}', "not a TinyDB database"),
    ],
)
def test_corrupt_main_file_is_moved_aside_never_overwritten(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    main = tmp_path / "trainer.json"
    main.write_bytes(content)
    with pytest.raises(CorruptDatabase) as raised:
        Store.open(main)
    corrupt = raised.value.corrupt
    assert isinstance(corrupt, CorruptFile)  # a writer moved it aside
    assert corrupt.moved_to.read_bytes() == content
    assert not main.exists()
    assert reason in str(raised.value)
    assert "\n" not in str(raised.value)


def test_corrupt_main_file_offers_the_newest_good_backup(store: Store) -> None:
    store.save_attempt(attempt(), Rating.Good, NOW)
    store.save_attempt(attempt("other"), Rating.Good, NOW)
    store.paths.main.write_text('{"broken')
    with pytest.raises(CorruptDatabase) as raised:
        Store.open(store.paths.main)
    backup = raised.value.backup
    assert backup is not None and backup.name == "trainer.json.1"
    assert f"trainer restore {backup}" in str(raised.value)
    with pytest.raises(NeedsRestore):  # never start empty over someone's history
        Store.open(store.paths.main)


def test_newer_schema_is_left_untouched(tmp_path: Path) -> None:
    main = tmp_path / "trainer.json"
    content = json.dumps({"meta": {"1": {"schema": 99}}})
    main.write_text(content)
    with pytest.raises(NewerSchema, match="newer trainer"):
        Store.open(main)
    assert main.read_text() == content


def test_migration_from_version_1(tmp_path: Path) -> None:
    main = tmp_path / "trainer.json"
    started = NOW.isoformat()
    attempts = {
        str(n + 1): {
            "id": f"old-{n:03d}",
            "profile": "ana",
            "card_id": f"card-{n % 7}",
            "started": (NOW + timedelta(minutes=n)).isoformat(),
            "ended": started,
            "answer_text": f"answer number {n}",
            "score": 50.0 + n % 50,
            "band": "needs_improvement",
            "rating": 1,
        }
        for n in range(450)
    }
    version_1 = {
        "meta": {"1": {"schema": 1}},
        "profiles": {"1": {"name": "ana", "created": started}},
        "schedule": {
            "1": {
                "profile": "ana",
                "card_id": "card-1",
                "fsrs": {
                    "card_id": 1,
                    "state": 2,
                    "step": None,
                    "stability": 3.0,
                    "difficulty": 5.0,
                    "due": started,
                    "last_review": started,
                },
            }
        },
        "attempts": attempts,
    }
    main.write_text(json.dumps(version_1))
    store = Store.open(main)
    data = json.loads(main.read_text())
    assert next(iter(data["meta"].values()))["schema"] == 4
    assert "attempts" not in data  # the history moved to shards
    assert not data.get("index")  # and its index beside them
    assert sorted(p.name for p in store.paths.attempts.glob("*.json")) == [
        "0000.index.json",
        "0000.json",
        "0001.index.json",
        "0001.json",
        "0002.index.json",
        "0002.json",
    ]
    loaded = store.attempts("ana")
    assert len(loaded) == 450 and len(store.summaries("ana")) == 450
    assert loaded[7].answer == "answer number 7" and loaded[7].id == "old-007"
    assert "card-1" in store.schedule("ana")
    old = json.loads((store.paths.backups / "trainer.json.1").read_text())
    assert list(old["meta"].values()) == [{"schema": 1}]  # the version-1 file is kept


def test_interrupted_save_is_repaired_on_open(store: Store, tmp_path: Path) -> None:
    store.save_attempt(attempt(), Rating.Good, NOW)
    main_before = store.paths.main.read_bytes()
    index = store.paths.attempts / "0000.index.json"
    index_before = index.read_bytes()
    store.save_attempt(attempt("second"), Rating.Good, NOW)
    store.paths.main.write_bytes(main_before)  # as if the crash came before the main write
    index.write_bytes(index_before)
    reopened = Store.open(store.paths.main)
    assert [s.card_id for s in reopened.summaries()] == ["raft-L3-001", "second"]
    assert "second" in reopened.schedule("ana")


def test_crash_between_main_and_index_indexes_without_rescheduling_twice(store: Store) -> None:
    store.save_attempt(attempt(), Rating.Good, NOW)
    index = store.paths.attempts / "0000.index.json"
    index_before = index.read_bytes()
    store.save_attempt(attempt(), Rating.Good, NOW + timedelta(days=3))
    schedule_after = store.schedule("ana")["raft-L3-001"].fsrs
    index.write_bytes(index_before)  # the schedule was written, the index not yet
    reopened = Store.open(store.paths.main)
    assert len(reopened.summaries()) == 2
    assert reopened.schedule("ana")["raft-L3-001"].fsrs == schedule_after  # applied once


def test_retried_save_after_a_failed_index_write_is_counted_once(store: Store) -> None:
    first = attempt()
    store.save_attempt(first, Rating.Good, NOW)
    index = store.paths.attempts / "0000.index.json"
    index.unlink()  # as if the index write had failed after the shard and the main file
    store._index_cache.clear()
    schedule_after = store.schedule("ana")["raft-L3-001"].fsrs
    again = store.save_attempt(first, Rating.Good, NOW)
    assert again.schedule is not None and again.schedule.fsrs == schedule_after
    assert [s.id for s in store.summaries()] == [first.id]
    assert len(store.review_logs()) == 1


def test_busy_store_gives_a_clear_error(store: Store) -> None:
    other = Store(StorePaths(store.paths.main), lock_timeout=0.05)
    with store._locked(), pytest.raises(StoreBusy, match="another trainer is saving"):
        other.save_attempt(attempt(), None, NOW)
