"""Scheduling rules: conservative ratings, local days, plain-words dates."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating

from trainer.core.grading.scoring import Band
from trainer.core.schedule.scheduler import (
    Settings,
    end_of_local_day,
    in_words,
    rating_for,
    review,
    stability_in_words,
)


@pytest.fixture
def tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("band", "rating"),
    [
        (Band.INSUFFICIENT, Rating.Again),
        (Band.NEEDS_IMPROVEMENT, Rating.Again),
        (Band.GOOD, Rating.Hard),
        (Band.EXCELLENT, Rating.Good),
    ],
)
def test_rating_from_band_is_conservative(band: Band, rating: Rating) -> None:
    assert rating_for(band) is rating


def test_no_learning_steps_and_a_maximum_interval() -> None:
    now = datetime(2026, 1, 1, 12, tzinfo=UTC)
    settings = Settings(maximum_interval=30, fuzz=False)
    state, _ = review(None, "c", Rating.Again, now, settings)
    assert state.due - now >= timedelta(days=1)
    for _ in range(12):
        state, _ = review(state, "c", Rating.Easy, state.due, settings)
    assert state.due - datetime.fromisoformat(state.fsrs["last_review"]) <= timedelta(days=30)


def test_local_day_boundaries(tokyo: None) -> None:
    # 16:00 UTC is 01:00 the next day in Tokyo: "today" there ends 23 hours later.
    now = datetime(2026, 1, 1, 16, 0, tzinfo=UTC)
    ends = end_of_local_day(now)
    assert ends.astimezone(UTC) == datetime(2026, 1, 2, 14, 59, 59, 999999, UTC)
    assert in_words(now + timedelta(hours=22), now) == "today"
    assert in_words(now + timedelta(hours=23), now) == "tomorrow"


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (-3, "overdue by 3 days"),
        (-1, "overdue by 1 day"),
        (0, "today"),
        (1, "tomorrow"),
        (6, "in 6 days"),
        (90, "in 3 months"),
        (400, "in 1.1 years"),
    ],
)
def test_in_words(days: int, words: str) -> None:
    now = datetime(2026, 5, 1, 12, tzinfo=UTC).astimezone()
    assert in_words(now + timedelta(days=days), now) == words


def test_stability_in_words() -> None:
    assert stability_in_words(None) == "not yet reviewed"
    assert stability_in_words(0.4).startswith("memory still fragile")
    assert stability_in_words(6.2) == "memory holds about 6 days"
