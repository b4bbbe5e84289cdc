"""Looking back: filter and sort attempts, compare two attempts at the same card."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from trainer.core.cards.model import Card
from trainer.core.grading.calibration import Calibration, calibrate
from trainer.core.grading.scoring import Band, Split
from trainer.core.store.records import Attempt, AttemptSummary, Mode

# The sortable columns of the history, and what each sorts by.
SORT_KEYS: dict[str, Callable[[AttemptSummary], Any]] = {
    "date": lambda s: s.started,
    "card": lambda s: (s.card_title or s.card_id).lower(),
    "topic": lambda s: s.topic,
    "level": lambda s: s.level,
    "mode": lambda s: (s.mode, s.interviewer or ""),
    "score": lambda s: s.score,
    "band": lambda s: s.score,  # bands follow scores
    "time": lambda s: s.answer_seconds / s.answer_budget if s.answer_budget else 0.0,
    "who": lambda s: s.profile.lower(),  # a column of the everyone view only
}
FILTER_KEYS = ("topic", "level", "band", "mode", "who", "card")
# aloud and typed are kinds of pair interview: the candidate spoke, or typed, the answer.
MODES = ("solo", "pair", "aloud", "typed")
SIMILAR = 85  # rapidfuzz ratio from which a mistyped value still names a field ("cahcing")
_WORD = re.compile(r"[^\W_]+")
# A free word of the filter -> the ids of the attempts whose answers hold it.
AnswerHits = Mapping[str, AbstractSet[str]]


@functools.lru_cache(maxsize=8192)  # a history holds few distinct topics, levels and names
def value_matches(wanted: str, value: str) -> bool:
    """A filter value names a field when it begins the field or one of its words ("cach",
    "storage" in "distributed-storage"), or is the field mistyped ("cahcing")."""
    if not wanted:
        return True
    value = value.lower()
    words = [value, *_WORD.findall(value)]
    if any(word.startswith(wanted) for word in words):
        return True
    return len(wanted) >= 5 and any(fuzz.ratio(wanted, word) >= SIMILAR for word in words)


@dataclass(frozen=True)
class HistoryFilter:
    """Narrow the history. `parse` reads "topic:raft level:L4 band:good mode:pair words";
    what it could not read is in `problems`, said in one line by `problem`."""

    topic: str = ""
    level: str = ""
    bands: tuple[Band, ...] = ()  # empty: any band
    mode: str = ""  # one of MODES, or "" for any
    who: str = ""
    card: str = ""
    text: str = ""
    problems: tuple[str, ...] = ()

    @classmethod
    def parse(cls, query: str) -> HistoryFilter:
        values: dict[str, str] = {}
        words: list[str] = []
        problems: list[str] = []
        for token in query.split():
            name, colon, value = token.partition(":")
            name = name.lower()
            if not colon or not name.isalpha():  # "tcp/ip", ":x", "a-b:c" are words
                words.append(token.lower())
            elif name not in FILTER_KEYS:
                known = " ".join(f"{key}:" for key in FILTER_KEYS)
                problems.append(f"{name}: is not a filter key (ignored); use {known}")
            elif value:
                values[name] = value.lower()
        bands: tuple[Band, ...] = ()
        if "band" in values:
            wanted = values.pop("band").replace("_", " ")
            bands = tuple(band for band in Band if value_matches(wanted, band.label))
            if not bands:
                labels = ", ".join(band.label for band in Band)
                problems.append(f"band:{wanted}: no such band (ignored); use {labels}")
        if "mode" in values:
            wanted = values.pop("mode")
            mode = next((name for name in MODES if name.startswith(wanted)), "")
            if not mode:
                problems.append(f"mode:{wanted}: no such mode (ignored); use {', '.join(MODES)}")
            values["mode"] = mode
        level = values.pop("level", "")
        return cls(
            **values,
            level=level.removeprefix("l"),
            bands=bands,
            text=" ".join(words),
            problems=tuple(problems),
        )

    @property
    def problem(self) -> str:
        """Everything the query said that was not understood, in one line ("" when all was)."""
        return "; ".join(self.problems)

    @property
    def words(self) -> tuple[str, ...]:
        """The free words, each of which must be in the attempt's fields or its answers."""
        return tuple(self.text.split())

    def matches(self, summary: AttemptSummary, hits: AnswerHits | None = None) -> bool:
        """Whether the attempt passes; a free word may be in its fields, or in its answers
        where `hits` (word -> ids of the attempts whose answers hold it) says so."""
        return (
            value_matches(self.topic, summary.topic)
            and (not self.level or summary.level.lower().removeprefix("l").startswith(self.level))
            and (not self.bands or summary.band in self.bands)
            and self._mode_matches(summary)
            and (
                not self.who
                or value_matches(self.who, summary.profile)
                or value_matches(self.who, summary.interviewer or "")
            )
            and (
                not self.card
                or value_matches(self.card, summary.card_title)
                or value_matches(self.card, summary.card_id)
            )
            and self._words_match(summary, hits or {})
        )

    def _mode_matches(self, summary: AttemptSummary) -> bool:
        return mode_matches(self.mode, summary.mode, summary.typed)

    def _words_match(self, summary: AttemptSummary, hits: AnswerHits) -> bool:
        fields = summary.search_text
        return all(word in fields or summary.id in hits.get(word, ()) for word in self.words)


