"""The reviewer's lint: concepts that one sentence would both earn, and time budgets that
contradict themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cardtext import MINIMAL_CARD
from trainer.commands.bank_commands import review_warnings
from trainer.core.cards.lint import budget_disagreement
from trainer.core.cards.model import Card
from trainer.core.cards.parser import parse_card
from trainer.core.grading.separability import overlapping_concepts, separability_warnings

PATH = Path("card.md")


def card_of(text: str) -> Card:
    load = parse_card(text.encode(), PATH)
    assert load.card is not None, load.problems
    return load.card


def test_two_concepts_with_the_same_distinctive_words_are_flagged_at_the_second() -> None:
    text = MINIMAL_CARD.replace(
        "- **Clock Assumptions**: leases assume bounded clock drift",
        "- **Token Checks At Storage**: the storage compares each grant number it receives",
    )
    card = card_of(text)
    [overlap] = overlapping_concepts(card)
    assert {overlap.first.name, overlap.second.name} == {
        "Fencing Tokens",
        "Token Checks At Storage",
    }
    [warning] = separability_warnings(card)
    assert warning.line == card.bonus_concepts[0].line
    assert "one sentence would earn both" in warning.message


def test_concepts_that_share_only_topic_words_are_not_flagged() -> None:
    assert overlapping_concepts(card_of(MINIMAL_CARD)) == []


@pytest.mark.parametrize(
    ("estimated", "disagrees"),
    [("8-11 minutes", False), ("9-12 min", False), ("20-25 minutes", True), ("5 minutes", True)],
)
def test_estimated_time_must_be_the_sum_of_the_time_expectation(
    estimated: str, disagrees: bool
) -> None:
    """The card's time expectation is 3-4 min answer + 5-7 min discussion: 8-11 minutes."""
    card = card_of(
        MINIMAL_CARD.replace("estimated_time: 10 minutes", f"estimated_time: {estimated}")
    )
    assert bool(budget_disagreement(card)) is disagrees
    warnings = review_warnings([card])
    assert any("disagrees with the time expectation" in p.message for p in warnings) is disagrees


def test_sources_are_read_from_the_front_matter() -> None:
    text = MINIMAL_CARD.replace(
        "estimated_time: 10 minutes\n",
        'estimated_time: 8-11 minutes\nsources:\n  - "Gray and Cheriton, SOSP 1989, section 2"\n'
        "  - https://example.org/leases\n",
    )
    assert card_of(text).sources == (
        "Gray and Cheriton, SOSP 1989, section 2",
        "https://example.org/leases",
    )
