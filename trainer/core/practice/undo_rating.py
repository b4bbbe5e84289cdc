"""Undoing the last rating, as the app and `trainer undo` tell it: which card, which rating,
and where its schedule stands now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from fsrs import Rating

from trainer.core.schedule.scheduler import in_words
from trainer.core.store.database import Store
from trainer.core.store.last_rating import last_rating
from trainer.core.store.records import AttemptSummary


@dataclass(frozen=True)
class Undone:
    """A rating that was undone and what the card's schedule went back to."""

    attempt: AttemptSummary
    due: datetime | None  # None: the card is new again

    def sentence(self, now: datetime) -> str:
        """ "Undid Good on Raft elections: back to due in 3 days" (or "new again")."""
        rating = Rating(self.attempt.rating).name if self.attempt.rating else "the rating"
        if self.due is None:
            back = "new again"
        elif self.due <= now:
            back = f"due again, {in_words(self.due, now)}".replace(", today", " today")
        else:
            back = f"back to due {in_words(self.due, now)}"
        return f"Undid {rating} on {title_of(self.attempt)}: {back}"


def title_of(attempt: AttemptSummary) -> str:
    return attempt.card_title or attempt.card_id


def undoable(store: Store, profile: str) -> AttemptSummary | None:
    """The attempt whose rating `undo` would undo (None: nothing to undo)."""
    return last_rating(store, profile)


def undo(store: Store, profile: str) -> Undone | None:
    """Undo the profile's last rating (None when there was none to undo)."""
    attempt = last_rating(store, profile)
    if attempt is None or store.undo_last_rating(profile) is None:
        return None
    state = store.schedule(profile).get(attempt.card_id)
    return Undone(attempt, state.due if state else None)
