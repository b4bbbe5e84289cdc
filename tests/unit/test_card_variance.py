"""Real authors vary the format; every variation below still yields the same kind of card."""

from __future__ import annotations

from pathlib import Path

from tests.cardtext import MINIMAL_CARD
from trainer.core.cards.model import Card
from trainer.core.cards.parser import parse_card

PATH = Path("card.md")


def parse(text: str, encoding: str = "utf-8") -> Card:
    loaded = parse_card(text.encode(encoding), PATH)
    assert loaded.errors == (), loaded.problems
    assert loaded.card is not None
    return loaded.card


def test_minimal_card_has_no_problems() -> None:
    loaded = parse_card(MINIMAL_CARD.encode(), PATH)
    assert loaded.problems == ()


def test_plain_bullet_concept_is_named_by_the_whole_bullet() -> None:
    text = MINIMAL_CARD.replace(
        "- **Fencing Tokens**: a number that grows with each grant, checked by the storage",
        "- Readers pick a timestamp and take no locks",
    )
    card = parse(text)
    assert card.core_concepts[1].name == "Readers pick a timestamp and take no locks"
    assert card.core_concepts[1].description == ""


def test_bare_keyword_list_without_labels() -> None:
    text = MINIMAL_CARD.replace(
        "- Primary keywords: lease, fencing token, expiry", "- lease\n- fencing token\n- expiry"
    )
    card = parse(text)
    assert [(g.label, g.keywords) for g in card.core_keywords] == [
        ("Keywords", ("lease", "fencing token", "expiry"))
    ]


def test_unusual_labels_and_commands_with_commas_in_parentheses() -> None:
    text = MINIMAL_CARD.replace(
        "- Related: clock drift, GC pause",
        "- **Shell one-liners**: `iptables -t nat -L`, netstat -tulpn, tc (qdisc, netem)",
    )
    card = parse(text)
    assert card.bonus_keywords[0].label == "Shell one-liners"
    assert card.bonus_keywords[0].keywords == (
        "iptables -t nat -L",
        "netstat -tulpn",
        "tc (qdisc, netem)",
    )


def test_concepts_directly_under_core_concepts() -> None:
    text = MINIMAL_CARD.replace("### mandatory_concepts\n", "").replace("### bonus_concepts\n", "")
    card = parse(text)
    assert [c.name for c in card.core_concepts] == ["Lease Expiry", "Fencing Tokens"]
    assert [c.name for c in card.bonus_concepts] == ["Clock Assumptions"]


def test_missing_optional_sections_give_warnings_not_errors() -> None:
    start = MINIMAL_CARD.index("## peripheral_concepts")
    end = MINIMAL_CARD.index("## sample_excellent")
    text = MINIMAL_CARD[:start] + MINIMAL_CARD[end:]
    text = text[: text.index("## bar_raiser_question")]
    loaded = parse_card(text.encode(), PATH)
    assert loaded.card is not None
    assert loaded.card.bonus_concepts == ()
    assert loaded.card.bar_raiser is None
    assert loaded.card.budget.derived
    messages = " | ".join(p.message for p in loaded.warnings)
    assert "no bonus concepts" in messages
    assert "no bar-raiser question" in messages
    assert "budget derived from level" in messages


def test_crlf_trailing_spaces_and_bom() -> None:
    text = "\r\n".join(line + "   " for line in MINIMAL_CARD.split("\n"))
    card = parse(text, encoding="utf-8-sig")
    assert card.id == "test-L4-001"
    assert card.core_concepts[0].description.endswith("after a bounded time")
    assert card.budget.answer.low == 180


def test_hash_lines_inside_fenced_code_are_not_headings() -> None:
    code = (
        '"Run this:\n\n```bash\n# main_question - not a heading\n## metadata\nls\n```\n'
        'Then fencing tokens."'
    )
    excellent = next(line for line in MINIMAL_CARD.split("\n") if line.startswith('"A lease'))
    text = MINIMAL_CARD.replace(excellent, code)
    card = parse(text)
    assert "# main_question - not a heading" in card.sample_excellent
    assert card.question.startswith("Why do distributed locks")
    assert card.metadata.time_expectation.startswith("3-4 min")


