"""What to practise next, and who: one rule for every mode and the command line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.cards.bank import Bank
from trainer.core.cards.model import Card
from trainer.core.schedule.scheduler import Queue
from trainer.core.store.records import DEFAULT_PROFILE, Profile


@dataclass(frozen=True)
class PairPlan:
    """A pair interview to run: who interviews, who answers, which card, typed or aloud."""

    interviewer: str
    candidate: str
    card_id: str | None  # None: the candidate's next card
    typed: bool


def next_card(queue: Queue, bank: Bank) -> Card | None:
    """The card to practise next: the most overdue, then a new one; None when neither is left
    today (the caller offers the bank instead of picking one silently)."""
    for card_id in (*queue.due, *queue.new):
        card = bank.by_id(card_id)
        if card is not None:
            return card
    return None


def default_profile(profiles: Sequence[Profile]) -> str:
    """Whose data opens when nobody says: the oldest profile, or "me" on a fresh database."""
    return profiles[0].name if profiles else DEFAULT_PROFILE
