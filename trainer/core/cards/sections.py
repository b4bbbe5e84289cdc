"""Split a card's markdown body into machine-named sections, and read bullets out of them.

A heading such as `## main_question - Core Question` opens the section `main_question`
titled "Core Question". Headings inside fenced or indented code, deeper than `###`, or without
a machine name (`## Summary`) are ordinary content of the section they stand in. markdown-it
decides what is a heading (its tokens carry line numbers), so a fence closes exactly where
CommonMark says it does.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

_MACHINE_NAME = re.compile(r"^([a-z][a-z0-9_]*)(?:\s*(?:-|–|—|:)\s*(.*))?$")
# Only the block rules that decide what is a heading: three times faster than CommonMark's all.
_BLOCKS = MarkdownIt("zero").enable(["heading", "fence", "code"]).disable(["inline", "text_join"])
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")


@dataclass(frozen=True)
class Line:
    """One line of the file with its 1-based number."""

    number: int
    text: str


@dataclass
class SectionNode:
    """A heading with the lines under it; `###` sections are children of the `#`/`##` above."""

    name: str
    title: str
    depth: int
    line: int
    body: list[Line] = field(default_factory=list)
    children: list[SectionNode] = field(default_factory=list)

    def child(self, *names: str) -> SectionNode | None:
        """The first child section with one of these names."""
        return next((node for node in self.children if node.name in names), None)

    def text(self) -> str:
        """The body (without children) as text, outer blank lines removed."""
        return "\n".join(line.text for line in self.body).strip("\n")

    def markdown(self) -> str:
        """The body and the children, headings included, for display."""
        parts = [self.text()]
        for node in self.children:
            heading = f"### {node.name}" + (f" - {node.title}" if node.title else "")
            parts.append(f"{heading}\n\n{node.text()}")
        return "\n\n".join(part for part in parts if part).strip()


@dataclass(frozen=True)
class Bullet:
    """A list item with its continuation lines and sub-items folded into one text."""

    line: int
    text: str


def split_sections(lines: list[Line]) -> list[SectionNode]:
    """Group body lines under their machine-named headings (fenced code is never a heading)."""
    headings = _machine_headings(lines)
    sections: list[SectionNode] = []
    current: SectionNode | None = None
    for index, line in enumerate(lines):
        node = headings.get(index)
        if node is None:
            if current is not None:
                current.body.append(line)
        elif node.depth == 3 and sections:
            sections[-1].children.append(node)
            current = node
        else:
            sections.append(node)
            current = node
    return sections


def _machine_headings(lines: list[Line]) -> dict[int, SectionNode]:
    """ATX headings `#` to `###` at the top level whose text starts with a machine name."""
    tokens = _BLOCKS.parse("\n".join(line.text for line in lines))
    found: dict[int, SectionNode] = {}
    for opening, inline in itertools.pairwise(tokens):
        if opening.type != "heading_open" or opening.map is None or opening.level != 0:
            continue
        depth = len(opening.markup)
        if not opening.markup.startswith("#") or depth > 3:
            continue
        named = _MACHINE_NAME.match(inline.content.strip())
        if named is None:
            continue
        index = opening.map[0]
        found[index] = SectionNode(
            name=named.group(1),
            title=(named.group(2) or "").strip(),
            depth=depth,
            line=lines[index].number,
        )
    return found


def bullets(lines: list[Line]) -> list[Bullet]:
    """Top-level list items; indented sub-items and wrapped lines join the item above."""
    items: list[Bullet] = []
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            continue
        item = _BULLET.match(line.text)
        if item and len(item.group(1).expandtabs(4)) < 2:
            items.append(Bullet(line.number, item.group(2).strip()))
        elif items:
            joiner = "; " if item else " "
            text = item.group(2).strip() if item else stripped
            items[-1] = Bullet(items[-1].line, f"{items[-1].text}{joiner}{text}")
    return items


def unquote(text: str) -> str:
    """Remove one pair of surrounding double quotes (straight or curly), if there is one."""
    text = text.strip()
    for opening, closing in (('"', '"'), ("“", "”")):
        if len(text) >= 2 and text.startswith(opening) and text.endswith(closing):
            return text[1:-1].strip()
    return text
