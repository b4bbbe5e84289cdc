"""The reference card parses into exactly what it says."""

from __future__ import annotations

from pathlib import Path

from trainer.core.cards.model import ProbeKind
from trainer.core.cards.parser import load_card


def test_seed_card_parses_without_problems(seed_path: Path) -> None:
    loaded = load_card(seed_path)
    assert loaded.problems == ()
    card = loaded.card
    assert card is not None
    assert card.id == "zookeeper-subjective-L7-002"
    assert (card.level, card.category, card.topic) == ("L7", "baseline", "zookeeper")
    assert card.title == "Industry-Scale Coordination Patterns"
    assert card.question.startswith("Compare how Google, Amazon, Microsoft, and Alibaba")
    assert not card.question.startswith('"')


def test_seed_card_concepts_and_keywords(seed_path: Path) -> None:
    card = load_card(seed_path).card
    assert card is not None
    assert [c.name for c in card.core_concepts] == [
        "Company-Specific Solutions",
        "Business Model Influence",
        "Common Patterns",
        "Unified Abstraction",
    ]
    assert card.core_concepts[0].description == "Chubby, DynamoDB, Cosmos DB, OceanBase"
    assert len(card.bonus_concepts) == 7
    assert card.bonus_concepts[-1].name == "Future Convergence"
    assert [(g.label, len(g.keywords)) for g in card.core_keywords] == [
        ("Primary keywords", 5),
        ("Technical terms", 4),
    ]
    assert card.core_keywords[0].keywords[2] == "trade-offs"
    assert [g.label for g in card.bonus_keywords] == ["Systems", "Concepts", "Business"]
    assert "hybrid logical clocks" in card.bonus_keywords[1].keywords


def test_seed_card_probes_bar_raiser_and_budget(seed_path: Path) -> None:
    card = load_card(seed_path).card
    assert card is not None
    assert [p.kind for p in card.probes] == [
        ProbeKind.DEPTH,
        ProbeKind.GUIDED,
        ProbeKind.FOUNDATION,
    ]
    depth = card.probe(ProbeKind.DEPTH)
    assert depth is not None and depth.question.startswith("How would the emergence of quantum")
    assert [n.label for n in depth.notes] == ["Looking for", "Red flags"]
    guided = card.probe(ProbeKind.GUIDED)
    assert guided is not None and [n.label for n in guided.notes] == [
        "Hint embedded",
        "Concept testing",
    ]
    assert card.bar_raiser is not None
    assert card.bar_raiser.title == "L7→Industry Leader Challenge"
    assert len(card.bar_raiser.concepts) == 6
    assert (card.budget.answer.low, card.budget.answer.high) == (360, 480)
    assert (card.budget.discussion.low, card.budget.discussion.high) == (480, 600)
    assert not card.budget.derived
    assert card.metadata.next_topics[0] == "Technology strategy"


def test_seed_card_model_answers_keep_markdown(seed_path: Path) -> None:
    card = load_card(seed_path).card
    assert card is not None
    assert "**Google - Engineering Excellence Focus**" in card.sample_excellent
    assert "```python" in card.sample_excellent
    assert card.sample_acceptable.startswith("Google prioritized strong consistency")
    assert len(card.common_mistakes) == 5
    assert card.extra_sections == ()
