"""Time expectations, parsed or derived from the rubric's timing table."""

from __future__ import annotations

import pytest

from trainer.core.cards.budgets import Budget, TimeRange, derived_budget, parse_time_expectation


@pytest.mark.parametrize(
    ("text", "answer", "discussion"),
    [
        ("6-8 min answer + 8-10 min discussion", (360, 480), (480, 600)),
        ("2-3 min answer + 3-4 min discussion", (120, 180), (180, 240)),
        ("5-7 min answer + 3-3 min discussion", (300, 420), (180, 180)),
        ("10-12 min answer + 10-13 min discussion", (600, 720), (600, 780)),
        ("5 minutes answer + 7 minutes discussion", (300, 300), (420, 420)),
        ("4–5 min answer and 5–7 min discussion", (240, 300), (300, 420)),
        ("About 3 to 4 mins of answer, plus 5-7 min of discussion", (180, 240), (300, 420)),
    ],
)
def test_parse_time_expectation(
    text: str, answer: tuple[int, int], discussion: tuple[int, int]
) -> None:
    budget = parse_time_expectation(text)
    assert budget == Budget(TimeRange(*answer), TimeRange(*discussion))


@pytest.mark.parametrize("text", ["", "15-20 minutes", "answer quickly", "6-8 min answer"])
def test_unparseable_time_expectation(text: str) -> None:
    assert parse_time_expectation(text) is None


@pytest.mark.parametrize(
    ("level", "category", "answer", "discussion"),
    [
        ("L3", "baseline", (120, 180), (300, 420)),
        ("L4", "baseline", (180, 240), (300, 420)),
        ("L5", "bar-raiser", (240, 300), (420, 600)),
        ("L6", "baseline", (300, 420), (300, 420)),
        ("L7", "bar_raiser", (300, 420), (420, 600)),
        ("L2", "baseline", (120, 180), (300, 420)),
        ("", "baseline", (240, 300), (300, 420)),
    ],
)
def test_derived_budget_follows_the_rubric_table(
    level: str, category: str, answer: tuple[int, int], discussion: tuple[int, int]
) -> None:
    budget = derived_budget(level, category)
    assert budget == Budget(TimeRange(*answer), TimeRange(*discussion), derived=True)


def test_budget_reads_like_the_card() -> None:
    assert str(parse_time_expectation("6-8 min answer + 8-10 min discussion")) == (
        "6-8 min answer + 8-10 min discussion"
    )
    assert str(derived_budget("L3", "baseline")).endswith("(from level)")
