"""Warnings about a usable card: what is thin or missing, so `bank check` can say so."""

from __future__ import annotations

from pathlib import Path

from trainer.core.cards.build import PROBE_SECTIONS
from trainer.core.cards.model import Card, Problem, Severity
from trainer.core.cards.sections import SectionNode


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
