"""Mutated real cards load as cards or as clean errors, never anything else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cardtext import MINIMAL_CARD
from tests.conftest import BANK, SEED
from trainer.core.cards.model import Card, Problem, Severity
from trainer.core.cards.parser import parse_card

SOURCES = [MINIMAL_CARD.encode()]
SOURCES += [path.read_bytes() for path in sorted(BANK.rglob("*.md"))[:3]]
if SEED.exists():
    SOURCES.append(SEED.read_bytes())


@st.composite
def mutated_cards(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(SOURCES)).split(b"\n")
    for _ in range(draw(st.integers(1, 6))):
        operation = draw(st.sampled_from(["cut", "duplicate", "shuffle", "inject", "truncate"]))
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        if operation == "cut":
            del lines[index : index + draw(st.integers(1, 8))]
        elif operation == "duplicate":
            lines[index:index] = lines[index : index + draw(st.integers(1, 5))]
        elif operation == "shuffle":
            window = lines[index : index + draw(st.integers(2, 10))]
            lines[index : index + len(window)] = draw(st.permutations(window))
        elif operation == "inject":
            junk = draw(st.binary(min_size=1, max_size=12))
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + junk + line[at:]
        else:
            lines = lines[:index]
    return b"\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_cards())
def test_mutated_cards_load_or_fail_cleanly(raw: bytes) -> None:
    loaded = parse_card(raw, Path("mutant.md"))
    for problem in loaded.problems:
        assert isinstance(problem, Problem)
        assert isinstance(problem.line, int) and problem.line >= 1
        assert problem.message and "\n" not in str(problem)
        assert str(problem).startswith("mutant.md:")
    if loaded.card is None:
        assert any(p.severity is Severity.ERROR for p in loaded.problems)
    else:
        assert isinstance(loaded.card, Card)
        assert loaded.card.id and loaded.card.question and loaded.card.core_concepts
        assert not loaded.errors
