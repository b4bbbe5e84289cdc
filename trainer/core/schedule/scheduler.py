"""Spaced repetition: a thin layer over the `fsrs` package, set for 15-minute questions.

fsrs works in UTC; "today" is the user's local day, so callers pass an aware local `now`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, ReviewLog, Scheduler

from trainer.core.grading.bands import Band

DEFAULT_RETENTION = 0.9
DEFAULT_NEW_PER_DAY = 5
DEFAULT_MAXIMUM_INTERVAL = 365
FORECAST_DAYS = 14

# Conservative: FSRS counts every rating but Again as a pass, and Easy compounds fast.
RATING_FOR_BAND = {
    Band.INSUFFICIENT: Rating.Again,
    Band.NEEDS_IMPROVEMENT: Rating.Again,
    Band.GOOD: Rating.Hard,
    Band.EXCELLENT: Rating.Good,
}


@dataclass(frozen=True)
class Settings:
    """A profile's scheduling settings."""

    desired_retention: float = DEFAULT_RETENTION
    new_per_day: int = DEFAULT_NEW_PER_DAY
    maximum_interval: int = DEFAULT_MAXIMUM_INTERVAL
    fuzz: bool = True
    # How a drill behaves (kept here so one profile document holds all of a user's choices).
    blind_by_default: bool = False  # drills start with the checklist hidden
    time_alerts: bool = True  # a toast when the answer budget's bounds pass
    bell: bool = True  # the terminal bell with those alerts

    def problems(self) -> list[str]:
        """Why these settings cannot be used (empty when they can)."""
        problems = []
        if not 0.7 <= self.desired_retention <= 0.99:
            problems.append("desired retention must be between 0.70 and 0.99")
        if not 0 <= self.new_per_day <= 100:
            problems.append("new cards per day must be between 0 and 100")
        if not 1 <= self.maximum_interval <= 36500:
            problems.append("maximum interval must be between 1 and 36500 days")
        for name in ("fuzz", "blind_by_default", "time_alerts", "bell"):
            if not isinstance(getattr(self, name), bool):
                problems.append(f"{name.replace('_', ' ')} must be on or off")
        return problems


def scheduler_for(settings: Settings) -> Scheduler:
    """No minute-long learning steps: a new card goes straight to review, a failed one comes
    back the next day, and no interval exceeds the maximum."""
    return Scheduler(
        desired_retention=settings.desired_retention,
        learning_steps=(),
        relearning_steps=(timedelta(days=1),),
        maximum_interval=settings.maximum_interval,
        enable_fuzzing=settings.fuzz,
    )


def rating_for(band: Band) -> Rating:
    """The suggested rating for an answer's band (the user may override it)."""
    return RATING_FOR_BAND[band]


@dataclass(frozen=True)
class CardSchedule:
    """One card's scheduling state for one profile, as fsrs sees it."""

    card_id: str
    fsrs: dict[str, Any]

    @property
    def due(self) -> datetime:
        return datetime.fromisoformat(self.fsrs["due"])

    @property
    def stability(self) -> float | None:
        return self.fsrs.get("stability")


def review(
    state: CardSchedule | None, card_id: str, rating: Rating, now: datetime, settings: Settings
) -> tuple[CardSchedule, dict[str, Any]]:
    """Apply one review; returns the new state and fsrs's review log (as plain dicts)."""
    card = FsrsCard.from_dict(state.fsrs) if state else FsrsCard()  # type: ignore[arg-type]  # a stored CardDict
    reviewed, log = scheduler_for(settings).review_card(
        card, rating, review_datetime=now.astimezone(UTC)
    )
    return CardSchedule(card_id, dict(reviewed.to_dict())), _log_dict(log)


def _log_dict(log: ReviewLog) -> dict[str, Any]:
    return dict(log.to_dict())


def end_of_local_day(now: datetime, days_ahead: int = 0) -> datetime:
    """The last moment of the local day `days_ahead` after `now`'s, as an aware datetime."""
    local = now.astimezone()
    day = local.date() + timedelta(days=days_ahead)
    return datetime.combine(day, time.max, tzinfo=local.tzinfo)


@dataclass(frozen=True)
class Queue:
    """What to practise: cards due (most overdue first), new cards allowed today, a forecast."""

    due: tuple[str, ...]
    new: tuple[str, ...]
    forecast: tuple[int, ...]  # due counts for today and the next days, local time

    @property
    def next_card(self) -> str | None:
        return (self.due or self.new or (None,))[0]


def build_queue(
    states: Mapping[str, CardSchedule],
    card_ids: Iterable[str],
    now: datetime,
    new_today: int,
    settings: Settings,
) -> Queue:
    """Due cards by overdueness, new cards up to the daily limit, and a 14-day forecast.

    `new_today` counts cards first reviewed today; `card_ids` is the bank in its order.
    """
    due_dates = {card_id: states[card_id].due for card_id in card_ids if card_id in states}
    day_ends = [end_of_local_day(now, day) for day in range(FORECAST_DAYS)]
    due = sorted((when, card_id) for card_id, when in due_dates.items() if when <= day_ends[0])
    unseen = [card_id for card_id in card_ids if card_id not in states]
    allowed = max(0, settings.new_per_day - new_today)
    forecast = [0] * FORECAST_DAYS
    for when in due_dates.values():
        day = bisect.bisect_left(day_ends, when)
        if day < FORECAST_DAYS:
            forecast[day] += 1
    return Queue(tuple(card_id for _, card_id in due), tuple(unseen[:allowed]), tuple(forecast))


def in_words(moment: datetime, now: datetime) -> str:
    """When something happens, as a person says it: "today", "tomorrow", "in 6 days"."""
    days = (moment.astimezone().date() - now.astimezone().date()).days
    if days < 0:
        return "overdue by 1 day" if days == -1 else f"overdue by {-days} days"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 60:
        return f"in {days} days"
    months = round(days / 30.4)
    return f"in {months} months" if months < 12 else f"in {days / 365:.1f} years"


def stability_in_words(stability: float | None) -> str:
    """fsrs stability (days until recall drops to 90%) in plain words."""
    if stability is None:
        return "not yet reviewed"
    if stability < 1:
        return "memory still fragile (under a day)"
    return f"memory holds about {stability:.0f} day{'s' if round(stability) != 1 else ''}"


def ago_in_words(moment: datetime, now: datetime) -> str:
    """When something happened: "today", "yesterday", "3 days ago"."""
    days = (now.astimezone().date() - moment.astimezone().date()).days
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"