def mode_matches(wanted: str, mode: Mode, typed: bool) -> bool:
    """Whether an attempt given in `mode` (typed or aloud) is of the mode a filter names."""
    if not wanted:
        return True
    if wanted == "solo":
        return mode is Mode.SOLO
    if mode is not Mode.PAIR:
        return False
    return wanted == "pair" or typed == (wanted == "typed")


def select_history(
    summaries: Iterable[AttemptSummary],
    history_filter: HistoryFilter,
    sort: str,
    descending: bool,
    hits: AnswerHits | None = None,
) -> list[AttemptSummary]:
    """The attempts that pass the filter (free words found in answers as `hits` says), sorted
    by a column of `SORT_KEYS`. (`HistoryIndex.select` does the same, faster, for the screen.)"""
    if history_filter == HistoryFilter():
        chosen = list(summaries)
    else:
        chosen = [s for s in summaries if history_filter.matches(s, hits)]
    chosen.sort(key=SORT_KEYS[sort], reverse=descending)
    return chosen


def final_covered(attempt: Attempt) -> set[str]:
    """The concepts an attempt was finally credited with (automatic verdicts, then overrides)."""
    covered = set(attempt.automatic_covered)
    for name, is_covered in attempt.overrides.items():
        if is_covered:
            covered.add(name)
        else:
            covered.discard(name)
    return covered


@dataclass(frozen=True)
class Comparison:
    """Two attempts at one card: how the score moved and which concepts came and went."""

    before: Attempt
    after: Attempt
    gained: tuple[str, ...]
    lost: tuple[str, ...]

    @property
    def people(self) -> tuple[str, str] | None:
        """Whose attempts these are, before then after, when they are two people's."""
        names = (self.before.profile, self.after.profile)
        return names if names[0] != names[1] else None

    @property
    def score_change(self) -> float:
        return round(self.after.score - self.before.score, 1)


def compare(first: Attempt, second: Attempt, concept_order: Sequence[str] = ()) -> Comparison:
    """Compare two attempts at the same card, the earlier one first."""
    if first.card_id != second.card_id:
        raise ValueError("only attempts at the same card can be compared")
    before, after = sorted((first, second), key=lambda attempt: attempt.started)
    old, new = final_covered(before), final_covered(after)
    order = list(dict.fromkeys([*concept_order, *sorted(old | new)]))
    return Comparison(
        before,
        after,
        gained=tuple(name for name in order if name in new - old),
        lost=tuple(name for name in order if name in old - new),
    )


def breakdown(attempt: Attempt, card: Card) -> Split:
    """An attempt's 60/40 split, recounted against the card as the bank has it now."""
    covered = final_covered(attempt)
    core = [c.name for c in card.core_concepts]
    bonus = [c.name for c in card.bonus_concepts]
    return Split(
        sum(name in covered for name in core),
        len(core),
        sum(name in covered for name in bonus),
        len(bonus),
    )


def attempt_calibration(attempt: Attempt) -> Calibration | None:
    """The calibration a saved attempt records (None when no self-assessment was made)."""
    if attempt.self_assessment is None and attempt.self_covered is None:
        return None
    order = [*attempt.automatic_covered, *attempt.overrides, *(attempt.self_covered or ())]
    return calibrate(
        attempt.self_assessment,
        attempt.self_covered,
        attempt.band,
        final_covered(attempt),
        dict.fromkeys(order),
    )
