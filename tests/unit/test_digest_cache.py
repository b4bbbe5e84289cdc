"""A history's digest, kept per shard: the same as counting everything, recounting only what
changed, and never trusting a cache file it cannot check."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.perf.bench_store import build_store
from trainer.core.history import digest_cache
from trainer.core.history.digest import Digest, digests_of
from trainer.core.history.digest_cache import DigestCache
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt

PROFILE = "me"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("history"), 450)  # three shards


def counted_from_scratch(store: Store) -> Digest:
    return digests_of(store.summaries(PROFILE))[PROFILE]


class Spy:
    """Which shards' summaries a store was asked for."""

    def __init__(self, store: Store) -> None:
        self.asked: list[str] = []
        original = store.shard_summaries

        def spy(name: str) -> list[object]:
            self.asked.append(name)
            return original(name)  # type: ignore[return-value]

        store.shard_summaries = spy  # type: ignore[assignment, method-assign]


def test_the_digest_is_the_whole_history_counted(history: Path, tmp_path: Path) -> None:
    store = Store.open(history)
    digest = DigestCache(tmp_path).digest(store, PROFILE)
    assert digest.attempts == 450
    assert digest == counted_from_scratch(store)
    assert DigestCache(tmp_path).digest(store, "nobody") == Digest()


def test_kept_digests_are_read_back_and_only_a_changed_shard_is_counted(
    tmp_path: Path,
) -> None:
    main = build_store(tmp_path / "data", 450)
    store = Store.open(main)
    DigestCache(tmp_path / "cache").digest(store, PROFILE)
    again = Store.open(main)
    spy = Spy(again)
    fresh = DigestCache(tmp_path / "cache")  # a new run: from the file
    assert fresh.digest(again, PROFILE) == counted_from_scratch(again)
    assert spy.asked == []
    newest = again.summaries(PROFILE)[-1]
    attempt = again.attempt(newest.id)
    assert isinstance(attempt, Attempt)
    later = replace(attempt, id="a-new-one", started=attempt.started.replace(year=2027))
    again.save_attempt(later, None, later.started)
    digest = fresh.digest(again, PROFILE)
    assert spy.asked == ["0002"]  # the shard the save wrote, nothing else
    assert digest.attempts == 451 and digest == counted_from_scratch(again)


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"version": 1, "zone": 3}', b"[]"])
def test_a_damaged_cache_is_counted_again_and_rewritten(
    history: Path, tmp_path: Path, content: bytes
) -> None:
    store = Store.open(history)
    DigestCache(tmp_path).digest(store, PROFILE)
    (cache_file,) = tmp_path.glob("digests-*.json")
    cache_file.write_bytes(content)
    spy = Spy(store)
    assert DigestCache(tmp_path).digest(store, PROFILE) == counted_from_scratch(store)
    assert sorted(spy.asked) == ["0000", "0001", "0002"]
    assert cache_file.read_bytes() != content


def test_another_time_zone_or_version_is_counted_again(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(history)
    DigestCache(tmp_path).digest(store, PROFILE)
    monkeypatch.setattr(digest_cache, "time_zone", lambda: "elsewhere")
    spy = Spy(store)
    DigestCache(tmp_path).digest(store, PROFILE)
    assert len(spy.asked) == 3
    monkeypatch.setattr(digest_cache, "VERSION", digest_cache.VERSION + 1)
    DigestCache(tmp_path).digest(store, PROFILE)
    assert len(spy.asked) == 6


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    history: Path, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    store = Store.open(history)
    assert DigestCache(blocked / "cache").digest(store, PROFILE) == counted_from_scratch(store)


def test_a_new_shard_seals_the_last_one_without_counting_it_again(tmp_path: Path) -> None:
    main = build_store(tmp_path / "data", 400)  # two full shards: the next save starts a third
    store = Store.open(main)
    cache = DigestCache(tmp_path / "cache")
    cache.digest(store, PROFILE)
    attempt = store.attempt(store.summaries(PROFILE)[-1].id)
    assert isinstance(attempt, Attempt)
    store.save_attempt(replace(attempt, id="in-a-new-shard"), None, attempt.started)
    spy = Spy(store)
    digest = DigestCache(tmp_path / "cache").digest(store, PROFILE)
    assert spy.asked == ["0002"] and digest == counted_from_scratch(store)


def test_an_older_shard_that_changed_has_every_shard_counted_again(tmp_path: Path) -> None:
    main = build_store(tmp_path / "data", 450)
    store = Store.open(main)
    DigestCache(tmp_path / "cache").digest(store, PROFILE)
    index = next(store.attempts_folder.glob("0000.index.json"))
    index.write_bytes(index.read_bytes().replace(b'"score": ', b'"score":  ', 1))  # rewritten
    spy = Spy(store)
    digest = DigestCache(tmp_path / "cache").digest(store, PROFILE)
    assert sorted(spy.asked) == ["0000", "0001", "0002"]
    assert digest == counted_from_scratch(store)


def test_quick_says_whether_the_digest_is_at_hand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = build_store(tmp_path / "data", 450)
    store = Store.open(main)
    assert DigestCache(tmp_path / "cache").quick(store)  # three shards: counted in a moment
    monkeypatch.setattr(digest_cache, "AT_ONCE", 0)  # as if it were long
    assert not DigestCache(tmp_path / "cache").quick(store)  # never counted
    DigestCache(tmp_path / "cache").digest(store, PROFILE)
    assert DigestCache(tmp_path / "cache").quick(store)
    attempt = store.attempt(store.summaries(PROFILE)[-1].id)
    assert isinstance(attempt, Attempt)
    store.save_attempt(replace(attempt, id="one-more"), None, attempt.started)
    assert DigestCache(tmp_path / "cache").quick(store)  # the newest shard: a moment
    older = store.attempts_folder / "0000.index.json"
    older.write_bytes(older.read_bytes())
    assert not DigestCache(tmp_path / "cache").quick(store)
    assert not DigestCache(None).quick(store)
