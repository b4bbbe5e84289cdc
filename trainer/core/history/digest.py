"""What progress and "concepts you keep missing" need from a history, counted shard by shard.

A digest holds, for one profile's attempts, each day's last score (overall and per topic),
attempts per day, rated reviews per month, and per card the concept verdicts as counts. It does
not depend on the bank (a card's concepts are the ones its attempts were graded on), so it can
be kept between runs; digests add up, so a history's is the sum of its shards' (see
`digest_cache`). Days are local days, as the charts show them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

import msgspec

from trainer.core.store.records import AttemptSummary


def has_verdicts(summary: AttemptSummary) -> bool:
    """Whether a summary records its concept verdicts (those indexed before they were
    recorded hold none: every card has concepts, so a recorded one lists at least one)."""
    return bool(summary.covered or summary.missed_core or summary.missed_bonus)


class CardTally(msgspec.Struct):
    """The attempts at one card graded on one set of concepts."""

    card_id: str
    title: str  # the earliest attempt's
    concepts: list[str]  # in sorted order, so the bits of two tallies mean the same names
    first: float  # the earliest start (a timestamp)
    last: float  # the latest start, and its score
    last_score: float
    attempts: int = 0
    credited: dict[str, int] = {}  # concept -> attempts credited with it
    coverings: dict[int, int] = {}  # which concepts were credited (bits of `concepts`) -> attempts


class Digest(msgspec.Struct):
    """One profile's attempts (of a shard, or of a whole history), counted."""

    attempts: int = 0
    day_last: dict[str, dict[int, tuple[float, float]]] = {}  # topic -> day -> (start, score)
    topic_attempts: dict[str, int] = {}  # "" is every topic
    per_day: dict[int, int] = {}  # day (an ordinal) -> attempts
    months: dict[int, tuple[int, int]] = {}  # year * 12 + month - 1 -> (rated, not Again)
    tallies: dict[str, CardTally] = {}
    unverdicted: list[str] = []  # attempts indexed before verdicts were: read in full

    def add(self, summary: AttemptSummary) -> None:
        started = summary.started.timestamp()
        local = summary.started.astimezone()
        day = local.toordinal()
        self.attempts += 1
        self.per_day[day] = self.per_day.get(day, 0) + 1
        for topic in ("", summary.topic or "other"):
            self.topic_attempts[topic] = self.topic_attempts.get(topic, 0) + 1
            days = self.day_last.setdefault(topic, {})
            if day not in days or started >= days[day][0]:
                days[day] = (started, summary.score)
        if summary.rating is not None:
            month = local.year * 12 + local.month - 1
            rated, kept = self.months.get(month, (0, 0))
            self.months[month] = (rated + 1, kept + (summary.rating != 1))
        self._add_verdicts(summary, started)

    def _add_verdicts(self, summary: AttemptSummary, started: float) -> None:
        if not has_verdicts(summary):
            self.unverdicted.append(summary.id)
            return
        concepts = sorted({*summary.covered, *summary.missed_core, *summary.missed_bonus})
        key = tally_key(summary.card_id, concepts)
        tally = self.tallies.get(key)
        if tally is None:
            title = summary.card_title or summary.card_id
            tally = CardTally(summary.card_id, title, concepts, started, started, summary.score)
            self.tallies[key] = tally
        elif started < tally.first:
            tally.first, tally.title = started, summary.card_title or summary.card_id
        if started >= tally.last:
            tally.last, tally.last_score = started, summary.score
        bits = {name: 1 << bit for bit, name in enumerate(tally.concepts)}
        covered = set(summary.covered)
        mask = sum(bits[name] for name in covered)
        for name in covered:
            tally.credited[name] = tally.credited.get(name, 0) + 1
        tally.attempts += 1
        tally.coverings[mask] = tally.coverings.get(mask, 0) + 1

    def merge(self, other: Digest) -> None:
        """Add another digest's counts to this one."""
        self.attempts += other.attempts
        for day, count in other.per_day.items():
            self.per_day[day] = self.per_day.get(day, 0) + count
        for topic, count in other.topic_attempts.items():
            self.topic_attempts[topic] = self.topic_attempts.get(topic, 0) + count
        for topic, theirs in other.day_last.items():
            ours = self.day_last.setdefault(topic, {})
            for day, point in theirs.items():
                if day not in ours or point[0] >= ours[day][0]:
                    ours[day] = point
        for month, (rated, kept) in other.months.items():
            our_rated, our_kept = self.months.get(month, (0, 0))
            self.months[month] = (our_rated + rated, our_kept + kept)
        for key, tally in other.tallies.items():
            self._merge_tally(key, tally)
        self.unverdicted += other.unverdicted

    def _merge_tally(self, key: str, theirs: CardTally) -> None:
        ours = self.tallies.get(key)
        if ours is None:
            ours = self.tallies[key] = msgspec.structs.replace(theirs, credited={}, coverings={})
            ours.attempts = 0
        elif theirs.first < ours.first:
            ours.first, ours.title = theirs.first, theirs.title
        if theirs.last >= ours.last:
            ours.last, ours.last_score = theirs.last, theirs.last_score
        ours.attempts += theirs.attempts
        for name, count in theirs.credited.items():
            ours.credited[name] = ours.credited.get(name, 0) + count
        for mask, count in theirs.coverings.items():  # the same names, in the same order
            ours.coverings[mask] = ours.coverings.get(mask, 0) + count

    # -- what the charts show ------------------------------------------------------------------

    def reviews_per_day(self) -> Counter[date]:
        return Counter({date.fromordinal(day): count for day, count in self.per_day.items()})

    def retention_by_month(self) -> list[tuple[str, int, float]]:
        """(YYYY-MM, rated reviews, share not rated Again) for each month with rated reviews."""
        return [
            (f"{month // 12:04d}-{month % 12 + 1:02d}", rated, kept / rated)
            for month, (rated, kept) in sorted(self.months.items())
        ]


def tally_key(card_id: str, concepts: Iterable[str]) -> str:
    """One tally per card and set of concepts graded (`concepts` sorted)."""
    return "\0".join((card_id, *concepts))


def digests_of(summaries: Iterable[AttemptSummary]) -> dict[str, Digest]:
    """Each profile's digest of these attempts."""
    found: dict[str, Digest] = {}
    for summary in summaries:
        digest = found.get(summary.profile)
        if digest is None:
            digest = found[summary.profile] = Digest()
        digest.add(summary)
    return found


def merged(digests: Iterable[Digest]) -> Digest:
    """The sum of these digests (none: an empty one)."""
    total = Digest()
    for digest in digests:
        total.merge(digest)
    return total
