"""App-level requests that screens post; the app decides how to show what they ask for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from trainer.core.cards.model import Card
from trainer.core.practice.plan import PairPlan
from trainer.core.store.records import Draft

if TYPE_CHECKING:  # the session loads the grader: not on the path of a start
    from trainer.core.practice.session import DrillSession


@dataclass
class DrillCard(Message):
    """Drill this card (resuming the draft when one is given)."""

    card: Card
    draft: Draft | None = None


@dataclass
class Review(Message):
    """The drill is over: review it (in place of the screen that asks)."""

    session: DrillSession


@dataclass
class SwapRoles(Message):
    """The pair interview is saved: the next question with the roles reversed."""

    finished: DrillSession


class GoHome(Message):
    """Back to the home screen, refreshed."""


@dataclass
class OpenAttempt(Message):
    """Show one past attempt."""

    attempt_id: str


@dataclass
class StartPair(Message):
    """Run this pair interview (in place of the screen that asks)."""

    plan: PairPlan
