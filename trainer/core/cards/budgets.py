"""Time budgets: parse a card's "Time expectation" or derive one from its level."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MINUTES = r"(\d+(?:\.\d+)?)"
_RANGE = rf"{_MINUTES}(?:\s*(?:-|–|—|to)\s*{_MINUTES})?\s*(?:min(?:ute)?s?|m)\b"
_EXPECTATION = re.compile(
    rf"{_RANGE}\s*(?:of\s+)?answer\w*\s*,?\s*(?:\+|and|plus|,)?\s*{_RANGE}\s*(?:of\s+)?discussion",
    re.IGNORECASE,
)

# The rubric's timing table (GUIDELINES.md): initial response by level, in minutes.
_ANSWER_MINUTES_BY_LEVEL: dict[int, tuple[int, int]] = {
    3: (2, 3),
    4: (3, 4),
    5: (4, 5),
    6: (5, 7),
    7: (5, 7),
}
_DISCUSSION_MINUTES = {"baseline": (5, 7), "bar-raiser": (7, 10)}
_LEVEL_NUMBER = re.compile(r"(\d+)")


@dataclass(frozen=True)
class TimeRange:
    """A span of seconds: calm before `low`, warning until `high`, over time after."""

    low: int
    high: int

    def __str__(self) -> str:
        low, high = _minutes(self.low), _minutes(self.high)
        return f"{low} min" if low == high else f"{low}-{high} min"


@dataclass(frozen=True)
class Budget:
    """How long the answer and the discussion should take; `derived` when the card gave none."""

    answer: TimeRange
    discussion: TimeRange
    derived: bool = False

    def __str__(self) -> str:
        text = f"{self.answer} answer + {self.discussion} discussion"
        return f"{text} (from level)" if self.derived else text


def parse_time_expectation(text: str) -> Budget | None:
    """Parse "6-8 min answer + 8-10 min discussion"; None when the text does not say that."""
    found = _EXPECTATION.search(text)
    if found is None:
        return None
    answer_low, answer_high, discussion_low, discussion_high = found.groups()
    return Budget(
        answer=_range(answer_low, answer_high),
        discussion=_range(discussion_low, discussion_high),
    )


def level_number(level: str) -> int | None:
    """The digit of a level such as "L5" (None when there is none)."""
    found = _LEVEL_NUMBER.search(level)
    return int(found.group(1)) if found else None


def derived_budget(level: str, category: str) -> Budget:
    """The rubric's default budget for a level (L3-L7) and category (baseline or bar-raiser)."""
    number = level_number(level) or 5
    number = min(max(number, 3), 7)
    answer = _ANSWER_MINUTES_BY_LEVEL[number]
    discussion = _DISCUSSION_MINUTES["bar-raiser" if is_bar_raiser(category) else "baseline"]
    return Budget(
        answer=TimeRange(answer[0] * 60, answer[1] * 60),
        discussion=TimeRange(discussion[0] * 60, discussion[1] * 60),
        derived=True,
    )


def is_bar_raiser(category: str) -> bool:
    """Whether a category names a bar-raiser card ("bar-raiser", "bar_raiser", "Bar Raiser")."""
    return re.sub(r"[\s_-]", "", category.lower()) == "barraiser"


def _range(low: str, high: str | None) -> TimeRange:
    low_seconds = round(float(low) * 60)
    high_seconds = round(float(high) * 60) if high else low_seconds
    return TimeRange(min(low_seconds, high_seconds), max(low_seconds, high_seconds))


def _minutes(seconds: int) -> str:
    return f"{seconds // 60}" if seconds % 60 == 0 else f"{seconds / 60:.1f}"
