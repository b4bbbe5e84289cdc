"""Accuracy of concept coverage against hand labels, out of sample, and every model answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.accuracy import (
    HONEST,
    KINDS,
    Calibration,
    calibrate,
    features,
    figures,
    items_of,
    labelled_answers,
    predict,
)
from tests.conftest import BANK, CORPUS, require_shared
from trainer.core.cards.bank import load_bank
from trainer.core.cards.parser import load_card
from trainer.core.grading.params import DEFAULT_PARAMS
from trainer.core.grading.scoring import Band, Scorer


@pytest.fixture(scope="module")
def result() -> Calibration:
    return calibrate(load_bank([BANK, require_shared(CORPUS)]))


def test_labelled_set_is_large_and_varied() -> None:
    items = labelled_answers()
    assert len(items) >= 200
    assert len({item.card for item in items}) >= 15
    assert set(KINDS) <= {item.kind for item in items}


def test_the_shipped_params_are_the_ones_the_search_picks(result: Calibration) -> None:
    assert result.chosen == DEFAULT_PARAMS


def test_out_of_sample_precision_recall_and_bands(result: Calibration) -> None:
    honest = figures(result.pairs(True, HONEST))
    # Reached out of sample: precision 0.868, recall 0.734, weak precision 0.348, bands
    # within one 83.8% (`python tests/accuracy.py`).
    assert honest.precision >= 0.86, honest  # target 0.85
    assert honest.recall >= 0.725, honest  # target 0.75: not reached, see the report
    weak = figures(result.pairs(True, {"weak"}))
    assert weak.precision >= 0.34, weak  # target 0.6: not reached
    everything = figures(result.pairs(True, set(KINDS) - {"wrong_use"}))
    assert everything.band_within_one >= 0.83, everything  # target 0.90: not reached


def test_keyword_lists_and_off_topic_answers_out_of_sample(result: Calibration) -> None:
    for item, prediction in result.pairs(True, {"keyword_list"}):
        assert prediction.band.rank <= Band.NEEDS_IMPROVEMENT.rank, item.id
    off_topic = result.pairs(True, {"off_topic"})
    insufficient = [p.band is Band.INSUFFICIENT for _, p in off_topic]
    assert all(insufficient), off_topic
    for item, prediction in result.pairs(False, {"off_topic"}):
        assert prediction.band is Band.INSUFFICIENT, item.id


def test_the_calibration_judges_as_the_scorer_does() -> None:
    bank = load_bank([BANK, require_shared(CORPUS)])
    labelled, _ = items_of(bank)
    sample = labelled[::7]
    for feature in features(sample, DEFAULT_PARAMS):
        item = feature.item
        report = Scorer(item.card).score(item.answer)
        prediction = predict(feature, DEFAULT_PARAMS)
        assert prediction.covered == {c.name for c in report.concepts if c.automatic}, item.id
        assert prediction.band is report.automatic.band, item.id
        assert prediction.score == report.automatic.score, item.id


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
            wrong.append(card.id)
    return wrong


def test_bundled_model_answers_score_good_or_better_and_above_acceptable() -> None:
    paths = [p for p in sorted(BANK.rglob("*.md")) if p.name != "GUIDELINES.md"]
    assert _model_answers_rank_right(paths) == []


def test_corpus_model_answers_score_good_or_better_and_above_acceptable() -> None:
    corpus = require_shared(CORPUS)
    paths = [p for p in sorted(corpus.rglob("*.md")) if p.name != "GUIDELINES.md"]
    assert len(paths) == 85
    assert _model_answers_rank_right(paths) == []
