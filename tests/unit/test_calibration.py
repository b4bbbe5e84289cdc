"""Calibration: the candidate's own verdict beside the final one."""

from __future__ import annotations

from datetime import UTC, datetime

from trainer.core.grading.calibration import calibrate
from trainer.core.grading.scoring import Band
from trainer.core.history.filters import attempt_calibration
from trainer.core.store.records import Attempt

ORDER = ["A", "B", "C", "D"]


def test_gap_and_concepts_judged_differently() -> None:
    result = calibrate(Band.EXCELLENT, {"A", "B", "C"}, Band.GOOD, {"A", "D"}, ORDER)
    assert result.band_gap == 1
    assert result.agreement == "1 band too high"
    assert result.claimed_but_missed == ("B", "C")
    assert result.covered_but_unclaimed == ("D",)
    assert result.summary() == (
        "1 band too high; 2 concepts claimed but missed; 1 covered but not claimed"
    )


def test_spot_on_too_low_and_skipped() -> None:
    assert calibrate(Band.GOOD, {"A"}, Band.GOOD, {"A"}, ORDER).summary() == "spot on"
    assert (
        calibrate(Band.INSUFFICIENT, None, Band.GOOD, {"A"}, ORDER).agreement == "2 bands too low"
    )
    skipped = calibrate(None, None, Band.GOOD, {"A"}, ORDER)
    assert skipped.band_gap is None and skipped.agreement == "no self-assessment"


def test_calibration_of_a_saved_attempt_uses_overrides() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    attempt = Attempt(
        profile="cal",
        card_id="c",
        card_hash="h",
        started=now,
        ended=now,
        answer="",
        score=80.0,
        band=Band.GOOD,
        automatic_covered=("A",),
        overrides={"B": True, "A": False},
        self_assessment=Band.GOOD,
        self_covered=("A", "B"),
    )
    calibration = attempt_calibration(attempt)
    assert calibration is not None
    assert calibration.claimed_but_missed == ("A",)
    assert calibration.agreement == "spot on"
    solo = Attempt(
        profile="x",
        card_id="c",
        card_hash="h",
        started=now,
        ended=now,
        answer="",
        score=1.0,
        band=Band.INSUFFICIENT,
    )
    assert attempt_calibration(solo) is None
