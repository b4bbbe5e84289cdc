"""Looking back: filter and sort attempts, compare two attempts at the same card."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from trainer.core.cards.model import Card
from trainer.core.grading.calibration import Calibration, calibrate
from trainer.core.grading.scoring import Split
from trainer.core.store.records import Attempt, AttemptSummary

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
}
_FIELDS = ("topic", "level", "band", "mode")


@dataclass(frozen=True)
class HistoryFilter:
    """Narrow the history. `parse` reads "topic:raft level:L4 band:good mode:pair words"."""

    topic: str = ""
    level: str = ""
    band: str = ""
    mode: str = ""
    text: str = ""

    @classmethod
    def parse(cls, query: str) -> HistoryFilter:
        values: dict[str, str] = {}
        words = []
        for token in query.split():
            name, _, value = token.partition(":")
            if value and name.lower() in _FIELDS:
                values[name.lower()] = value.lower()
            else:
                words.append(token.lower())
        return cls(**values, text=" ".join(words))

    def matches(self, summary: AttemptSummary) -> bool:
        band = summary.band.label
        searchable = " ".join(
            (
                summary.card_title,
                summary.card_id,
                summary.topic,
                summary.level,
                band,
                summary.mode,
                summary.interviewer or "",
            )
        ).lower()
        return (
            (not self.topic or summary.topic.lower() == self.topic)
            and (not self.level or summary.level.lower() == self.level)
            and (not self.band or summary.band.startswith(self.band.replace(" ", "_")))
            and (not self.mode or summary.mode == self.mode)
            and all(word in searchable for word in self.text.split())
        )


def select_history(
    summaries: Iterable[AttemptSummary], history_filter: HistoryFilter, sort: str, descending: bool
) -> list[AttemptSummary]:
    """The attempts that pass the filter, sorted by a column of `SORT_KEYS`."""
    chosen = [summary for summary in summaries if history_filter.matches(summary)]
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
