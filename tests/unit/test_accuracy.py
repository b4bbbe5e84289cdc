"""Accuracy of concept coverage against hand labels, and every card's own model answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accuracy import JUDGEABLE_OUT, figures, labelled_answers, outcomes
from tests.conftest import BANK, CORPUS, require_shared
from trainer.core.cards.bank import load_bank
from trainer.core.cards.parser import load_card
from trainer.core.grading.scoring import Band, Scorer


@pytest.fixture(scope="module")
def results() -> list:
    return outcomes(load_bank([BANK, require_shared(CORPUS)]))


def test_labelled_set_is_large_and_varied() -> None:
    items = labelled_answers()
    assert len(items) >= 60
    assert len({item["card"] for item in items}) >= 6
    kinds = {item["kind"] for item in items}
    assert {"strong", "middling", "weak", "typos", "paraphrased", "off_topic"} <= kinds
    assert {"keyword_list", "two_line", "wrong_use"} <= kinds


def test_coverage_precision_recall_and_bands(results: list) -> None:
    judged = figures(r for r in results if r.kind not in JUDGEABLE_OUT)
    assert judged.precision >= 0.85, judged
    assert judged.recall >= 0.80, judged
    assert judged.band_exact >= 0.70, judged
    assert judged.band_within_one >= 0.90, judged


def test_keyword_lists_and_off_topic_answers(results: list) -> None:
    for result in results:
        if result.kind == "keyword_list":
            assert result.predicted_band.rank <= Band.NEEDS_IMPROVEMENT.rank, result.id
        if result.kind == "off_topic":
            assert result.predicted_band is Band.INSUFFICIENT, result.id


def _model_answers_rank_right(paths: list[Path]) -> list[str]:
    wrong = []
    for path in paths:
        card = load_card(path).card
        if card is None:
            continue
        scorer = Scorer(card)
        excellent = scorer.score(card.sample_excellent).final
        acceptable = scorer.score(card.sample_acceptable).final
        if not (excellent.score > acceptable.score and excellent.band.rank >= Band.GOOD.rank):
            wrong.append(f"{card.id}: {excellent.score} {excellent.band} vs {acceptable.score}")
    return wrong


def test_bundled_model_answers_score_good_or_better_and_above_acceptable() -> None:
    paths = [p for p in sorted(BANK.rglob("*.md")) if p.name != "GUIDELINES.md"]
    assert _model_answers_rank_right(paths) == []


def test_corpus_model_answers_score_good_or_better_and_above_acceptable() -> None:
    corpus = require_shared(CORPUS)
    paths = [p for p in sorted(corpus.rglob("*.md")) if p.name != "GUIDELINES.md"]
    assert len(paths) == 85
    assert _model_answers_rank_right(paths) == []
