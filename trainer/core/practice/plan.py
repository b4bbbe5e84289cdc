"""What to practise next, and who: one rule for every mode and the command line."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from trainer.core.cards.bank import Bank
from trainer.core.cards.model import Card
from trainer.core.schedule.scheduler import CardSchedule, Queue, end_of_local_day
from trainer.core.store.database import Store
from trainer.core.store.records import DEFAULT_PROFILE, Draft, Mode, Profile


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


def one_more_new_card(schedule: Mapping[str, CardSchedule], bank: Bank) -> Card | None:
    """Past the day's limit of new cards, the next one never drilled (bank order), as Anki's
    "increase today's new card limit" gives one more; None when every card was seen."""
    return next((card for card in bank.cards if card.id not in schedule), None)


def time_used_in_words(seconds: float) -> str:
    """ "30 s", "4 min": a short drill is not "0 min"."""
    if seconds < 59.5:
        return f"{round(seconds)} s"
    return f"{round(seconds / 60)} min"


def draft_in_words(card: Card, draft: Draft) -> str:
    """What the resume dialog says of a drill left unfinished."""
    used = time_used_in_words(sum(draft.seconds_used.values()))
    return f"{card.title} ({draft.phase.value} phase, {used} used)"


def default_profile(profiles: Sequence[Profile]) -> str:
    """Whose data opens when nobody says: the oldest profile, or "me" on a fresh database."""
    return profiles[0].name if profiles else DEFAULT_PROFILE


@dataclass(frozen=True)
class SwapPick:
    """The card the new candidate answers after a swap, and why it was picked."""

    card: Card | None  # None: nothing they may answer is due or new today
    reason: str


def cards_interviewed_today(store: Store, name: str, now: datetime) -> set[str]:
    """The cards `name` saw the rubric of, as the interviewer of a pair attempt saved today
    (local day): whoever saw the model answer should not be asked that card next."""
    since = end_of_local_day(now, -1)
    today = [s for s in store.summaries() if s.mode is Mode.PAIR and s.started > since]
    seen = set()
    for summary in today:
        attempt = store.attempt(summary.id)
        if attempt is not None and attempt.interviewer == name:
            seen.add(attempt.card_id)
    return seen


def card_after_swap(queue: Queue, bank: Bank, seen: Collection[str]) -> SwapPick:
    """The new candidate's next due card, else a new one, leaving out the cards in `seen`
    (those they saw the rubric of as the interviewer); the reason names what was left out."""
    skipped: list[Card] = []
    for pool, why in ((queue.due, "their most overdue card"), (queue.new, "a new card")):
        for card_id in pool:
            card = bank.by_id(card_id)
            if card is None:
                continue
            if card_id in seen:
                skipped.append(card)
                continue
            if pool is queue.new and queue.due:
                why += " (nothing else is due for them)"
            elif pool is queue.new:
                why += " (nothing is due for them)"
            return SwapPick(card, why + _left_out(skipped))
    return SwapPick(None, "nothing due or new is left for them" + _left_out(skipped))


def _left_out(skipped: Sequence[Card]) -> str:
    if not skipped:
        return ""
    titles = ", ".join(f"'{card.title}'" for card in skipped[:2])
    more = f" and {len(skipped) - 2} more" if len(skipped) > 2 else ""
    rubric = "their rubrics" if len(skipped) > 1 else "its rubric"
    return f"; not {titles}{more}: they saw {rubric} as the interviewer today"
