"""Data that leaves trainer: attempts as CSV, review logs for FSRS tools, JSON exports imported
back, and the bank as an Anki deck."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating, ReviewLog

from tests.cardtext import MINIMAL_CARD
from trainer.cli import main
from trainer.core.grading.scoring import Band
from trainer.core.history.tabular import ATTEMPT_COLUMNS, FSRS_COLUMNS
from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt, Mode, Phase, PhaseTiming

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def attempt(day: int, card_id: str = "raft-L3-001", **fields: object) -> Attempt:
    started = NOW + timedelta(days=day)
    values: dict[str, object] = {
        "profile": "ana",
        "card_id": card_id,
        "card_hash": "abc",
        "started": started,
        "ended": started + timedelta(minutes=9),
        "answer": "Raft elects a leader with randomized timeouts.",
        "score": 81.0,
        "band": Band.GOOD,
        "card_title": "Raft Leader Election",
        "topic": "consensus",
        "level": "L3",
        "phases": (
            PhaseTiming(Phase.ANSWER, 120, 180, 150.4),
            PhaseTiming(Phase.DISCUSSION, 300, 420, 390.0),
        ),
    }
    values.update(fields)
    return Attempt(**values)  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "a" / "trainer.json")
    opened.update_settings("ana", Settings(fuzz=False))
    opened.save_attempt(attempt(0), Rating.Hard, NOW)
    later = attempt(3, mode=Mode.PAIR, interviewer="=HYPERLINK(1)", score=55.0)
    opened.save_attempt(later, Rating.Again, later.ended)
    opened.save_attempt(attempt(5, card_id="wal-L4-001"), None, NOW + timedelta(days=5))
    return opened


def export(store: Store, form: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "--format", form, "--db", str(store.paths.main)]) == 0
    return capsys.readouterr().out


def test_csv_has_one_row_per_attempt_for_spreadsheets(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.DictReader(io.StringIO(export(store, "csv", capsys))))
    assert tuple(rows[0]) == ATTEMPT_COLUMNS
    assert [row["card"] for row in rows] == ["raft-L3-001", "raft-L3-001", "wal-L4-001"]
    first, pair, unrated = rows
    assert first["date"] == NOW.astimezone().strftime("%Y-%m-%d %H:%M")
    assert (first["topic"], first["level"], first["mode"], first["partner"]) == (
        "consensus",
        "L3",
        "solo",
        "",
    )
    assert (first["score"], first["band"], first["rating"]) == ("81", "good", "Hard")
    assert (first["answer_seconds"], first["answer_budget_low"], first["answer_budget_high"]) == (
        "150",
        "120",
        "180",
    )
    assert first["discussion_seconds"] == "390"
    assert (pair["mode"], pair["rating"]) == ("pair", "Again")
    assert pair["partner"] == "'=HYPERLINK(1)"  # a formula stays text in a spreadsheet
    assert unrated["rating"] == ""


def test_fsrs_export_is_what_fsrs_tools_read(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.DictReader(io.StringIO(export(store, "fsrs", capsys))))
    assert tuple(rows[0]) == FSRS_COLUMNS
    assert [row["review_rating"] for row in rows] == ["2", "1"]  # the unrated one is no review
    assert {row["card_id"] for row in rows} == {rows[0]["card_id"]}  # one fsrs card per card
    assert int(rows[0]["review_time"]) == round(NOW.timestamp() * 1000)
    assert [row["review_duration"] for row in rows] == ["540400", "540400"]
    logs = [
        ReviewLog(
            card_id=int(row["card_id"]),
            rating=Rating(int(row["review_rating"])),
            review_datetime=datetime.fromtimestamp(int(row["review_time"]) / 1000, UTC),
            review_duration=int(row["review_duration"]),
        )
        for row in rows
    ]
    assert logs[0].review_datetime == NOW


def test_undone_reviews_are_left_out_of_the_fsrs_export(
    store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    store.undo_last_rating("ana")
    rows = list(csv.DictReader(io.StringIO(export(store, "fsrs", capsys))))
    assert [row["review_rating"] for row in rows] == ["2"]


def test_a_json_export_imports_into_another_database_once(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "export.json"
    assert (
        main(["export", "--format", "json", "--out", str(exported), "--db", str(store.paths.main)])
        == 0
    )
    other = tmp_path / "b" / "trainer.json"
    capsys.readouterr()
    assert main(["import", str(exported), "--db", str(other)]) == 0
    assert capsys.readouterr().out == (
        f"imported 3 attempts from {exported} into {other}; skipped 0 already there\n"
    )
    merged = Store.open(other)
    assert [a.id for a in merged.attempts()] == [a.id for a in store.attempts()]
    assert merged.schedule("ana")["raft-L3-001"].due == store.schedule("ana")["raft-L3-001"].due
    assert main(["import", str(exported), "--db", str(other)]) == 0
    assert "imported 0 attempts" in capsys.readouterr().out
    assert len(Store.open(other).attempts()) == 3


def test_an_import_older_than_the_cards_last_review_keeps_its_schedule(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "export.json"
    assert (
        main(["export", "--format", "json", "--out", str(exported), "--db", str(store.paths.main)])
        == 0
    )
    other = Store.open(tmp_path / "b" / "trainer.json")
    newer = attempt(30)
    other.save_attempt(newer, Rating.Good, newer.ended)
    due = other.schedule("ana")["raft-L3-001"].due
    capsys.readouterr()
    assert main(["import", str(exported), "--db", str(other.paths.main)]) == 0
    assert "2 older than their card's last review here" in capsys.readouterr().out
    assert other.schedule("ana")["raft-L3-001"].due == due
    assert len(other.attempts()) == 4


def test_import_refuses_what_is_not_an_export_and_imports_nothing(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup.json"
    assert main(["backup", str(backup), "--db", str(store.paths.main)]) == 0
    other = tmp_path / "b" / "trainer.json"
    assert main(["import", str(backup), "--db", str(other)]) == 2
    assert capsys.readouterr().err == (
        f"trainer: error: {backup} is not a trainer export (made by `trainer export --format "
        "json`); a backup goes back with `trainer restore`\n"
    )
    broken = tmp_path / "broken.json"
    data = {"format": "trainer-export", "attempts": [{"id": "x"}]}
    broken.write_text(json.dumps(data))
    assert main(["import", str(broken), "--db", str(other)]) == 2
    assert f"{broken}: attempt 1: " in capsys.readouterr().err
    assert not other.exists()  # a refused file creates no database
    missing = tmp_path / "nowhere.json"
    assert main(["import", str(missing), "--db", str(other)]) == 2
    assert capsys.readouterr().err == f"trainer: error: {missing} does not exist\n"
    assert not other.exists()


def test_export_cards_builds_an_anki_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    hostile = MINIMAL_CARD.replace("Why do distributed", "Why <script>x</script> do distributed")
    (bank / "card.md").write_text(hostile)
    deck = tmp_path / "deck.apkg"
    assert main(["export-cards", "--out", str(deck), "--bank", str(bank)]) == 0
    assert capsys.readouterr().out.startswith(f"wrote 1 cards to {deck}")
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        [(fields, tags)] = db.execute("select flds, tags from notes").fetchall()
    question, answer, concepts, card_id, topic, level = fields.split("\x1f")
    assert "&lt;script&gt;" in question and "<script>" not in fields
    assert "Lease Expiry" in concepts and "Must mention" in concepts
    assert answer.startswith("<") and card_id == "test-L4-001"
    assert (topic, level) == ("testing", "L4") and "testing" in tags.split()
