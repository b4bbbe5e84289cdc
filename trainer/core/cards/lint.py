"""Warnings about a usable card: what is thin or missing, so `bank check` can say so."""

from __future__ import annotations

import re
from pathlib import Path

from trainer.core.cards.build import PROBE_SECTIONS
from trainer.core.cards.model import Card, Problem, Severity
from trainer.core.cards.sections import SectionNode

SLACK_MINUTES = 2  # rounding between the two is fine; 20-25 against 10-14 is not
_MINUTES = re.compile(r"^\s*(\d+)(?:\s*(?:-|–|to)\s*(\d+))?\s*(?:min(?:ute)?s?)?\s*$", re.I)


def thin_card_warnings(
    card: Card, by_name: dict[str, SectionNode], first_line: int
) -> list[Problem]:
    """What a complete card has and this one lacks, each at the line to fix."""
    path = card.path
    warnings = []

    def line_of(name: str) -> int:
        node = by_name.get(name)
        return node.line if node else first_line

    if "question_title" not in by_name:
        warnings.append(_warning(path, first_line, "no '# question_title' heading"))
    if not card.bonus_concepts:
        warnings.append(
            _warning(path, line_of("peripheral_concepts"), "no bonus concepts (the 40% part)")
        )
    if not card.core_keywords:
        warnings.append(_warning(path, line_of("core_concepts"), "no expected keywords"))
    if not card.sample_excellent:
        warnings.append(_warning(path, line_of("sample_excellent"), "no model answer"))
    if not card.sample_acceptable:
        warnings.append(_warning(path, line_of("sample_acceptable"), "no acceptable answer"))
    for name, kind in PROBE_SECTIONS.items():
        probe = card.probe(kind)
        if probe is None:
            warnings.append(_warning(path, first_line, f"no follow-up '{name}' ({kind} probe)"))
        elif not probe.question:
            warnings.append(_warning(path, line_of(name), f"the {kind} probe has no question"))
    if card.bar_raiser is None or not card.bar_raiser.question:
        warnings.append(_warning(path, line_of("bar_raiser_question"), "no bar-raiser question"))
    if card.budget.derived:
        warnings.append(
            _warning(path, line_of("metadata"), "no time expectation; budget derived from level")
        )
    seen: set[str] = set()
    for concept in (*card.core_concepts, *card.bonus_concepts):
        key = concept.name.lower()
        if key in seen:
            warnings.append(
                _warning(path, concept.line, f"concept {concept.name!r} is listed twice")
            )
        seen.add(key)
    return warnings


def _warning(path: Path, line: int, message: str) -> Problem:
    return Problem(path, line, message, Severity.WARNING)


def budget_disagreement(card: Card) -> str:  # `bank check` reports it (see bank_commands)
    """Why the front matter's `estimated_time` contradicts the time expectation ("" when it
    agrees, or when either is missing or not in minutes). The time expectation is the budget
    the clock uses, so it is the one source of truth; `estimated_time` must be its sum."""
    found = _MINUTES.match(card.estimated_time)
    if not found or card.budget.derived:
        return ""
    low = int(found.group(1))
    high = int(found.group(2) or low)
    budget = card.budget
    want_low = (budget.answer.low + budget.discussion.low) / 60
    want_high = (budget.answer.high + budget.discussion.high) / 60
    if abs(low - want_low) <= SLACK_MINUTES and abs(high - want_high) <= SLACK_MINUTES:
        return ""
    return (
        f"estimated_time {card.estimated_time!r} disagrees with the time expectation "
        f"({budget.answer} answer + {budget.discussion} discussion = "
        f"{want_low:g}-{want_high:g} minutes)"
    )
