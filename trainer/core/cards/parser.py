"""Read a card file into a `Card`, or into problems naming the file and line.

Errors are values: `parse_card` never raises for bad input, it returns the problems it found.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

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
from trainer.core.cards.sections import (
    Bullet,
    Line,
    SectionNode,
    bullets,
    split_sections,
    unquote,
)

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
_TEXT_FIELDS = ("id", "type", "level", "category", "topic", "subtopic", "estimated_time")
_FENCE_LINE = re.compile(r"^-{3,}\s*$")
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*\s*(?:[:\-–—]\s*)?(.*)$")
_LABELLED = re.compile(r"^(?:\*\*)?([A-Za-z][^:,*]{0,40}?)(?:\*\*)?\s*:(?:\*\*)?\s+(.+)$")
_QUESTION_LEAD = re.compile(r"^(?:\*\*)?question(?:\*\*)?\s*:?(?:\*\*)?\s*:?\s*(.*)$", re.I)
_LIST_SPLIT = re.compile(r"[,;](?![^()]*\))")


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


# libyaml's parser when PyYAML was built with it: five times faster on a bank of 1,000 cards.
_BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _StringsOnlyLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Keep every scalar a string (`no`, `1.10`, dates stay as written) and refuse tags."""


def _refuse_tag(loader: object, suffix: str, node: yaml.Node) -> None:
    raise yaml.constructor.ConstructorError(
        None, None, f"the YAML tag {node.tag!r} is not allowed in a card", node.start_mark
    )


_StringsOnlyLoader.add_constructor("tag:yaml.org,2002:str", yaml.BaseLoader.construct_scalar)
_StringsOnlyLoader.add_constructor(
    "tag:yaml.org,2002:seq", lambda loader, node: loader.construct_sequence(node, deep=True)
)
_StringsOnlyLoader.add_constructor(
    "tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node, deep=True)
)
_StringsOnlyLoader.add_multi_constructor("!", _refuse_tag)
_StringsOnlyLoader.add_multi_constructor("tag:", _refuse_tag)


class _CardYamlHandler(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> object:
        return yaml.load(fm, Loader=_StringsOnlyLoader)


def load_card(path: Path) -> CardLoad:
    """Read and parse one card file."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return _failed(path, 1, f"cannot read the file: {error.strerror or error}")
    return parse_card(raw, path)


def parse_card(raw: bytes, path: Path) -> CardLoad:
    """Parse a card from its bytes; `path` is only used to name problems."""
    problems: list[Problem] = []
    text_or_problem = _decode(raw, path)
    if isinstance(text_or_problem, Problem):
        return CardLoad(path, None, (text_or_problem,))
    text = text_or_problem
    lines = [line.rstrip() for line in text.split("\n")]

    if not lines or not _FENCE_LINE.match(lines[0]):
        return _failed(path, 1, "no front matter: a card starts with a '---' line")
    closing = next((i for i in range(1, len(lines)) if _FENCE_LINE.match(lines[i])), None)
    if closing is None:
        return _failed(path, 1, "the front matter is not closed: no second '---' line")

    handler = _CardYamlHandler()
    front_text, _ = handler.split("\n".join(lines))
    try:
        front = handler.load(front_text)
    except yaml.YAMLError as error:
        # The context mark is where the broken construct starts, the line a person would fix.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return _failed(path, line, f"bad YAML in the front matter: {reason}")
    if front is None:
        front = {}
    if not isinstance(front, dict):
        return _failed(path, 2, "the front matter must be 'key: value' lines")

    fields: dict[str, str] = {}
    for key in _TEXT_FIELDS:
        value = front.get(key, "")
        if not isinstance(value, str):
            line = _front_line(lines, closing, key)
            return _failed(path, line, f"front matter '{key}' must be plain text")
        fields[key] = value.strip()
    if not fields["id"]:
        return _failed(path, 2, "the front matter has no 'id'")
    if not re.fullmatch(r"L\d+", fields["level"]):
        problems.append(
            _warning(path, _front_line(lines, closing, "level"), "level should look like L3..L7")
        )
    aliases = _aliases(front.get("aliases"), path, _front_line(lines, closing, "aliases"), problems)

    body = [Line(number + 1, line) for number, line in enumerate(lines) if number > closing]
    sections = split_sections(body)
    card = _build_card(path, fields, aliases, sections, body, problems, text)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    return CardLoad(path, None if errors else card, tuple(problems))


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


def _build_card(
    path: Path,
    fields: dict[str, str],
    aliases: dict[str, tuple[str, ...]],
    sections: list[SectionNode],
    body: list[Line],
    problems: list[Problem],
    text: str,
) -> Card:
    by_name = _index(sections)
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
        content_hash=hashlib.sha256(text.encode()).hexdigest()[:16],
    )
    problems.extend(_thin_card_warnings(card, by_name, first_line))
    return card


def _index(sections: list[SectionNode]) -> dict[str, SectionNode]:
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
    for item in items:
        labelled = _LABELLED.match(item.text)
        if labelled and len(labelled.group(1).split()) <= 5:
            label, listed = labelled.group(1).strip(), labelled.group(2)
        else:
            label, listed = "Keywords", item.text
        keywords = groups.setdefault(label, [])
        for keyword in split_list(listed):
            if keyword.lower() not in (k.lower() for k in keywords):
                keywords.append(keyword)
    return tuple(KeywordGroup(label, tuple(words)) for label, words in groups.items() if words)


def split_list(text: str) -> list[str]:
    """Split "a, b (c, d), e" on commas and semicolons outside parentheses."""
    parts = (part.strip().strip("`\"'*").strip() for part in _LIST_SPLIT.split(text))
    return [part for part in parts if part]


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
        paragraph = []
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
    rubric, time_expectation, next_topics, other = "", "", (), []
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


def _thin_card_warnings(
    card: Card, by_name: dict[str, SectionNode], first_line: int
) -> list[Problem]:
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


def _front_line(lines: list[str], closing: int, key: str) -> int:
    for number in range(1, closing):
        if lines[number].lstrip().startswith(f"{key}:"):
            return number + 1
    return 2


def _line_containing(body: list[Line], needle: str, default: int) -> int:
    return next((line.number for line in body if needle in line.text.lower()), default)


def _warning(path: Path, line: int, message: str) -> Problem:
    return Problem(path, line, message, Severity.WARNING)


def _failed(path: Path, line: int, message: str) -> CardLoad:
    return CardLoad(path, None, (Problem(path, line, message),))
