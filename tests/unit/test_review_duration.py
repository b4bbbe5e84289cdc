"""Every review log records how long the review took, as FSRS's tools need it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating, ReviewLog

from trainer.core.grading.scoring import Band
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt, Phase, PhaseTiming

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def test_review_duration_is_the_time_spent_on_every_phase(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "trainer.json")
    attempt = Attempt(
        profile="ana",
        card_id="raft-L3-001",
        card_hash="abc",
        started=NOW - timedelta(minutes=12),
        ended=NOW,
        answer="Raft elects a leader.",
        score=81.0,
        band=Band.GOOD,
        phases=(
            PhaseTiming(Phase.ANSWER, 180, 240, 200.5),
            PhaseTiming(Phase.DISCUSSION, 300, 420, 310.25),
        ),
    )
    store.save_attempt(attempt, Rating.Good, NOW)
    [log] = store.review_logs("ana")
    assert log["fsrs_log"]["review_duration"] == 510_750
    restored = ReviewLog.from_dict(log["fsrs_log"])
    assert restored.review_duration == 510_750 and restored.rating is Rating.Good
