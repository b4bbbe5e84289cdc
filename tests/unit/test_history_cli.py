"""`trainer stats`, `export`, `backup` and `restore`, against a database given by --db."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from trainer.cli import main
from trainer.core.cards.model import ProbeKind
from trainer.core.grading.scoring import Band
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt, Phase, PhaseTiming


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "trainer.json"
    store = Store.open(path)
    store.ensure_profile("ana")
    store.ensure_profile("ben")
    now = datetime.now(UTC)
    for profile, card_id in (
        ("ana", "consensus-L3-001"),
        ("ana", "caching-L3-001"),
        ("ben", "consensus-L3-001"),
    ):
        store.save_attempt(
            Attempt(
                profile=profile,
                card_id=card_id,
                card_hash="h",
                card_title="A title",
                started=now - timedelta(minutes=15),
                ended=now,
                answer="Terms act as a **logical clock**.",
                score=72.5,
                band=Band.GOOD,
                phases=(PhaseTiming(Phase.ANSWER, 120, 180, 170.0),),
                follow_up_kind=ProbeKind.GUIDED,
                follow_up_question="What stops split votes?",
                follow_up_answer="Randomized timeouts.",
                notes="Good pace",
            ),
            Rating.Hard,
            now,
        )
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_stats_text_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db), "stats", "--profile", "ana")
    assert code == 0
    assert out.splitlines()[0] == "Profile ana: 2 attempts on 2 cards"
    assert "Next card due: tomorrow" in out
    code, out, _ = run(capsys, "--db", str(db), "--profile", "ben", "stats", "--json")
    record = json.loads(out)
    assert (record["profile"], record["attempts"], record["cards_seen"]) == ("ben", 1, 1)
    assert len(record["forecast"]) == 14 and record["forecast"][1] == 1
    assert record["new_available_today"] == 4


def test_export_markdown_and_json(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", str(db), "export", "--profile", "ana")
    assert code == 0
    assert out.startswith("# trainer export: profile ana, 2 attempts")
    assert out.count("\n## ") == 2
    assert "### Follow-up (guided probe)" in out and "Randomized timeouts." in out
    assert "- Answer: 2:50 used of 2-3 min" in out
    target = tmp_path / "all.json"
    code, out, _ = run(capsys, "--db", str(db), "export", "--format", "json", "--out", str(target))
    assert out == f"exported 3 attempts to {target}\n"
    exported = json.loads(target.read_text())
    assert len(exported["attempts"]) == 3 and len(exported["review_logs"]) == 3
    assert exported["attempts"][0]["answer"] == "Terms act as a **logical clock**."


def test_backup_and_restore_round_trip(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "backup.json"
    assert run(capsys, "--db", str(db), "backup", str(backup))[0] == 0
    other = tmp_path / "elsewhere" / "trainer.json"
    code, out, _ = run(capsys, "--db", str(other), "restore", str(backup))
    assert code == 0 and out.startswith("restored")
    restored = Store.open(other)
    assert len(restored.attempts()) == 3 and len(restored.schedule("ana")) == 2


def test_restore_refuses_what_does_not_parse(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    for content in ("not json", "[1, 2]", ""):
        bad = tmp_path / "bad.json"
        bad.write_text(content)
        code, out, err = run(capsys, "--db", str(db), "restore", str(bad))
        assert code == 2 and out == ""
        assert err.startswith(f"trainer: error: {bad} is not a trainer backup")
        assert err.count("\n") == 1
    assert db.read_bytes() == before


def test_corrupt_database_is_one_line_and_names_the_backup(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.write_text("{ truncated")
    code, out, err = run(capsys, "--db", str(db), "stats")
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "did not parse" in err and "trainer restore" in err
    restore_from = err.split("`trainer restore ")[1].split("`")[0]
    assert run(capsys, "--db", str(db), "restore", restore_from)[0] == 0
    assert run(capsys, "--db", str(db), "stats", "--profile", "ana")[0] == 0


def test_database_from_environment(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRAINER_DB", str(db.parent))  # a directory means the file inside it
    code, out, _ = run(capsys, "stats", "--profile", "ben")
    assert code == 0 and out.startswith("Profile ben: 1 attempts")


def test_corrupt_shard_is_reported_every_time_and_left_in_place(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shard = db.parent / "trainer.d" / "attempts" / "0000.json"
    shard.write_text('{"attempts": {"1": ')
    for _ in range(2):  # every time, not once
        code, out, err = run(capsys, "--db", str(db), "export")
        assert code == 0 and out.startswith("# trainer export: all profiles, 0 attempts")
        assert err.startswith("trainer: warning: ") and f"{shard}: shard 0000:" in err
        assert "3 attempt(s) listed in the index cannot be read" in err
        code, out, err = run(capsys, "--db", str(db), "stats", "--profile", "ana")
        assert out.startswith("Profile ana: 2 attempts") and f"{shard}: shard 0000" in err
    assert shard.read_text() == '{"attempts": {"1": '  # a reader never moves it


def test_unwritable_export_target_is_one_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(
        capsys, "--db", str(db), "export", "--out", str(tmp_path / "no" / "dir" / "x.md")
    )
    assert code == 2 and err.startswith("trainer: error: ") and err.count("\n") == 1
