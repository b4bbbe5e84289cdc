"""A card's front matter: python-frontmatter splits it off, a strings-only YAML loader reads
it (no tags, no type guessing: `no`, `1.10` and dates stay as written), and every key keeps
the line it is on so problems can point at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from trainer.core.cards.model import Problem, Severity

WARNING = Severity.WARNING
# libyaml's parser when PyYAML was built with it: five times faster on a bank of 1,000 cards.
_BaseLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _StringsOnlyLoader(_BaseLoader):  # type: ignore[misc]
    """Keep every scalar a string and refuse tags; remember keys given twice."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int]] = []


def _refuse_tag(loader: object, suffix: str, node: yaml.Node) -> None:
    raise yaml.constructor.ConstructorError(
        None, None, f"the YAML tag {node.tag!r} is not allowed in a card", node.start_mark
    )


def _mapping(loader: _StringsOnlyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, str) and key in seen:
            loader.duplicates.append((key, key_node.start_mark.line + 1))  # its file line
        seen.add(key if isinstance(key, str) else id(key_node))
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    return mapping


_StringsOnlyLoader.add_constructor("tag:yaml.org,2002:str", yaml.BaseLoader.construct_scalar)
_StringsOnlyLoader.add_constructor(
    "tag:yaml.org,2002:seq", lambda loader, node: loader.construct_sequence(node, deep=True)
)
_StringsOnlyLoader.add_constructor("tag:yaml.org,2002:map", _mapping)
_StringsOnlyLoader.add_multi_constructor("!", _refuse_tag)
_StringsOnlyLoader.add_multi_constructor("tag:", _refuse_tag)


class CardYamlHandler(YAMLHandler):
    """python-frontmatter's YAML handler with the strings-only loader."""

    def load(self, fm: str, **kwargs: object) -> Any:
        loader = _StringsOnlyLoader(fm)
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
        self.duplicates = loader.duplicates
        return data


@dataclass(frozen=True)
class FrontMatter:
    """The front matter's values, where each key is, and where the body begins."""

    values: dict[str, Any]
    body_start: int  # index of the body's first line in the file's lines
    key_lines: dict[str, int] = field(default_factory=dict)
    warnings: tuple[Problem, ...] = ()

    def line_of(self, key: str) -> int:
        """The 1-based line of `key` (the line after the opening fence when it is absent)."""
        return self.key_lines.get(key, 2)


def read_front_matter(text: str, path: Path) -> FrontMatter | Problem:
    """Split and read the front matter of a card's text; a problem when there is none."""
    handler = CardYamlHandler()
    if not handler.detect(text):
        return Problem(path, 1, "no front matter: a card starts with a '---' line")
    try:
        front_text, content = handler.split(text)
    except ValueError:
        return Problem(path, 1, "the front matter is not closed: no second '---' line")
    try:
        values = handler.load(front_text)
    except yaml.YAMLError as error:
        # The context mark is where the broken construct starts, the line a person would fix.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return Problem(path, line, f"bad YAML in the front matter: {reason}")
    if values is None:
        values = {}
    if not isinstance(values, dict):
        return Problem(path, 2, "the front matter must be 'key: value' lines")
    key_lines = _key_lines(front_text)
    warnings = tuple(
        Problem(
            path, line, f"front matter key {key!r} is given twice: the last wins", Severity.WARNING
        )
        for key, line in handler.duplicates
    )
    # The closing fence's pattern may swallow blank lines; the body starts on the line after
    # the last newline it consumed.
    body_start = text.count("\n", 0, len(text) - len(content)) + 1
    return FrontMatter(values, body_start, key_lines, warnings)


def _key_lines(front_text: str) -> dict[str, int]:
    """Top-level keys and their 1-based line in the file (the front matter starts on line 2)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(front_text.split("\n")):
        if line and not line[0].isspace() and ":" in line and not line.startswith("#"):
            lines.setdefault(line.split(":", 1)[0].strip(), number + 1)
    return lines
