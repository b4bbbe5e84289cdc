"""Progress over weeks: scores over time, reviews per day, retention by month, and the
concepts a person keeps missing across cards."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz

from trainer.core.cards.bank import Bank
from trainer.core.grading.words import content_stems
from trainer.core.history.filters import final_covered
from trainer.core.store.records import Attempt, AttemptSummary

SAME_CONCEPT = 85  # rapidfuzz token_set_ratio of two stemmed names that name one idea


def scores_by_topic(summaries: Iterable[AttemptSummary]) -> dict[str, list[float]]:
    """Scores in time order, overall (key "") and for each topic."""
    series: dict[str, list[float]] = defaultdict(list)
    for summary in sorted(summaries, key=lambda s: s.started):
        series[""].append(summary.score)
        series[summary.topic or "other"].append(summary.score)
    return dict(series)


def reviews_per_day(summaries: Iterable[AttemptSummary]) -> Counter[date]:
    """How many attempts were made on each local day."""
    return Counter(summary.started.astimezone().date() for summary in summaries)


def calendar_weeks(counts: Counter[date], today: date, weeks: int) -> list[list[int | None]]:
    """A heatmap grid: one row per weekday (Monday first), one column per week, ending with
    the week of `today`; days after today are None."""
    last_monday = today - timedelta(days=today.weekday())
    first_monday = last_monday - timedelta(weeks=weeks - 1)
    grid: list[list[int | None]] = [[] for _ in range(7)]
    for week in range(weeks):
        for weekday in range(7):
            day = first_monday + timedelta(weeks=week, days=weekday)
            grid[weekday].append(None if day > today else counts.get(day, 0))
    return grid


def retention_by_month(summaries: Iterable[AttemptSummary]) -> list[tuple[str, int, float]]:
    """(YYYY-MM, rated reviews, share not rated Again) for each month with rated reviews."""
    rated: dict[str, list[int]] = defaultdict(list)
    for summary in summaries:
        if summary.rating is not None:
            rated[summary.started.astimezone().strftime("%Y-%m")].append(summary.rating)
    return [
        (month, len(ratings), sum(r != 1 for r in ratings) / len(ratings))
        for month, ratings in sorted(rated.items())
    ]


@dataclass(frozen=True)
class MissedConcept:
    """A concept (one name standing for a group of similar names across cards) often missed."""

    name: str
    misses: int
    seen: int  # attempts whose card has this concept
    cards: tuple[str, ...]  # every card of the bank that trains it
    weakest_card: str  # the card to drill next: lowest last score, or never tried

    @property
    def miss_rate(self) -> float:
        return self.misses / self.seen if self.seen else 0.0


def concept_groups(names: Iterable[str]) -> dict[str, str]:
    """Map each concept name to its group's name: similar names across cards share a group
    ("Fencing Tokens", "fencing token", "Fencing tokens and epochs")."""
    groups: list[tuple[str, str]] = []  # (stemmed key, representative name)
    mapping: dict[str, str] = {}
    for name in sorted(set(names), key=lambda n: (not n[:1].isupper(), len(n), n)):
        key = " ".join(content_stems(name)) or name.lower()
        match = next(
            (rep for other, rep in groups if fuzz.token_set_ratio(key, other) >= SAME_CONCEPT),
            None,
        )
        if match is None:
            groups.append((key, name))
            match = name
        mapping[name] = match
    return mapping


def missed_concepts(
    attempts: Sequence[Attempt], bank: Bank, limit: int = 20
) -> list[MissedConcept]:
    """Concepts missed most often across all attempts, grouped fuzzily across cards."""
    concept_names = {
        card.id: [c.name for c in (*card.core_concepts, *card.bonus_concepts)]
        for card in bank.cards
    }
    group_of = concept_groups(name for names in concept_names.values() for name in names)
    cards_of: dict[str, list[str]] = defaultdict(list)
    for card_id, names in concept_names.items():
        for group in dict.fromkeys(group_of[name] for name in names):
            cards_of[group].append(card_id)

    misses: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    last_score: dict[str, float] = {}
    for attempt in sorted(attempts, key=lambda a: a.started):
        card_names = concept_names.get(attempt.card_id)
        if card_names is None:
            continue
        last_score[attempt.card_id] = attempt.score
        covered = final_covered(attempt)
        for group in dict.fromkeys(group_of[name] for name in card_names):
            members = [name for name in card_names if group_of[name] == group]
            seen[group] += 1
            if not any(name in covered for name in members):
                misses[group] += 1

    ranked = sorted(
        (group for group in misses if misses[group]),
        key=lambda group: (-misses[group], -misses[group] / seen[group], group),
    )
    result = []
    for group in ranked[:limit]:
        cards = tuple(cards_of[group])
        weakest = min(cards, key=lambda card_id: (last_score.get(card_id, -1.0), card_id))
        result.append(MissedConcept(group, misses[group], seen[group], cards, weakest))
    return result
