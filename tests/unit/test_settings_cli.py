"""`trainer settings`, `trainer undo`, and `--profile` naming nobody on read-only commands."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating

from trainer.cli import main
from trainer.core.grading.scoring import Band
from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt

NOW = datetime.now(UTC)


def attempt(card_id: str, title: str, profile: str = "ana") -> Attempt:
    return Attempt(
        profile=profile,
        card_id=card_id,
        card_hash="h",
        card_title=title,
        started=NOW - timedelta(minutes=15),
        ended=NOW,
        answer="Terms act as a logical clock.",
        score=72.5,
        band=Band.GOOD,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "trainer.json"
    store = Store.open(path)
    store.ensure_profile("ana")
    store.ensure_profile("ben")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_settings_prints_every_key_and_its_value(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(db), "settings", "--profile", "ben")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Settings of ben"
    for line in ("new-per-day        5", "desired-retention  0.90", "bell               on"):
        assert line in out


def test_settings_set_saves_every_value_for_that_profile_only(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        *("--db", str(db), "settings", "--profile", "ana"),
        *("--set", "new-per-day=8", "--set", "bell=off", "--set", "Blind_By_Default=yes"),
        *("--set", "desired-retention=0.85", "--set", "maximum-interval=90"),
    )
    assert code == 0 and "(saved)" in out and "bell               off" in out
    store = Store.open(db)
    assert store.settings("ana") == Settings(
        new_per_day=8,
        bell=False,
        blind_by_default=True,
        desired_retention=0.85,
        maximum_interval=90,
    )
    assert store.settings("ben") == Settings()


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("bell=maybe", "trainer: error: bell: 'maybe' is not on or off"),
        (
            "new-per-day=lots",
            "trainer: error: new-per-day: 'lots' is not a whole number (0 to 100)",
        ),
        (
            "desired-retention=1.2",
            "trainer: error: desired-retention: desired retention must be between 0.70 and 0.99",
        ),
        ("desired-retention=nan", "trainer: error: desired-retention: 'nan' is not a number"),
        ("speed=3", "trainer: error: unknown setting 'speed' (settings: new-per-day,"),
        ("bell", "trainer: error: --set 'bell': expected KEY=VALUE, e.g. new-per-day=8"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_key_and_nothing_is_saved(
    db: Path, capsys: pytest.CaptureFixture[str], assignment: str, message: str
) -> None:
    args = ("--db", str(db), "settings", "--profile", "ana", "--set", "new-per-day=9")
    code, out, err = run(capsys, *args, "--set", assignment)
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1
    assert Store.open(db).settings("ana") == Settings()


def test_undo_says_what_it_undid_and_then_that_nothing_is_left(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(db)
    first = store.save_attempt(attempt("raft", "Raft elections"), Rating.Good, NOW)
    store.save_attempt(attempt("cache", "Cache stampedes"), Rating.Hard, NOW)
    code, out, _ = run(capsys, "--db", str(db), "--profile", "ana", "undo")
    assert (code, out) == (0, "Undid Hard on Cache stampedes: new again\n")
    assert set(Store.open(db).schedule("ana")) == {"raft"}
    assert first.schedule is not None
    code, out, _ = run(capsys, "--db", str(db), "--profile", "ana", "undo")
    assert code == 1 and out.startswith("Nothing to undo for ana")


def test_undo_of_a_second_review_says_when_the_card_is_due_again(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.open(db)
    store.update_settings("ana", Settings(fuzz=False))  # the interval exactly as fsrs gives it
    store.save_attempt(attempt("raft", "Raft elections"), Rating.Good, NOW - timedelta(days=9))
    store.save_attempt(attempt("raft", "Raft elections"), Rating.Again, NOW)
    code, out, _ = run(capsys, "--db", str(db), "--profile", "ana", "undo")
    assert (code, out) == (0, "Undid Again on Raft elections: due again, overdue by 7 days\n")


@pytest.mark.parametrize("command", [["stats"], ["export"], ["settings"], ["undo"]])
def test_an_unknown_profile_is_one_line_not_an_empty_history(
    db: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, err = run(capsys, "--db", str(db), *command, "--profile", "anna")
    assert (code, out) == (2, "")
    assert err == "trainer: error: --profile anna: no such profile (profiles: ana, ben)\n"
