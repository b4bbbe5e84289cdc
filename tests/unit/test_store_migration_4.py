"""Schema 3 -> 4: the index of attempts leaves the main file for one file per shard, and a
database written by the previous release opens with nothing lost."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from trainer.core.grading.bands import Band
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def attempt(card: str, hours: int) -> Attempt:
    started = NOW - timedelta(hours=hours)
    return Attempt(
        profile="ana",
        card_id=card,
        card_hash="h",
        started=started,
        ended=started + timedelta(minutes=10),
        answer=f"answer {card} {hours}",
        score=70.0,
        band=Band.GOOD,
        card_title=f"Title of {card}",
    )


def as_schema_3(main: Path) -> int:
    """Rewrite a store as the previous release kept it: every index entry in the main file,
    no index files, schema 3. Returns how many entries."""
    data = json.loads(main.read_text())
    folder = main.with_name(f"{main.stem}.d") / "attempts"
    entries = []
    for path in sorted(folder.glob("*.index.json")):
        entries += json.loads(path.read_text())["index"].values()
        path.unlink()
    data["index"] = {str(n): doc for n, doc in enumerate(entries, start=1)}
    for meta in data["meta"].values():
        meta["schema"] = 3
    main.write_text(json.dumps(data))
    return len(entries)


def test_schema_3_database_opens_with_everything(tmp_path: Path) -> None:
    main = tmp_path / "trainer.json"
    store = Store.open(main)
    for number in range(450):
        store.save_attempt(attempt(f"card-{number % 7}", 500 - number), None, NOW)
    store.save_attempt(attempt("card-rated", 1), Rating.Good, NOW)
    identity = store.identity
    before = [(s.id, s.shard, s.card_title) for s in store.summaries()]
    assert as_schema_3(main) == 451
    data = json.loads(main.read_text())
    data["index"]["9999"] = {"id": "odd", "shard": "../x", "started": NOW.isoformat()}
    main.write_text(json.dumps(data))

    reopened = Store.open(main)
    assert [(s.id, s.shard, s.card_title) for s in reopened.summaries()] == before
    assert reopened.identity == identity  # a migration is not a restore
    upgraded = json.loads(main.read_text())
    [meta] = upgraded["meta"].values()
    assert (meta["schema"], meta["migrated_from"]) == (4, 3)
    assert [doc["id"] for doc in upgraded["index"].values()] == ["odd"]  # kept, reported
    assert any(item.what == "index entry" for item in reopened.damage.items())
    folder = reopened.attempts_folder
    assert sorted(p.name for p in folder.glob("*.index.json")) == [
        "0000.index.json",
        "0001.index.json",
        "0002.index.json",
    ]
    old = json.loads((reopened.paths.backups / "trainer.json.1").read_text())
    assert len(old["index"]) == 452  # the schema 3 file itself is the newest backup
    assert reopened.undo_last_rating("ana") == "card-rated"
    assert next(s for s in reopened.summaries() if s.card_id == "card-rated").rating is None
    saved = reopened.save_attempt(attempt("card-new", 0), Rating.Good, NOW)
    assert Store.open(main).has_attempt(saved.attempt_id)
    assert len(Store.open(main).attempts("ana")) == 452


def test_interrupted_migration_is_finished(tmp_path: Path) -> None:
    main = tmp_path / "trainer.json"
    store = Store.open(main)
    for number in range(5):
        store.save_attempt(attempt(f"card-{number}", number), None, NOW)
    as_schema_3(main)
    schema_3 = main.read_bytes()
    Store.open(main)
    main.write_bytes(schema_3)  # the index files were written, the main file not yet
    again = Store.open(main)
    assert len(again.summaries()) == 5
    assert not json.loads(main.read_text()).get("index")


def test_schema_3_file_reads_read_only_without_change(tmp_path: Path) -> None:
    main = tmp_path / "trainer.json"
    store = Store.open(main)
    for number in range(3):
        store.save_attempt(attempt(f"card-{number}", number), None, NOW)
    as_schema_3(main)
    schema_3 = main.read_bytes()
    reader = Store.open_to_read(main)
    assert len(reader.summaries()) == 3 and len(reader.attempts()) == 3
    assert main.read_bytes() == schema_3


def test_profile_rename_and_delete_reach_the_index_files(tmp_path: Path) -> None:
    from trainer.core.store.profiles import delete_profile, rename_profile

    store = Store.open(tmp_path / "trainer.json")
    store.ensure_profile("ana")
    for number in range(3):
        store.save_attempt(attempt(f"card-{number}", number), None, NOW)
    rename_profile(store, "ana", "bea")
    assert {s.profile for s in Store.open(store.paths.main).summaries()} == {"bea"}
    assert delete_profile(store, "bea") == 3
    assert Store.open(store.paths.main).summaries() == []
