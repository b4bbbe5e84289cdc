"""The question card and its parts: plain frozen dataclasses every screen reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from trainer.core.cards.budgets import Budget
from trainer.core.terminal_text import visible


class Severity(StrEnum):
    """An error makes a card unusable; a warning marks a usable but thin card."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something wrong with a card file, pointing at the line to fix."""

    path: Path
    line: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        """`path:line: message`, safe to print: a file name or a message quoting the card
        may hold control characters, shown visibly."""
        prefix = "" if self.severity is Severity.ERROR else "warning: "
        where = f"{self.path}:{self.line}" if self.line > 0 else f"{self.path}"
        return visible(f"{where}: {prefix}{self.message}")


class CardError(Exception):
    """Raised where a caller needs exactly one usable card and got a problem instead."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Concept:
    """A concept the answer should discuss: a name, what to say about it, and where it is."""

    name: str
    description: str = ""
    line: int = 0


@dataclass(frozen=True)
class KeywordGroup:
    """Keywords under one label ("Primary keywords", "Technical terms", "Commands", ...)."""

    label: str
    keywords: tuple[str, ...]


class ProbeKind(StrEnum):
    """The three follow-ups, named by what they do (the card names them by the band)."""

    DEPTH = "depth"
    GUIDED = "guided"
    FOUNDATION = "foundation"


@dataclass(frozen=True)
class Note:
    """A labelled bullet under a probe ("Looking for", "Red flags", "Hint embedded", ...)."""

    label: str
    text: str


@dataclass(frozen=True)
class Probe:
    """A follow-up question with the interviewer's notes."""

    kind: ProbeKind
    title: str
    question: str
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class BarRaiser:
    """The harder question one level up, with what a strong reply covers."""

    title: str
    question: str
    concepts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metadata:
    """The card's metadata section: rubric reference, time expectation, next topics, the rest."""

    rubric: str = ""
    time_expectation: str = ""
    next_topics: tuple[str, ...] = ()
    other: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Section:
    """A section the app does not interpret, kept by its machine name for display."""

    name: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Card:
    """One interview question with its rubric, model answers, probes and time budget."""

    path: Path
    id: str
    level: str
    category: str
    topic: str
    subtopic: str
    type: str
    estimated_time: str
    title: str
    question: str
    core_concepts: tuple[Concept, ...]
    core_keywords: tuple[KeywordGroup, ...]
    bonus_concepts: tuple[Concept, ...]
    bonus_keywords: tuple[KeywordGroup, ...]
    sample_excellent: str
    sample_acceptable: str
    common_mistakes: tuple[str, ...]
    probes: tuple[Probe, ...]
    bar_raiser: BarRaiser | None
    metadata: Metadata
    budget: Budget
    extra_sections: tuple[Section, ...] = ()
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    sources: tuple[str, ...] = ()  # citations the card's facts rest on
    content_hash: str = ""

    def probe(self, kind: ProbeKind) -> Probe | None:
        """The follow-up of that kind, if the card has one."""
        return next((probe for probe in self.probes if probe.kind is kind), None)

    def searchable_text(self) -> str:
        """What a free-text filter searches: what names the card, never its rubric."""
        return " ".join(
            (
                self.id,
                self.title,
                self.question,
                self.topic,
                self.subtopic,
                self.category,
                self.level,
            )
        ).lower()
