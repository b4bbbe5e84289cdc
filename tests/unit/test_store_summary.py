"""Attempt summaries carry the final verdicts, so history never reads whole attempts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating

from trainer.core.store.convert import summary_from_doc, to_doc
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt, AttemptSummary

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def attempt(**fields: object) -> Attempt:
    values: dict[str, object] = {
        "profile": "ana",
        "card_id": "raft-L3-001",
        "card_hash": "abc",
        "started": NOW - timedelta(minutes=12),
        "ended": NOW,
        "answer": "Raft elects a leader.",
        "score": 61.0,
        "band": "good",
    }
    values.update(fields)
    return Attempt(**values)  # type: ignore[arg-type]


def test_summary_holds_final_verdicts_after_overrides() -> None:
    done = attempt(
        automatic_covered=("leader election", "log matching", "terms"),
        overrides={"terms": False, "snapshots": True},
        missed_core=("terms",),
        missed_bonus=("joint consensus",),
        typed=False,
    )
    summary = AttemptSummary.of(done, "0000")
    assert summary.covered == ("leader election", "log matching", "snapshots")
    assert (summary.missed_core, summary.missed_bonus) == (("terms",), ("joint consensus",))
    assert summary.typed is False


def test_old_summary_without_verdicts_loads_with_defaults() -> None:
    doc = to_doc(AttemptSummary.of(attempt(), "0000"))
    assert isinstance(doc, dict)
    for name in ("covered", "missed_core", "missed_bonus", "typed"):
        del doc[name]
    old = summary_from_doc(doc)
    assert (old.covered, old.missed_core, old.missed_bonus, old.typed) == ((), (), (), True)


def test_saved_summary_keeps_verdicts(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "trainer.json")
    store.save_attempt(
        attempt(automatic_covered=("terms",), missed_core=("log matching",)), Rating.Good, NOW
    )
    [summary] = store.summaries("ana")
    assert summary.covered == ("terms",) and summary.missed_core == ("log matching",)
