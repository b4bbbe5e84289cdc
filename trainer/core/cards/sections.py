"""Split a card's markdown body into machine-named sections, and read bullets out of them.

A heading such as `## main_question - Core Question` opens the section `main_question`
titled "Core Question". Headings inside fenced code blocks, deeper than `###`, or without a
machine name (`## Summary`) are ordinary content of the section they stand in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*#*\s*$")
_MACHINE_NAME = re.compile(r"^([a-z][a-z0-9_]*)(?:\s*(?:-|–|—|:)\s*(.*))?$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
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
    sections: list[SectionNode] = []
    current: SectionNode | None = None
    fence: str | None = None
    for line in lines:
        fence_mark = _FENCE.match(line.text)
        if fence_mark:
            marker = fence_mark.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
        node = None if fence or fence_mark else _heading_node(line)
        if node is None:
            if current is not None:
                current.body.append(line)
        elif node.depth == 3 and current is not None:
            parent = sections[-1]
            parent.children.append(node)
            current = node
        else:
            sections.append(node)
            current = node
    return sections


def _heading_node(line: Line) -> SectionNode | None:
    heading = _HEADING.match(line.text)
    if heading is None:
        return None
    named = _MACHINE_NAME.match(heading.group(2))
    if named is None:
        return None
    return SectionNode(
        name=named.group(1),
        title=(named.group(2) or "").strip(),
        depth=len(heading.group(1)),
        line=line.number,
    )


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
