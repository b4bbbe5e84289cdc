"""A card is untrusted input (banks are shared as files): what in it could reach the reader's
terminal, could never match, or is past a limit, each at the line to fix.

Control characters are shown visibly everywhere (`trainer.core.terminal_text`), so they are
warnings; a keyword without letters or digits is ignored by the matcher, so it is a warning;
past a limit in `limits` the card is refused, so that is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from trainer.core.cards.limits import MAX_CONCEPTS, MAX_KEYWORD_CHARACTERS, MAX_KEYWORDS
from trainer.core.cards.model import Card, Problem, Severity
from trainer.core.cards.sections import SectionNode
from trainer.core.terminal_text import describe, unsafe_characters, visible

_MAX_CONTROL_WARNINGS = 5  # lines named one by one; the rest are counted in one more line
# What makes the matcher take a keyword as a command, matched exactly as written (keep in step
# with `trainer.core.grading.matching.Keyword.is_command`): such a keyword needs no letters.
_COMMAND_HINT = re.compile(r"(?:^|\s)--?\w|[|/=<>$]")


def control_character_warnings(path: Path, texts: Iterable[tuple[int, str]]) -> list[Problem]:
    """One warning per line that holds characters a terminal would act on (ESC, C1, bidi)."""
    by_line: dict[int, list[str]] = {}
    for line, text in texts:
        found = unsafe_characters(text)
        if found:
            known = by_line.setdefault(line, [])
            known.extend(character for character in found if character not in known)
    warnings = []
    for line in sorted(by_line)[:_MAX_CONTROL_WARNINGS]:
        characters = by_line[line]
        names = ", ".join(describe(character) for character in characters)
        shown = " ".join(visible(character) for character in characters)
        plural = "s" if len(characters) > 1 else ""
        warnings.append(
            Problem(
                path,
                line,
                f"control character{plural} {names}: shown as {shown}, never sent to a terminal",
                Severity.WARNING,
            )
        )
    if len(by_line) > _MAX_CONTROL_WARNINGS:
        more = len(by_line) - _MAX_CONTROL_WARNINGS
        first = sorted(by_line)[_MAX_CONTROL_WARNINGS]
        warnings.append(
            Problem(path, first, f"control characters on {more} more lines", Severity.WARNING)
        )
    return warnings


def strings_in(value: Any) -> Iterator[str]:
    """Every string in a front matter value: keys and items of mappings and lists too."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def keyword_problems(
    card: Card, by_name: dict[str, SectionNode], first_line: int, aliases_line: int
) -> list[Problem]:
    """Keywords and aliases that can never match (warnings) or are past a limit (errors)."""
    path = card.path
    problems: list[Problem] = []
    concepts = len(card.core_concepts) + len(card.bonus_concepts)
    if concepts > MAX_CONCEPTS:
        line = _heading_line(by_name, "core_concepts", first_line)
        message = f"{concepts:,} concepts: at most {MAX_CONCEPTS} (the limit)"
        problems.append(Problem(path, line, message))
    keywords = [
        (section, group.label, keyword)
        for section, groups in (
            ("expected_keywords", card.core_keywords),
            ("bonus_keywords", card.bonus_keywords),
        )
        for group in groups
        for keyword in group.keywords
    ]
    count = len(keywords) + sum(len(names) for names in card.aliases.values())
    if count > MAX_KEYWORDS:  # checked first: looking up lines for 20,000 keywords is slow
        line = _heading_line(by_name, "expected_keywords", first_line)
        message = f"{count:,} keywords and aliases: at most {MAX_KEYWORDS} (the limit)"
        return [*problems, Problem(path, line, message)]
    for section, label, keyword in keywords:
        line = _line_holding(by_name.get(section), keyword, first_line)
        problems.extend(_keyword_problem(path, line, "keyword", keyword, label))
    for keyword, names in card.aliases.items():
        for name in names:
            problems.extend(_keyword_problem(path, aliases_line, f"alias of {keyword!r}", name))
    return problems


def _heading_line(by_name: dict[str, SectionNode], name: str, default: int) -> int:
    node = by_name.get(name)
    return node.line if node else default


def _keyword_problem(path: Path, line: int, what: str, text: str, group: str = "") -> list[Problem]:
    if len(text) > MAX_KEYWORD_CHARACTERS:
        start = visible(text[:20])
        limit = MAX_KEYWORD_CHARACTERS
        message = f"{what} of {len(text):,} characters ({start!r}...): at most {limit} (the limit)"
        return [Problem(path, line, message)]
    if any(character.isalnum() for character in text):
        return []
    if text and ("command" in group.lower() or _COMMAND_HINT.search(text)):
        return []  # a command: matched exactly as written, letters or not
    message = f"{what} {visible(text)!r} has no letters or digits: it can never match (ignored)"
    return [Problem(path, line, message, Severity.WARNING)]


def _line_holding(node: SectionNode | None, text: str, default: int) -> int:
    """The first line of the section that holds `text` (else the heading, else `default`)."""
    if node is None:
        return default
    return next((line.number for line in node.body if text in line.text), node.line)
