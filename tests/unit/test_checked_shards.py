"""The check after start-up reads only the shards that changed since it last read them, and
still reports what it found in the others; a damaged or foreign cache is never trusted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_store import attempt
from trainer.core.store.checked import CheckedShards
from trainer.core.store.database import Store


def saved_store(tmp_path: Path, attempts: int) -> Store:
    store = Store.open(tmp_path / "db" / "trainer.json")
    for number in range(attempts):
        store.save_attempt(attempt(answer=f"answer {number}"), None, attempt().started)
    return store


def damage_shard(store: Store, shard: str) -> None:
    path = store.attempts_folder / f"{shard}.json"
    data = json.loads(path.read_text())
    first = next(iter(data["attempts"]))
    data["attempts"][first]["score"] = "high"  # text where a number is due
    path.write_text(json.dumps(data))


def check(store: Store, cache: Path) -> tuple[list[str], list[str]]:
    """What a fresh reader reports, and which shards it read whole."""
    reader = Store.open_to_read(store.paths.main)
    read: list[str] = []
    original = reader._check_shard

    def spy(name: str) -> None:
        read.append(name)
        original(name)

    reader._check_shard = spy  # type: ignore[method-assign]
    checked = CheckedShards.for_database(reader.paths.main, cache)
    reader.verify(quick=True)
    reader.check_shards(checked)
    checked.save()
    return [item.line() for item in reader.damage.items()], read


def test_unchanged_shards_are_not_read_again_and_their_damage_still_said(
    tmp_path: Path,
) -> None:
    store = saved_store(tmp_path, 201)  # two shards
    damage_shard(store, "0000")
    cache = tmp_path / "cache"
    first, read = check(store, cache)
    assert read == ["0000", "0001"]
    assert len(first) == 1 and "0000.json: attempt" in first[0] and "expected float" in first[0]
    again, read = check(store, cache)
    assert read == [] and again == first
    store.save_attempt(attempt(answer="one more"), None, attempt().started)  # into 0001
    after, read = check(store, cache)
    assert read == ["0001"] and after == first


def test_a_missing_shard_is_reported_with_how_many_attempts_it_held(tmp_path: Path) -> None:
    store = saved_store(tmp_path, 3)
    (store.attempts_folder / "0000.json").unlink()
    found, _ = check(store, tmp_path / "cache")
    assert any("shard is missing: 3 attempt(s)" in line for line in found)


@pytest.mark.parametrize("content", ["garbage", '{"version": 99}', ""])
def test_a_cache_that_cannot_be_trusted_means_reading_again(tmp_path: Path, content: str) -> None:
    store = saved_store(tmp_path, 2)
    cache = tmp_path / "cache"
    check(store, cache)
    [cache_file] = cache.iterdir()
    cache_file.write_text(content)
    _, read = check(store, cache)
    assert read == ["0000"]


def test_the_cache_of_another_database_is_not_used(tmp_path: Path) -> None:
    one = saved_store(tmp_path / "one", 2)
    two = saved_store(tmp_path / "two", 2)
    cache = tmp_path / "cache"
    check(one, cache)
    _, read = check(two, cache)
    assert read == ["0000"]
