"""Build a `Card` from its front matter and sections: concepts, keywords, model answers,
probes, the bar-raiser and the metadata, each read the forgiving way the corpus needs."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from trainer.core.cards.budgets import derived_budget, parse_time_expectation
from trainer.core.cards.model import (
    BarRaiser,
    Card,
    Concept,
    KeywordGroup,
    Metadata,
    Note,
    Probe,
    ProbeKind,
    Problem,
    Section,
    Severity,
)
from trainer.core.cards.sections import Bullet, Line, SectionNode, bullets, unquote

PROBE_SECTIONS = {
    "follow_up_excellent": ProbeKind.DEPTH,
    "follow_up_partial": ProbeKind.GUIDED,
    "follow_up_weak": ProbeKind.FOUNDATION,
}
_INTERPRETED = {
    "question_title",
    "main_question",
    "core_concepts",
    "mandatory_concepts",
    "expected_keywords",
    "peripheral_concepts",
    "bonus_concepts",
    "bonus_keywords",
    "sample_excellent",
    "sample_acceptable",
    "common_mistakes",
    "bar_raiser_question",
    "bar_raiser_concepts",
    "metadata",
    *PROBE_SECTIONS,
}
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*\s*(?:[:\-–—]\s*)?(.*)$")
_LABELLED = re.compile(r"^(?:\*\*)?([A-Za-z][^:,*]{0,40}?)(?:\*\*)?\s*:(?:\*\*)?\s+(.+)$")
_QUESTION_LEAD = re.compile(r"^(?:\*\*)?question(?:\*\*)?\s*:?(?:\*\*)?\s*:?\s*(.*)$", re.I)


def build_card(
    path: Path,
    fields: dict[str, str],
    aliases: dict[str, tuple[str, ...]],
    sources: tuple[str, ...],
    sections: list[SectionNode],
    body: list[Line],
    problems: list[Problem],
    text: str,
) -> Card:
    """The card these sections describe; problems found on the way go into `problems`."""
    by_name = index_sections(sections)
    first_line = next((line.number for line in body if line.text.strip()), 1)

    title_node = by_name.get("question_title")
    question_node = by_name.get("main_question")
    question = unquote(question_node.text()) if question_node else ""
    if not question:
        line = question_node.line if question_node else first_line
        problems.append(Problem(path, line, "no main question (a '## main_question' section)"))
    title = title_node.title if title_node and title_node.title else ""
    if not title:
        title = fields["subtopic"].replace("-", " ").title() or fields["id"]

    core_node = by_name.get("core_concepts")
    core_concepts = _concepts(by_name.get("mandatory_concepts") or core_node)
    if not core_concepts:
        line = core_node.line if core_node else first_line
        problems.append(Problem(path, line, "no core concepts (under '## core_concepts')"))
    bonus_concepts = _concepts(by_name.get("bonus_concepts") or by_name.get("peripheral_concepts"))
    core_keywords = _keyword_groups(by_name.get("expected_keywords"))
    bonus_keywords = _keyword_groups(by_name.get("bonus_keywords"))

    metadata = _metadata(by_name.get("metadata"))
    budget = (
        parse_time_expectation(metadata.time_expectation) if metadata.time_expectation else None
    )
    if budget is None:
        if metadata.time_expectation:
            line = _line_containing(body, "time expectation", first_line)
            problems.append(
                _warning(path, line, "time expectation not understood; budget derived from level")
            )
        budget = derived_budget(fields["level"], fields["category"])

    probes = tuple(
        _probe(by_name[name], kind) for name, kind in PROBE_SECTIONS.items() if name in by_name
    )
    bar_raiser = _bar_raiser(by_name.get("bar_raiser_question"), by_name.get("bar_raiser_concepts"))

    card = Card(
        path=path,
        id=fields["id"],
        level=fields["level"],
        category=fields["category"],
        topic=fields["topic"],
        subtopic=fields["subtopic"],
        type=fields["type"],
        estimated_time=fields["estimated_time"],
        title=title,
        question=question,
        core_concepts=core_concepts,
        core_keywords=core_keywords,
        bonus_concepts=bonus_concepts,
        bonus_keywords=bonus_keywords,
        sample_excellent=_answer(by_name.get("sample_excellent")),
        sample_acceptable=_answer(by_name.get("sample_acceptable")),
        common_mistakes=tuple(b.text for b in _bullets_of(by_name.get("common_mistakes"))),
        probes=probes,
        bar_raiser=bar_raiser,
        metadata=metadata,
        budget=budget,
        extra_sections=tuple(
            Section(node.name, node.title, node.markdown())
            for node in sections
            if node.name not in _INTERPRETED
        ),
        aliases=aliases,
        sources=sources,
        content_hash=hashlib.sha256(text.encode()).hexdigest()[:16],
    )
    return card


def index_sections(sections: list[SectionNode]) -> dict[str, SectionNode]:
    """Every section and subsection by name; the first of a name wins."""
    by_name: dict[str, SectionNode] = {}
    for node in sections:
        by_name.setdefault(node.name, node)
        for child in node.children:
            by_name.setdefault(child.name, child)
    return by_name


def _bullets_of(node: SectionNode | None) -> list[Bullet]:
    return bullets(node.body) if node else []


def _concepts(node: SectionNode | None) -> tuple[Concept, ...]:
    concepts = []
    for bullet in _bullets_of(node):
        bold = _BOLD_LEAD.match(bullet.text)
        if bold:
            name = bold.group(1).strip().rstrip(":").strip()
            concepts.append(Concept(name, bold.group(2).strip(), bullet.line))
        else:
            concepts.append(Concept(bullet.text, "", bullet.line))
    return tuple(concepts)


def _keyword_groups(node: SectionNode | None) -> tuple[KeywordGroup, ...]:
    if node is None:
        return ()
    items = _bullets_of(node) or [
        Bullet(line.number, line.text.strip()) for line in node.body if line.text.strip()
    ]
    groups: dict[str, list[str]] = {}
    seen_by_label: dict[str, set[str]] = {}  # a set: 20,000 keywords must not cost n squared
    for item in items:
        labelled = _LABELLED.match(item.text)
        if labelled and len(labelled.group(1).split()) <= 5:
            label, listed = labelled.group(1).strip(), labelled.group(2)
        else:
            label, listed = "Keywords", item.text
        keywords = groups.setdefault(label, [])
        seen = seen_by_label.setdefault(label, set())
        for keyword in split_list(listed):
            if keyword.lower() not in seen:
                seen.add(keyword.lower())
                keywords.append(keyword)
    return tuple(KeywordGroup(label, tuple(words)) for label, words in groups.items() if words)


def split_list(text: str) -> list[str]:
    """Split "a, b (c, d), e" on commas and semicolons outside parentheses."""
    parts = (part.strip().strip("`\"'*").strip() for part in _split_outside_parentheses(text))
    return [part for part in parts if part]


def _split_outside_parentheses(text: str) -> list[str]:
    """Split at every `,` or `;` whose next parenthesis to the right is not a `)`.

    One pass from the right, in linear time: a lookahead regex for the same rule rescans the
    rest of the line at every comma, which took seconds on a line of 20,000 keywords."""
    pieces: list[str] = []
    end = len(text)
    next_parenthesis = ""
    for index in range(len(text) - 1, -1, -1):
        character = text[index]
        if character in "()":
            next_parenthesis = character
        elif character in ",;" and next_parenthesis != ")":
            pieces.append(text[index + 1 : end])
            end = index
    pieces.append(text[:end])
    pieces.reverse()
    return pieces


def _answer(node: SectionNode | None) -> str:
    return unquote(node.text()) if node else ""


def _notes(items: list[Bullet]) -> tuple[Note, ...]:
    notes = []
    for item in items:
        bold = _BOLD_LEAD.match(item.text)
        if bold:
            notes.append(Note(bold.group(1).strip().rstrip(":"), bold.group(2).strip()))
        else:
            notes.append(Note("", item.text))
    return tuple(notes)


def _probe(node: SectionNode, kind: ProbeKind) -> Probe:
    question_lines: list[str] = []
    rest: list[Line] = []
    in_question = False
    for line in node.body:
        lead = _QUESTION_LEAD.match(line.text.strip())
        if lead and not question_lines:
            in_question = True
            question_lines.append(lead.group(1))
        elif in_question and line.text.strip() and not bullets([line]):
            question_lines.append(line.text.strip())
        else:
            in_question = False
            rest.append(line)
    if not question_lines:  # no "**Question**:" marker: the first paragraph is the question
        paragraph: list[str] = []
        for line in rest:
            if bullets([line]) or (not line.text.strip() and paragraph):
                break
            if line.text.strip():
                paragraph.append(line.text.strip())
        question_lines = paragraph
    return Probe(
        kind=kind,
        title=node.title,
        question=unquote(" ".join(question_lines)),
        notes=_notes(bullets(rest)),
    )


def _bar_raiser(question: SectionNode | None, concepts: SectionNode | None) -> BarRaiser | None:
    if question is None:
        return None
    return BarRaiser(
        title=question.title,
        question=unquote(question.text()),
        concepts=tuple(bullet.text for bullet in _bullets_of(concepts)),
    )


def _metadata(node: SectionNode | None) -> Metadata:
    rubric, time_expectation = "", ""
    next_topics: tuple[str, ...] = ()
    other: list[Note] = []
    for note in _notes(_bullets_of(node)):
        label = note.label.lower()
        if "rubric" in label:
            rubric = note.text
        elif "time" in label:
            time_expectation = note.text
        elif "next" in label:
            next_topics = tuple(split_list(note.text))
        else:
            other.append(note)
    return Metadata(rubric, time_expectation, next_topics, tuple(other))


def _aliases(
    value: object, path: Path, line: int, problems: list[Problem]
) -> dict[str, tuple[str, ...]]:
    """Front matter `aliases: {keyword: [other spelling, ...]}` (a single string also works)."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        problems.append(_warning(path, line, "'aliases' must map a keyword to its other names"))
        return {}
    aliases = {}
    for keyword, names in value.items():
        names = [names] if isinstance(names, str) else names
        if isinstance(keyword, str) and isinstance(names, list):
            aliases[keyword] = tuple(str(name) for name in names if isinstance(name, str))
        else:
            problems.append(_warning(path, line, f"alias of {keyword!r} is not a list of names"))
    return aliases


def _line_containing(body: list[Line], needle: str, default: int) -> int:
    return next((line.number for line in body if needle in line.text.lower()), default)


def _warning(path: Path, line: int, message: str) -> Problem:
    return Problem(path, line, message, Severity.WARNING)
