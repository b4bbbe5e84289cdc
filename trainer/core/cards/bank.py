"""The bank: find card files under one or more roots, load them, report problems, filter."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

# Re-exported: discovery used to live here.
from trainer.core.cards.discovery import DOCUMENT_NAMES as DOCUMENT_NAMES
from trainer.core.cards.discovery import discover as discover
from trainer.core.cards.model import Card, Problem, Severity

if TYPE_CHECKING:
    from trainer.core.cards.cache import CardCache, Loaded

Progress = Callable[[int, int], None]
"""Called as `progress(done, total)` after each card file parsed (not those from the cache)."""


@dataclass(frozen=True)
class Bank:
    """Usable cards in a stable order, and every problem met while loading them."""

    cards: tuple[Card, ...]
    problems: tuple[Problem, ...]
    files: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def by_id(self, card_id: str) -> Card | None:
        """The card with this id (ids are unique in a loaded bank)."""
        return self._by_id.get(card_id)

    @cached_property
    def _by_id(self) -> dict[str, Card]:
        return {card.id: card for card in self.cards}

    def topics(self) -> list[str]:
        return sorted({card.topic for card in self.cards})


@dataclass(frozen=True)
class CardFilter:
    """Narrow a bank; empty fields match everything, text matches id, title, question, topic."""

    topic: str = ""
    level: str = ""
    category: str = ""
    text: str = ""

    def matches(self, card: Card) -> bool:
        return (
            (not self.topic or card.topic.lower() == self.topic.lower())
            and (not self.level or card.level.lower() == self.level.lower())
            and (not self.category or card.category.lower() == self.category.lower())
            and all(word in card.searchable_text() for word in self.text.lower().split())
        )


def load_bank(
    roots: Sequence[Path], cache: CardCache | None = None, progress: Progress | None = None
) -> Bank:
    """Discover and parse every card (those unchanged since the last run come from `cache`);
    a card whose id was already taken is reported, not loaded."""
    statuses: dict[Path, os.stat_result] = {}
    paths, problems = discover(roots, statuses)
    if cache is not None:
        return assemble(cache.load(roots, paths, _parse, progress, statuses), problems)
    loads = []
    for done, path in enumerate(paths, start=1):
        loads.append(_parse(path))
        if progress is not None:
            progress(done, len(paths))
    return assemble(loads, problems)


def load_cached_bank(roots: Sequence[Path], progress: Progress | None = None) -> Bank:
    """`load_bank` through the cache in the user's cache folder: what every command and the app
    read (only `bank check` parses every file again)."""
    from trainer.core.cards.cache import CardCache

    return load_bank(roots, CardCache.in_user_cache(), progress)


class BankInBackground:
    """`load_cached_bank` started in a thread at once, so that reading the bank overlaps what
    a start does meanwhile (opening the store, importing the interface); called as a
    `BankLoader`, it waits for the bank and forwards the progress, the part already made
    first."""

    def __init__(self, roots: Sequence[Path]) -> None:
        self._progress: Progress | None = None
        self._last = (0, 0)
        self._bank: Bank | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        threading.Thread(target=self._read, args=(roots,), daemon=True).start()

    def ready(self, wait: float = 0.0) -> bool:
        """Whether the bank is read, waiting up to `wait` seconds for it."""
        return self._done.wait(wait)

    def _read(self, roots: Sequence[Path]) -> None:
        try:
            self._bank = load_cached_bank(roots, self._report)
        except BaseException as error:  # handed to the caller, raised in its thread
            self._error = error
        finally:
            self._done.set()

    def _report(self, done: int, total: int) -> None:
        self._last = (done, total)
        if self._progress is not None:
            self._progress(done, total)

    def __call__(self, progress: Progress | None = None) -> Bank:
        self._progress = progress
        if progress is not None and self._last[1]:
            progress(*self._last)
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._bank is not None
        return self._bank


def _parse(path: Path) -> Loaded:
    # Imported here: a bank read from the cache never loads the parser (YAML, markdown-it).
    from trainer.core.cards.parser import load_card

    return load_card(path)


def assemble(loads: Iterable[Loaded], problems: Iterable[Problem] = ()) -> Bank:
    """Collect loads into a bank, refusing duplicate ids with both paths named."""
    all_problems = list(problems)
    cards: list[Card] = []
    first_by_id: dict[str, Card] = {}
    files = 0
    for load in loads:
        files += 1
        all_problems.extend(load.problems)
        card = load.card
        if card is None:
            continue
        first = first_by_id.get(card.id)
        if first is not None:
            all_problems.append(
                Problem(card.path, 2, f"duplicate id {card.id!r}: already used by {first.path}")
            )
            continue
        first_by_id[card.id] = card
        cards.append(card)
    return Bank(tuple(cards), tuple(all_problems), files)


def select(cards: Iterable[Card], card_filter: CardFilter) -> list[Card]:
    """The cards that pass the filter, in bank order."""
    return [card for card in cards if card_filter.matches(card)]


BUNDLED = "bundled"


def bank_roots(
    cli_banks: Sequence[str], env_value: str | None, bundled: Path, separator: str
) -> list[Path]:
    """Which roots to load: `--bank` options, else `TRAINER_BANK`, else the bundled bank.

    The word `bundled` among them stands for the bundled bank, so a user can add to it.
    """
    chosen = list(cli_banks) or [part for part in (env_value or "").split(separator) if part]
    if not chosen:
        return [bundled]
    return [bundled if entry == BUNDLED else Path(entry).expanduser() for entry in chosen]
