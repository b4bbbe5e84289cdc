"""The concepts a person keeps missing across cards, counted over a whole history.

A history of 50,000 attempts is counted card by card, not attempt by attempt: its digest
(`digest`, kept between runs by `digest_cache`) holds each card's verdicts as counts, and each
group of similar concepts is then judged once per card from those.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from rapidfuzz import fuzz, process

from trainer.core.cards.bank import Bank
from trainer.core.grading.words import content_stems
from trainer.core.history.digest import CardTally, has_verdicts
from trainer.core.history.digest_cache import DigestCache
from trainer.core.store.attempt_reads import AttemptReads
from trainer.core.store.records import Attempt, AttemptSummary

SAME_CONCEPT = 85  # rapidfuzz token_set_ratio of two stemmed names that name one idea


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
    concepts = _bank_concepts(bank, record.card_id)
    if card is None:  # the concepts the attempt was graded on
        concepts = tuple(dict.fromkeys((*covered, *record.missed_core, *record.missed_bonus)))
    if not concepts:
        return None
    title = card.title if card is not None else record.card_title or record.card_id
    return Verdicts(
        record.card_id, title, record.started, record.score, concepts, frozenset(covered)
    )


def _bank_concepts(bank: Bank, card_id: str) -> tuple[str, ...]:
    card = bank.by_id(card_id)
    return tuple(c.name for c in (*card.core_concepts, *card.bonus_concepts)) if card else ()


@functools.lru_cache(maxsize=16)  # the same bank's names, each time the screen opens
def _groups_of(names: frozenset[str]) -> dict[str, str]:
    groups: list[str] = []  # stemmed keys, in the order groups were made
    representatives: list[str] = []
    mapping: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (not n[:1].isupper(), len(n), n)):
        key = " ".join(content_stems(name)) or name.lower()
        # The first group (in the order made) close enough, as a loop over them would find.
        first = next(
            process.extract_iter(
                key, groups, scorer=fuzz.token_set_ratio, score_cutoff=SAME_CONCEPT
            ),
            None,
        )
        if first is None:
            groups.append(key)
            representatives.append(name)
            mapping[name] = name
        else:
            mapping[name] = representatives[first[2]]
    return mapping


def concept_groups(names: Iterable[str]) -> dict[str, str]:
    """Map each concept name to its group's name: similar names across cards share a group
    ("Fencing Tokens", "fencing token", "Fencing tokens and epochs")."""
    return dict(_groups_of(frozenset(names)))


@dataclass
class _Tally:
    """The attempts at one card graded on one list of concepts."""

    card_id: str
    title: str
    concepts: tuple[str, ...]
    first: float  # the earliest attempt's start: its title and concepts name the card
    attempts: int = 0
    credited: Counter[str] = field(default_factory=Counter)  # name -> attempts credited with it
    # For names grouped together: per list of concepts graded, attempts per credited set (as
    # bits of that list), so a history's combinations are never spelled out one by one.
    coverings: dict[tuple[str, ...], Counter[int]] = field(default_factory=dict)

    def add_coverings(self, concepts: tuple[str, ...], masks: Mapping[int, int]) -> None:
        self.coverings.setdefault(concepts, Counter()).update(masks)

    def missed_all(self, members: list[str]) -> int:
        """Attempts credited with none of these names."""
        missed = 0
        for concepts, masks in self.coverings.items():
            group = sum(1 << bit for bit, name in enumerate(concepts) if name in members)
            missed += sum(count for mask, count in masks.items() if not mask & group)
        return missed


class _Tallies:
    """Attempts added one at a time (in any order), counted card by card."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        # One tally per card of the bank; a card that left it, per set of concepts graded.
        self.by_key: dict[tuple[str, tuple[str, ...]], _Tally] = {}
        self.last: dict[str, tuple[float, float]] = {}  # card -> latest attempt's start, score

    def _tally(self, card_id: str, title: str, concepts: tuple[str, ...], first: float) -> _Tally:
        key = (card_id, concepts if self.bank.by_id(card_id) else tuple(sorted(concepts)))
        tally = self.by_key.get(key)
        if tally is None:
            tally = self.by_key[key] = _Tally(card_id, title, concepts, first)
        elif first < tally.first:
            tally.first, tally.title = first, title
        return tally

    def _seen_last(self, card_id: str, started: float, score: float) -> None:
        if card_id not in self.last or started >= self.last[card_id][0]:
            self.last[card_id] = (started, score)

    def add_verdicts(self, r: Verdicts) -> None:
        covered = tuple(name for name in r.concepts if name in r.covered)
        started = r.started.timestamp()
        tally = self._tally(r.card_id, r.card_title, r.concepts, started)
        tally.attempts += 1
        tally.credited.update(covered)
        mask = sum(1 << bit for bit, name in enumerate(r.concepts) if name in r.covered)
        tally.add_coverings(r.concepts, {mask: 1})
        self._seen_last(r.card_id, started, r.score)

    def add_counted(self, counted: CardTally) -> None:
        """A digest's tally: a card of the bank is judged on the bank's concepts; one that
        left it on the concepts its attempts were graded on."""
        card = self.bank.by_id(counted.card_id)
        concepts = _bank_concepts(self.bank, card.id) if card else tuple(counted.concepts)
        if not concepts:
            return
        title = card.title if card else counted.title
        tally = self._tally(counted.card_id, title, concepts, counted.first)
        tally.attempts += counted.attempts
        tally.credited.update(counted.credited)
        tally.add_coverings(tuple(counted.concepts), counted.coverings)
        self._seen_last(counted.card_id, counted.last, counted.last_score)

    def ranked(self, limit: int) -> list[MissedConcept]:
        bank = self.bank
        concept_names = {
            card.id: tuple(c.name for c in (*card.core_concepts, *card.bonus_concepts))
            for card in bank.cards
        }
        titles = {card.id: card.title for card in bank.cards}
        for tally in sorted(self.by_key.values(), key=lambda t: t.first):
            concept_names.setdefault(tally.card_id, tally.concepts)
            titles.setdefault(tally.card_id, tally.title)
        lists = {*concept_names.values(), *(tally.concepts for tally in self.by_key.values())}
        group_of = _groups_of(frozenset(name for names in lists for name in names))
        cards_of: dict[str, list[str]] = defaultdict(list)
        for card_id, names in concept_names.items():
            for group in dict.fromkeys(group_of[name] for name in names):
                cards_of[group].append(card_id)

        misses: Counter[str] = Counter()
        seen: Counter[str] = Counter()
        for tally in self.by_key.values():
            grouped: dict[str, list[str]] = defaultdict(list)
            for name in tally.concepts:
                grouped[group_of[name]].append(name)
            for group, members in grouped.items():
                seen[group] += tally.attempts
                if len(members) == 1:
                    misses[group] += tally.attempts - tally.credited[members[0]]
                else:  # missed when none of the card's names in the group was credited
                    misses[group] += tally.missed_all(members)

        ranked = sorted(
            (group for group in misses if misses[group]),
            key=lambda group: (-misses[group], -misses[group] / seen[group], group),
        )
        last_score = {card_id: score for card_id, (_, score) in self.last.items()}
        result = []
        for group in ranked[:limit]:
            cards = tuple(cards_of[group])
            drillable = [card_id for card_id in cards if bank.by_id(card_id) is not None] or cards
            weakest = min(drillable, key=lambda card_id: (last_score.get(card_id, -1.0), card_id))
            named = {card_id: titles[card_id] for card_id in cards}
            result.append(MissedConcept(group, misses[group], seen[group], cards, weakest, named))
        return result


def missed_concepts(
    records: Iterable[Verdicts], bank: Bank, limit: int = 20
) -> list[MissedConcept]:
    """Concepts missed most often across all attempts, grouped fuzzily across cards; cards
    that left the bank still count, under the title their attempts recorded."""
    tallies = _Tallies(bank)
    for record in records:
        tallies.add_verdicts(record)
    return tallies.ranked(limit)


def missed_in_history(
    store: AttemptReads,
    profile: str,
    bank: Bank,
    limit: int = 20,
    digests: DigestCache | None = None,
) -> list[MissedConcept]:
    """`missed_concepts` over a profile's history, from its digest; only attempts indexed
    before their verdicts were recorded are read in full."""
    digest = (digests or DigestCache(None)).digest(store, profile)
    tallies = _Tallies(bank)
    for counted in digest.tallies.values():
        tallies.add_counted(counted)
    legacy = set(digest.unverdicted)
    for attempt in store.attempts_with_ids(legacy) if legacy else ():
        found = verdicts_of(attempt, bank)
        if found is not None:
            tallies.add_verdicts(found)
    return tallies.ranked(limit)
