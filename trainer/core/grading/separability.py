"""Concepts a grader can tell apart: a warning for two concepts of one card whose descriptions
share most of their distinctive words, so that one sentence would earn both.

How it is measured: each concept's distinctive words are the content-word stems of its name and
description (grammar and filler words dropped, `words.content_stems`), minus the card's own topic
words (its title, main question and topic, which every answer says). Two concepts overlap when
they share at least `MIN_SHARED` such stems and those make up more than `MAX_SHARE` of the
smaller set."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from trainer.core.cards.model import Card, Concept, Problem, Severity
from trainer.core.grading.words import content_stems

MAX_SHARE = 0.5
MIN_SHARED = 3


@dataclass(frozen=True)
class Overlap:
    """Two concepts of a card and the distinctive stems they share."""

    first: Concept
    second: Concept
    shared: tuple[str, ...]
    share: float


def overlapping_concepts(card: Card) -> list[Overlap]:
    """Pairs of the card's concepts (core and bonus) that one sentence could both earn."""
    topic = set(content_stems(f"{card.title} {card.question} {card.topic} {card.subtopic}"))
    concepts = [*card.core_concepts, *card.bonus_concepts]
    distinctive = {
        concept.name: set(content_stems(f"{concept.name} {concept.description}")) - topic
        for concept in concepts
    }
    found = []
    for first, second in combinations(concepts, 2):
        a, b = distinctive[first.name], distinctive[second.name]
        shared = a & b
        smaller = min(len(a), len(b))
        if len(shared) >= MIN_SHARED and smaller and len(shared) / smaller > MAX_SHARE:
            found.append(Overlap(first, second, tuple(sorted(shared)), len(shared) / smaller))
    return found


def separability_warnings(card: Card) -> list[Problem]:
    """One `bank check` warning per overlapping pair, at the second concept's line."""
    return [
        Problem(
            card.path,
            overlap.second.line,
            f"concepts {overlap.first.name!r} and {overlap.second.name!r} share most of their "
            f"distinctive words ({', '.join(overlap.shared)}): one sentence would earn both",
            Severity.WARNING,
        )
        for overlap in overlapping_concepts(card)
    ]
