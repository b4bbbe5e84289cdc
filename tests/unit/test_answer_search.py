"""The history's answer search: shard by shard, in any case, skipping shards without the words,
tolerant of odd records, one line for a shard that cannot be read."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from trainer.core.store.answer_search import search_shard
from trainer.core.store.database import Store
from trainer.core.store.files import DataError
from trainer.core.store.records import Attempt, ProbeReply

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
Saved = tuple[Store, list[Attempt]]


def attempt(number: int, **fields: object) -> Attempt:
    values: dict[str, object] = {
        "profile": "ana",
        "card_id": "raft-L3-001",
        "card_hash": "abc",
        "started": NOW - timedelta(days=number),
        "ended": NOW - timedelta(days=number) + timedelta(minutes=9),
        "answer": "nothing to see",
        "score": 81.0,
        "band": "good",
    }
    values.update(fields)
    return Attempt(**values)  # type: ignore[arg-type]


@pytest.fixture
def saved(tmp_path: Path) -> Saved:
    store = Store.open(tmp_path / "trainer.json")
    attempts = [
        attempt(0, answer="Raft elects a LEADER with randomized timeouts."),
        attempt(1, notes='She said "fencing tokens" twice'),
        attempt(2, replies=(ProbeReply("depth", "Why quorum?", "Overlap of majorities."),)),
        attempt(3, answer="Le cœur du problème: la réplication"),
        attempt(4, follow_up_question="What about clocks?", follow_up_answer="Leases need them"),
    ]
    for one in attempts:
        store.save_attempt(one, None, NOW)
    return store, attempts


def found(store: Store, *words: str) -> dict[str, set[int]]:
    ids = {a.id: n for n, a in enumerate(store.attempts())}
    hits: dict[str, set[int]] = {word: set() for word in words}
    for path in store.shard_files():
        for word, held in search_shard(path, words).items():
            hits[word] |= {ids[i] for i in held}
    return hits


def test_every_text_of_an_attempt_is_searched_in_any_case(saved: Saved) -> None:
    store, _ = saved
    # store.attempts() is oldest first: attempt 4 (four days ago) is 0, attempt 0 is 4.
    assert found(store, "leader", "fencing", "majorit", "clocks", "leases", "réplic") == {
        "leader": {4},
        "fencing": {3},
        "majorit": {2},  # a reply to a probe
        "clocks": {0},  # a follow-up question
        "leases": {0},
        "réplic": {1},  # not ASCII: the shard is parsed, not searched as bytes
    }
    assert found(store, '"fencing', "zzz") == {'"fencing': {3}, "zzz": set()}


def test_a_shard_without_the_words_is_not_parsed(
    saved: Saved, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _ = saved
    import trainer.core.store.answer_search as search

    def refuse(*_: object) -> None:
        raise AssertionError("parsed a shard that cannot hold the word")

    monkeypatch.setattr(search, "_texts_of", refuse)
    assert found(store, "nowhere") == {"nowhere": set()}


def test_odd_records_are_searched_where_they_hold_text(saved: Saved) -> None:
    store, _ = saved
    [path] = store.shard_files()
    data = json.loads(path.read_text())
    first = next(iter(data["attempts"].values()))
    first["notes"] = 42  # not text: msgspec refuses the file, the tolerant path reads it
    first["answer"] = "a LEADER still"
    path.write_text(json.dumps(data))
    hits = search_shard(path, ["leader"])
    assert hits == {"leader": {first["id"]}}


def test_a_shard_that_does_not_parse_raises_one_line(saved: Saved) -> None:
    store, _ = saved
    [path] = store.shard_files()
    path.write_text('{"attempts": {"1": {"answer": "leader"')
    with pytest.raises(DataError) as error:
        search_shard(path, ["leader"])
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    assert search_shard(path.with_name("9999.json"), ["leader"]) == {"leader": set()}
