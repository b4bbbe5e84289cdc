"""After a pair interview the roles swap: the new candidate's next card is never one whose
rubric they saw as the interviewer, and the reason says what was left out."""

from __future__ import annotations

import pytest

from tests.ui.conftest import CARDS
from trainer.core.cards.bank import load_bank
from trainer.core.practice.plan import card_after_swap
from trainer.core.schedule.scheduler import Queue

BANK = load_bank([CARDS])
CLOCKS, LEASES, QUORUMS = "test-L3-003", "test-L4-001", "test-L5-002"


@pytest.mark.parametrize(
    ("due", "new", "seen", "picked", "reason"),
    [
        ((LEASES,), (QUORUMS,), (), LEASES, "their most overdue card"),
        ((), (CLOCKS, QUORUMS), (), CLOCKS, "a new card (nothing is due for them)"),
        (
            (LEASES,),
            (QUORUMS,),
            (LEASES,),
            QUORUMS,
            "a new card (nothing else is due for them); not 'Leases In One Page': "
            "they saw its rubric as the interviewer today",
        ),
        (
            (LEASES, CLOCKS),
            (),
            (LEASES,),
            CLOCKS,
            "their most overdue card; not 'Leases In One Page': "
            "they saw its rubric as the interviewer today",
        ),
        (
            (),
            (LEASES, CLOCKS),
            (LEASES, CLOCKS),
            None,
            "nothing due or new is left for them; not 'Leases In One Page', "
            "'Ordering Events Without Clocks': they saw their rubrics as the interviewer today",
        ),
        (("gone-from-the-bank",), (), (), None, "nothing due or new is left for them"),
    ],
    ids=["due", "new", "seen-due-skipped", "next-due", "none-left", "unknown-card"],
)
def test_card_after_swap(
    due: tuple[str, ...],
    new: tuple[str, ...],
    seen: tuple[str, ...],
    picked: str | None,
    reason: str,
) -> None:
    pick = card_after_swap(Queue(due, new, ()), BANK, seen)
    assert (pick.card.id if pick.card else None) == picked
    assert pick.reason == reason
