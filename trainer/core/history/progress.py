"""Progress over weeks: scores over time, reviews per day, retention by month, and the
concepts a person keeps missing across cards."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from rapidfuzz import fuzz

from trainer.core.cards.bank import Bank
from trainer.core.grading.words import content_stems
from trainer.core.store.attempt_reads import AttemptReads
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
    cards: tuple[str, ...]  # every card that trains it: the bank's, then those only attempts name
    weakest_card: str  # the card to drill next: lowest last score, or never tried (in the bank)
    titles: Mapping[str, str] = field(default_factory=dict)  # card id -> title, bank or attempt

    @property
    def miss_rate(self) -> float:
        return self.misses / self.seen if self.seen else 0.0

    def title_of(self, card_id: str) -> str:
        return self.titles.get(card_id, card_id)


@dataclass(frozen=True)
class Verdicts:
    """What one attempt says about its card's concepts: which it had and which were credited."""

    card_id: str
    card_title: str
    started: datetime
    score: float
    concepts: tuple[str, ...]
    covered: frozenset[str]


def has_verdicts(summary: AttemptSummary) -> bool:
    """Whether a summary records its concept verdicts (those indexed before they were
    recorded hold none: every card has concepts, so a recorded one lists at least one)."""
    return bool(summary.covered or summary.missed_core or summary.missed_bonus)


def verdicts_of(record: Attempt | AttemptSummary, bank: Bank) -> Verdicts | None:
    """The verdicts of an attempt or a summary that records them; a card no longer in the bank
    keeps the concepts its attempt was graded on (None when nothing says what they were)."""
    if isinstance(record, Attempt):
        covered = record.final_covered()
    elif has_verdicts(record):
        covered = record.covered
    else:
        return None
    card = bank.by_id(record.card_id)
    if card is not None:
        concepts = tuple(c.name for c in (*card.core_concepts, *card.bonus_concepts))
    else:
        concepts = tuple(dict.fromkeys((*covered, *record.missed_core, *record.missed_bonus)))
    if not concepts:
        return None
    title = card.title if card is not None else record.card_title or record.card_id
    return Verdicts(
        record.card_id, title, record.started, record.score, concepts, frozenset(covered)
    )


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
    records: Iterable[Verdicts], bank: Bank, limit: int = 20
) -> list[MissedConcept]:
    """Concepts missed most often across all attempts, grouped fuzzily across cards; cards
    that left the bank still count, under the title their attempts recorded."""
    records = sorted(records, key=lambda r: r.started)
    concept_names = {
        card.id: tuple(c.name for c in (*card.core_concepts, *card.bonus_concepts))
        for card in bank.cards
    }
    titles = {card.id: card.title for card in bank.cards}
    for record in records:
        concept_names.setdefault(record.card_id, record.concepts)
        titles.setdefault(record.card_id, record.card_title)
    lists = {*concept_names.values(), *(record.concepts for record in records)}
    group_of = concept_groups(name for names in lists for name in names)
    cards_of: dict[str, list[str]] = defaultdict(list)
    for card_id, names in concept_names.items():
        for group in dict.fromkeys(group_of[name] for name in names):
            cards_of[group].append(card_id)

    # Each card's groups and their member names, worked out once per list of concepts.
    members_of: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}
    misses: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    last_score: dict[str, float] = {}
    for record in records:
        last_score[record.card_id] = record.score
        groups = members_of.get(record.concepts)
        if groups is None:
            grouped: dict[str, list[str]] = defaultdict(list)
            for name in record.concepts:
                grouped[group_of[name]].append(name)
            groups = members_of[record.concepts] = [(g, tuple(m)) for g, m in grouped.items()]
        covered = record.covered
        for group, members in groups:
            seen[group] += 1
            if covered.isdisjoint(members):
                misses[group] += 1

    ranked = sorted(
        (group for group in misses if misses[group]),
        key=lambda group: (-misses[group], -misses[group] / seen[group], group),
    )
    result = []
    for group in ranked[:limit]:
        cards = tuple(cards_of[group])
        drillable = [card_id for card_id in cards if bank.by_id(card_id) is not None] or cards
        weakest = min(drillable, key=lambda card_id: (last_score.get(card_id, -1.0), card_id))
        named = {card_id: titles[card_id] for card_id in cards}
        result.append(MissedConcept(group, misses[group], seen[group], cards, weakest, named))
    return result


def missed_in_history(
    store: AttemptReads, profile: str, bank: Bank, limit: int = 20
) -> list[MissedConcept]:
    """`missed_concepts` over a profile's history, read from the index; only attempts indexed
    before their verdicts were recorded are read in full."""
    summaries = store.summaries(profile)
    records = [found for s in summaries if (found := verdicts_of(s, bank)) is not None]
    legacy = {s.id for s in summaries if not has_verdicts(s)}
    if legacy:
        attempts = store.attempts_with_ids(legacy)
        records += [found for a in attempts if (found := verdicts_of(a, bank)) is not None]
    return missed_concepts(records, bank, limit)