def test_unquoted_question_and_curly_quotes() -> None:
    unquoted = MINIMAL_CARD.replace(
        '"Why do distributed locks need leases, and what goes wrong without fencing?"',
        "Why do distributed locks need leases?",
    )
    assert parse(unquoted).question == "Why do distributed locks need leases?"
    curly = MINIMAL_CARD.replace(
        '"Why do distributed locks need leases, and what goes wrong without fencing?"',
        "“Why leases?”",
    )
    assert parse(curly).question == "Why leases?"


def test_yaml_values_stay_strings() -> None:
    text = MINIMAL_CARD.replace("id: test-L4-001", "id: 1.10").replace(
        "topic: testing", "topic: no"
    )
    text = text.replace("subtopic: minimal", "subtopic: 2024-01-02")
    card = parse(text)
    assert (card.id, card.topic, card.subtopic) == ("1.10", "no", "2024-01-02")


def test_probe_without_question_marker_uses_first_paragraph() -> None:
    text = MINIMAL_CARD.replace(
        '**Question**: "Why would a library book have a due date?"',
        "Why would a library book\nhave a due date?",
    )
    card = parse(text)
    assert card.probes[2].question == "Why would a library book have a due date?"
    assert card.probes[2].notes[0].label == "Simplification"


def test_other_sections_are_kept_by_name() -> None:
    text = MINIMAL_CARD + (
        "\n## assistant_answer\nLeases plus fencing.\n\n## improvement_exercises\n"
        '### exercise_1 - Token Check\n**Question**: "Where is the token checked?"\n\n'
        '**Sample answer**: "At the storage."\n'
    )
    card = parse(text)
    assert [s.name for s in card.extra_sections] == ["assistant_answer", "improvement_exercises"]
    exercises = card.extra_sections[1]
    assert "### exercise_1 - Token Check" in exercises.markdown
    assert '**Sample answer**: "At the storage."' in exercises.markdown


def test_aliases_in_front_matter() -> None:
    text = MINIMAL_CARD.replace(
        "topic: testing", "topic: testing\naliases:\n  fencing token: [epoch number, sequencer]"
    )
    card = parse(text)
    assert card.aliases == {"fencing token": ("epoch number", "sequencer")}


def test_duplicated_concept_is_a_warning_with_its_line() -> None:
    text = MINIMAL_CARD.replace(
        "- **Clock Assumptions**: leases assume bounded clock drift",
        "- **Lease Expiry**: again",
    )
    loaded = parse_card(text.encode(), PATH)
    assert loaded.card is not None
    [warning] = loaded.warnings
    assert "listed twice" in warning.message
    assert text.split("\n")[warning.line - 1] == "- **Lease Expiry**: again"


def test_a_four_backtick_fence_is_not_closed_by_three_backticks() -> None:
    """CommonMark: a fence closes only at a line of at least as many backticks, so a `##`
    heading shown inside a four-backtick block stays part of the model answer."""
    text = MINIMAL_CARD.replace(
        '"A lease bounds how long',
        '````\n```\n## common_mistakes - Not A Heading\n```\n````\n"A lease bounds how long',
    )
    load = parse_card(text.encode(), PATH)
    assert load.card is not None
    assert "## common_mistakes - Not A Heading" in load.card.sample_excellent
    assert load.card.common_mistakes == ("Trusting the holder's own clock",)


def test_duplicate_front_matter_keys_are_warned_about_at_their_line() -> None:
    text = MINIMAL_CARD.replace("level: L4\n", "level: L4\ntopic: first\n", 1)
    load = parse_card(text.encode(), PATH)
    [warning] = [p for p in load.warnings if "given twice" in p.message]
    assert warning.line == text.split("\n").index("topic: testing") + 1  # the repeat
    assert "'topic'" in warning.message
