"""The bundled bank: complete, clean, and written in our own words."""

from __future__ import annotations

import io
import re
from pathlib import Path

from tests.conftest import BANK, CORPUS, SEED, require_shared
from trainer.commands.bank_commands import check
from trainer.core.cards.bank import load_bank
from trainer.core.cards.budgets import is_bar_raiser, level_number
from trainer.core.cards.lint import budget_disagreement

PHRASE_WORDS = 8


def test_bundled_bank_has_30_complete_cards_and_no_problems() -> None:
    bank = load_bank([BANK])
    assert bank.problems == ()
    assert len(bank.cards) >= 30
    for card in bank.cards:
        assert len(card.core_concepts) >= 3, card.id
        assert len(card.bonus_concepts) >= 3, card.id
        assert card.core_keywords and card.bonus_keywords, card.id
        assert card.sample_excellent and card.sample_acceptable and card.common_mistakes, card.id
        assert len(card.probes) == 3 and all(p.question and p.notes for p in card.probes)
        assert card.bar_raiser and card.bar_raiser.question and card.bar_raiser.concepts
        assert not card.budget.derived, card.id


def test_bundled_bank_covers_levels_categories_and_topics() -> None:
    cards = load_bank([BANK]).cards
    assert {level_number(card.level) for card in cards} == {3, 4, 5, 6, 7}
    assert any(is_bar_raiser(card.category) for card in cards)
    assert any(card.category == "baseline" for card in cards)
    topics = {card.topic for card in cards}
    assert {"coordination", "consensus", "replication", "transactions", "caching"} <= topics
    industry = [card for card in cards if card.level == "L7" and card.topic == "coordination"]
    assert any(
        card.metadata.time_expectation == "6-8 min answer + 8-10 min discussion"
        for card in industry
    )


def _prose_phrases(path: Path) -> set[str]:
    """Runs of words from a card's prose, leaving out headings and format boilerplate."""
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---", 1)[-1]
    lines = [
        line
        for line in body.splitlines()
        if not line.startswith("#")
        and not re.search(r"Time expectation|Evaluation rubric|Common next topics", line)
    ]
    words = re.findall(r"[a-z0-9]+", " ".join(lines).lower())
    return {" ".join(words[i : i + PHRASE_WORDS]) for i in range(len(words) - PHRASE_WORDS + 1)}


def test_bundled_cards_share_no_sentences_with_the_public_corpus() -> None:
    corpus = require_shared(CORPUS)
    public: set[str] = _prose_phrases(SEED)
    for path in corpus.rglob("*.md"):
        public |= _prose_phrases(path)
    for path in BANK.rglob("*.md"):
        shared = _prose_phrases(path) & public
        assert not shared, f"{path} repeats public text: {sorted(shared)[:3]}"


def test_bundled_bank_has_68_sourced_cards_and_a_clean_review() -> None:
    """`bank check` on the bundled bank: no problem, including the reviewer's warnings
    (concepts one sentence would both earn, a card without sources)."""
    out = io.StringIO()
    assert check([BANK], False, out) == 0
    cards = load_bank([BANK]).cards
    assert len(cards) >= 68
    assert (
        out.getvalue().splitlines()[-1].endswith(f"{len(cards)} cards usable, 0 errors, 0 warnings")
    )
    for card in cards:
        assert card.sources, card.id
        assert not budget_disagreement(card), card.id


def test_every_bundled_topic_has_a_baseline_and_a_bar_raiser() -> None:
    by_topic: dict[str, set[bool]] = {}
    for card in load_bank([BANK]).cards:
        by_topic.setdefault(card.topic, set()).add(is_bar_raiser(card.category))
    assert len(by_topic) >= 12
    assert all(kinds == {True, False} for kinds in by_topic.values()), by_topic
