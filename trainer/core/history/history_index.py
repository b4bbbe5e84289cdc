"""The history's attempts held column by column, so a filter typed over 50,000 of them costs a
few passes over plain lists (milliseconds) instead of 50,000 calls of `HistoryFilter.matches`
(a hundred and more): each field's distinct values (few: topics, levels, names) are judged
once, each sort order is worked out once, and a keystroke only combines them."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from trainer.core.history.filters import (
    SORT_KEYS,
    AnswerHits,
    HistoryFilter,
    mode_matches,
    value_matches,
)
from trainer.core.store.records import AttemptSummary

# What each field filter looks at, one value per attempt.
COLUMNS: dict[str, Callable[[AttemptSummary], Hashable]] = {
    "topic": lambda s: s.topic,
    "level": lambda s: s.level,
    "band": lambda s: s.band,
    "mode": lambda s: (s.mode, s.typed),
    "who": lambda s: (s.profile, s.interviewer or ""),
    "card": lambda s: (s.card_title, s.card_id),
}


class HistoryIndex:
    """`select` gives what `select_history` gives for the same summaries, in the same order."""

    def __init__(self, summaries: Sequence[AttemptSummary]) -> None:
        self.summaries = list(summaries)
        self._columns: dict[str, list[Hashable]] = {}
        self._orders: dict[tuple[str, bool], Sequence[int]] = {}
        self._search: list[str] | None = None
        self._ids: list[str] | None = None

    def __len__(self) -> int:
        return len(self.summaries)

    def prepare(self) -> HistoryIndex:
        """Work out what a first filter and the default order need now (in a worker, say)."""
        self._order("date", True)
        self._search_texts()
        for name in COLUMNS:
            self._column(name)
        return self

    def select(
        self,
        history_filter: HistoryFilter,
        sort: str,
        descending: bool,
        hits: AnswerHits | None = None,
    ) -> list[AttemptSummary]:
        order = self._order(sort, descending)
        summaries = self.summaries
        mask = self._mask(history_filter, hits or {})
        if mask is None:
            return [summaries[i] for i in order]
        return [summaries[i] for i in order if mask[i]]

    def _mask(self, f: HistoryFilter, hits: AnswerHits) -> list[bool] | None:
        """Which attempts pass (None: all of them)."""
        masks: list[list[bool]] = []
        if f.topic:
            masks.append(self._judge("topic", lambda v: value_matches(f.topic, v)))
        if f.level:
            masks.append(
                self._judge("level", lambda v: v.lower().removeprefix("l").startswith(f.level))
            )
        if f.bands:
            masks.append(self._judge("band", lambda v: v in f.bands))
        if f.mode:
            masks.append(self._judge("mode", lambda v: mode_matches(f.mode, *v)))
        if f.who:
            masks.append(self._judge("who", lambda v: any(value_matches(f.who, n) for n in v)))
        if f.card:
            masks.append(self._judge("card", lambda v: any(value_matches(f.card, n) for n in v)))
        for word in f.words:
            masks.append(self._word(word, hits.get(word, frozenset())))
        if not masks:
            return None
        combined = masks[0]
        for other in masks[1:]:
            combined = [a and b for a, b in zip(combined, other, strict=True)]
        return combined

    def _judge(self, column: str, passes: Callable[[Any], bool]) -> list[bool]:
        """Each attempt's verdict, from one verdict per distinct value of the column."""
        values = self._column(column)
        verdicts = {value: passes(value) for value in set(values)}
        return [verdicts[value] for value in values]

    def _column(self, name: str) -> list[Hashable]:
        values = self._columns.get(name)
        if values is None:
            value_of = COLUMNS[name]
            one: dict[Hashable, Hashable] = {}  # one object per distinct value: few, held once
            values = [one.setdefault(v, v) for v in map(value_of, self.summaries)]
            self._columns[name] = values
        return values

    def _word(self, word: str, in_answers: AbstractSet[str]) -> list[bool]:
        """Whether each attempt's fields hold the word, or its answers (`in_answers`: ids)."""
        texts = self._search_texts()
        verdicts = {text: word in text for text in set(texts)}  # the same few texts repeat
        found = [verdicts[text] for text in texts]
        if not in_answers:
            return found
        if self._ids is None:
            self._ids = [s.id for s in self.summaries]
        return [hit or i in in_answers for hit, i in zip(found, self._ids, strict=True)]

    def _search_texts(self) -> list[str]:
        if self._search is None:
            one: dict[str, str] = {}  # one string per distinct text: a card's attempts share it
            self._search = [one.setdefault(t, t) for t in (s.search_text for s in self.summaries)]
        return self._search

    def _order(self, sort: str, descending: bool) -> Sequence[int]:
        """Positions in `sort` order; stable, as sorting the summaries themselves would be."""
        order = self._orders.get((sort, descending))
        if order is None:
            key = SORT_KEYS[sort]
            keys = [key(s) for s in self.summaries]
            positions = sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
            order = array("l", positions)  # 8 bytes a position, not an int object's 36
            self._orders[(sort, descending)] = order
        return order
