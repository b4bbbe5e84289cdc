"""Finishing an attempt, and finding the one left unfinished: the only way modes save.

`finish` records the attempt (under the id the session was given when it began), updates the
card's schedule and retires the draft. The store ignores a second save of the same id, and
`unfinished_draft` retires a draft whose attempt is already stored, so a crash at any point
neither loses the attempt (the draft is still there) nor saves it twice.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from trainer.core.schedule.scheduler import in_words
from trainer.core.store.database import Store
from trainer.core.store.drafts import DraftStore
from trainer.core.store.records import Draft

if TYPE_CHECKING:  # the session loads the grader: not on the path of a start
    from trainer.core.practice.session import DrillSession


@dataclass(frozen=True)
class Saved:
    """What finishing did: the attempt's id and when its card comes back (None: unrated)."""

    attempt_id: str
    comes_back: datetime | None

    def describe(self, now: datetime) -> str:
        """ "The card comes back in 3 days." (empty when it was not scheduled)."""
        if self.comes_back is None:
            return ""
        return f"This card comes back {in_words(self.comes_back, now)}."


def finish(
    session: DrillSession, store: Store, drafts: DraftStore, when: datetime, now: float
) -> Saved:
    """Save the session as an attempt of its profile, schedule the card, retire the draft.

    `when` is the wall-clock end of the attempt, `now` the monotonic time for its clocks."""
    attempt = session.to_attempt(when, now)
    result = store.save_attempt(attempt, session.rating, when)
    drafts.discard(session.attempt_id)
    return Saved(result.attempt_id, result.schedule.due if result.schedule else None)


def unfinished_draft(
    store: Store, drafts: DraftStore, profile: str, busy: Collection[str] = ()
) -> Draft | None:
    """The profile's newest draft to resume, leaving out the drills other windows have open
    (`busy` attempt ids); a draft whose attempt was saved is retired on the way."""
    skip = set(busy)
    while (draft := drafts.load(profile, skip)) is not None:
        if not store.has_attempt(draft.attempt_id):
            return draft
        if not store.read_only:
            drafts.discard(draft.attempt_id)
        skip.add(draft.attempt_id)
    return None
