"""Read a card file into a `Card`, or into problems naming the file and line.

Errors are values: `parse_card` never raises for bad input, it returns the problems it found.
The steps: decode the bytes, read the front matter (`front_matter`), split the body into
sections (`sections`), build the card (`build`), then lint it (`lint`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from trainer.core.cards.build import build_card, index_sections
from trainer.core.cards.discovery import read_card_bytes
from trainer.core.cards.front_matter import FrontMatter, read_front_matter
from trainer.core.cards.lint import thin_card_warnings
from trainer.core.cards.model import Card, Problem, Severity
from trainer.core.cards.sections import Line, split_sections
from trainer.core.cards.untrusted import (
    control_character_warnings,
    keyword_problems,
    strings_in,
)
from trainer.core.terminal_text import unsafe_characters

_TEXT_FIELDS = ("id", "type", "level", "category", "topic", "subtopic", "estimated_time")


@dataclass(frozen=True)
class CardLoad:
    """The outcome of reading one file: a card when usable, and every problem found."""

    path: Path
    card: Card | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


def load_card(path: Path) -> CardLoad:
    """Read and parse one card file."""
    raw = read_card_bytes(path)
    if isinstance(raw, str):
        return _failed(path, 1, raw)
    return parse_card(raw, path)


def parse_card(raw: bytes, path: Path) -> CardLoad:
    """Parse a card from its bytes; `path` is only used to name problems."""
    text = _decode(raw, path)
    if isinstance(text, Problem):
        return CardLoad(path, None, (text,))
    lines = [line.rstrip() for line in text.split("\n")]
    front = read_front_matter("\n".join(lines), path)
    if isinstance(front, Problem):
        return CardLoad(path, None, (front,))
    problems: list[Problem] = list(front.warnings)
    fields: dict[str, str] = {}
    for key in _TEXT_FIELDS:
        value = front.values.get(key, "")
        if not isinstance(value, str):
            return _failed(path, front.line_of(key), f"front matter '{key}' must be plain text")
        fields[key] = value.strip()
    if not fields["id"]:
        return _failed(path, 2, "the front matter has no 'id'")
    if unsafe_characters(fields["id"]):
        return _failed(path, front.line_of("id"), "the 'id' holds control characters")
    if not re.fullmatch(r"L\d+", fields["level"]):
        problems.append(_warning(path, front.line_of("level"), "level should look like L3..L7"))
    aliases = _aliases(front, path, problems)
    sources = _sources(front, path, problems)

    body = [Line(number + 1, lines[number]) for number in range(front.body_start, len(lines))]
    sections = split_sections(body)
    card = build_card(path, fields, aliases, sources, sections, body, problems, text)
    first_line = next((line.number for line in body if line.text.strip()), 1)
    by_name = index_sections(sections)
    problems.extend(thin_card_warnings(card, by_name, first_line))
    problems.extend(keyword_problems(card, by_name, first_line, front.line_of("aliases")))
    problems.extend(control_character_warnings(path, _texts_of(lines, front)))
    errors = [p for p in problems if p.severity is Severity.ERROR]
    return CardLoad(path, None if errors else card, tuple(problems))


def _texts_of(lines: list[str], front: FrontMatter) -> Iterator[tuple[int, str]]:
    """Every line of the file, and every front matter string (where escapes such as "\\e"
    became control characters) at the line of its key."""
    yield from enumerate(lines, start=1)
    for key, value in front.values.items():
        for text in strings_in(value):
            yield front.line_of(str(key)), text


def _decode(raw: bytes, path: Path) -> str | Problem:
    if not raw.strip():
        return Problem(path, 1, "the file is empty")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return Problem(path, line, "binary data (a NUL byte): not a card")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(path, line, f"not UTF-8 text (byte 0x{raw[error.start]:02x})")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _aliases(front: FrontMatter, path: Path, problems: list[Problem]) -> dict[str, tuple[str, ...]]:
    """Front matter `aliases: {keyword: [other spelling, ...]}` (a single string also works)."""
    value: Any = front.values.get("aliases")
    line = front.line_of("aliases")
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        problems.append(_warning(path, line, "'aliases' must map a keyword to its other names"))
        return {}
    aliases = {}
    for keyword, names in value.items():
        listed = [names] if isinstance(names, str) else names
        if isinstance(keyword, str) and isinstance(listed, list):
            aliases[keyword] = tuple(str(name) for name in listed if isinstance(name, str))
        else:
            problems.append(_warning(path, line, f"alias of {keyword!r} is not a list of names"))
    return aliases


def _sources(front: FrontMatter, path: Path, problems: list[Problem]) -> tuple[str, ...]:
    """Front matter `sources:` a list of citations (a paper with its section, or a URL)."""
    value: Any = front.values.get("sources")
    if value in (None, ""):
        return ()
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
        problems.append(
            _warning(path, front.line_of("sources"), "'sources' must be a list of citations")
        )
        return ()
    return tuple(item.strip() for item in listed if item.strip())


def _warning(path: Path, line: int, message: str) -> Problem:
    return Problem(path, line, message, Severity.WARNING)


def _failed(path: Path, line: int, message: str) -> CardLoad:
    return CardLoad(path, None, (Problem(path, line, message),))
