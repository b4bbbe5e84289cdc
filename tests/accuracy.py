"""Concept-coverage accuracy over the hand-labelled answers, calibrated out of sample.

The labelled answers are tests/data/labeled_answers.json and every tests/data/labelled/*.json
(written blind: their authors never saw the grader). Every threshold of `GradingParams` is
chosen by leave-one-card-out cross-validation: for each labelled card, the parameter grid is
searched on the other cards (their labelled answers, and every other card's model answers) and
the winner judges the held-out card's answers. Those verdicts are the out-of-sample figures; the
in-sample ones come from the winner on every card at once (the values `params.py` ships).

Run `python tests/accuracy.py` to print both, per kind; tests/unit/test_accuracy.py asserts the
out-of-sample ones. `--semantic` adds the optional sentence-embedding signal to the search
(needs `pip install '.[semantic]'`).
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from trainer.core.cards.bank import Bank
from trainer.core.cards.model import Card
from trainer.core.grading.analysis import TextAnalysis, analyze_text
from trainer.core.grading.concepts import (
    CoverageJudge,
    CueMatch,
    concept_cues,
    is_bare_list,
    qualifying_weight,
    reference_threshold,
)
from trainer.core.grading.matching import KeywordMatcher, Tier, compile_card
from trainer.core.grading.params import DEFAULT_PARAMS, GradingParams
from trainer.core.grading.scoring import MIN_PROSE_SENTENCES, Band, Split, band_for
from trainer.core.grading.topics import question_stems

DATA = Path(__file__).resolve().parent / "data"
LABELLED = DATA / "labeled_answers.json"
LABELLED_DIR = DATA / "labelled"

KINDS = (
    "strong",
    "middling",
    "weak",
    "typos",
    "bullet_notes",
    "two_line",
    "paraphrased",
    "keyword_list",
    "off_topic",
    "wrong_use",
)
HONEST = frozenset({"strong", "middling", "weak", "typos", "two_line", "bullet_notes"})
BANDED_OUT = frozenset({"wrong_use"})  # right words, wrong claims: matching cannot see truth

# The search. Structural values change the cues or the passages; the rest only the thresholds.
TOPIC_FACTORS = (0.5, 1.0)
WINDOWS = (0, 1)  # 2 measured better, but evidence is a chunk at most with its neighbour
QUESTION_FACTORS = (0.25, 0.5, 0.75)  # measured: 0 and 1.0 lose out of sample
SHARES = (0.2, 0.25, 0.3, 0.35, 0.4)
CAPS = (1.5, 1.8)  # 1.2 let two folds credit off-topic answers (two description words)
MIN_DISTINCT = (1, 2)
SOLO_WEIGHTS = (1.0, 9.0)  # 9: a single cue is never enough
MIN_DETAIL = (0, 1)
HEDGE_PENALTIES = (0.0, 0.5)
MODEL_FLOORS = (1.0, 0.6)


@dataclass(frozen=True)
class LabelledAnswer:
    """One answer with the concepts a careful human credited, and the band they gave."""

    id: str
    card: str
    kind: str
    answer: str
    gold: frozenset[str]
    band: Band | None


def labelled_answers() -> list[LabelledAnswer]:
    """Every labelled answer, read fresh (the blind-written files keep arriving)."""
    paths = [LABELLED, *sorted(LABELLED_DIR.glob("*.json"))]
    result = []
    for path in paths:
        if not path.exists():
            continue
        for item in json.loads(path.read_text(encoding="utf-8")):
            band = item.get("band")
            result.append(
                LabelledAnswer(
                    id=str(item["id"]),
                    card=str(item["card"]),
                    kind=str(item["kind"]),
                    answer=str(item["answer"]),
                    gold=frozenset(str(name) for name in item["covered"]),
                    band=Band(band) if band else None,
                )
            )
    return result


@dataclass(frozen=True)
class Item:
    """An answer to judge: a labelled one, or a card's model answer (kind "model_excellent"...)."""

    card: Card
    kind: str
    answer: str
    id: str
    gold: frozenset[str] = frozenset()
    gold_band: Band = Band.INSUFFICIENT


@dataclass
class ItemFeatures:
    """What the matcher saw in one answer, under one structural configuration."""

    item: Item
    tiers: tuple[Tier, ...]
    names: tuple[str, ...]
    totals: tuple[float, ...]
    counts: tuple[int, ...]  # own cues per concept (for min_distinct)
    matches: tuple[tuple[CueMatch, ...], ...]  # per concept: anchored passages only
    bare_list: bool
    prose_limited: bool
    keyword_share: float
    reference: tuple[tuple[CueMatch, ...], ...] = ()
    """Per concept, the anchored passages of the card's excellent model answer."""
    extra: dict[str, object] = field(default_factory=dict)
    best: dict[tuple[object, ...], tuple[float, ...]] = field(default_factory=dict)

    def best_weights(self, params: GradingParams, reference: bool = False) -> tuple[float, ...]:
        """Per concept, the heaviest passage that may cover it (0: none), as the judge sees it;
        with `reference`, the same in the card's excellent model answer."""
        key = (
            reference,
            params.min_distinct,
            params.solo_weight,
            params.min_detail,
            params.hedge_penalty,
        )
        found = self.best.get(key)
        if found is None:
            table = self.reference if reference else self.matches
            found = self.best[key] = tuple(
                max((qualifying_weight(m, self.counts[i], params) for m in matches), default=0.0)
                for i, matches in enumerate(table)
            )
        return found

    def thresholds(self, params: GradingParams) -> tuple[float, ...]:
        """Per concept, the cue weight that covers it (as `CoverageJudge` computes it)."""
        base = [
            round(min(params.threshold_cap, params.threshold_share * total), 6)
            for total in self.totals
        ]
        if params.model_floor >= 1 or not self.reference:
            return tuple(base)
        references = self.best_weights(params, reference=True)
        return tuple(
            reference_threshold(threshold, best, params)
            for threshold, best in zip(base, references, strict=True)
        )


@dataclass(frozen=True)
class Prediction:
    """The automatic verdict on one item."""

    covered: frozenset[str]
    band: Band
    score: float


def gold_band(card: Card, answer: LabelledAnswer) -> Band:
    """The human band: as labelled, else the rubric's band for the concepts credited."""
    core = {c.name for c in card.core_concepts}
    bonus = {c.name for c in card.bonus_concepts}
    unknown = answer.gold - core - bonus
    if unknown:
        raise ValueError(f"labelled answer {answer.id} names unknown concepts {sorted(unknown)}")
    if answer.band is not None:
        return answer.band
    gold = answer.gold
    return band_for(len(gold & core), len(core), len(gold & bonus), len(bonus))


def items_of(bank: Bank) -> tuple[list[Item], list[Item]]:
    """The labelled answers and every card's two model answers, as items to judge."""
    labelled = []
    for answer in labelled_answers():
        card = bank.by_id(answer.card)
        if card is None:
            raise LookupError(f"labelled answer {answer.id} names unknown card {answer.card}")
        labelled.append(
            Item(card, answer.kind, answer.answer, answer.id, answer.gold, gold_band(card, answer))
        )
    models = []
    for card in bank.cards:
        if card.sample_excellent.strip() and card.sample_acceptable.strip():
            models.append(Item(card, "model_excellent", card.sample_excellent, f"{card.id}+"))
            models.append(Item(card, "model_acceptable", card.sample_acceptable, f"{card.id}-"))
    return labelled, models


_MATCHERS: dict[str, KeywordMatcher] = {}
_ANALYSES: dict[tuple[str, str], TextAnalysis] = {}


def _analysis(card: Card, answer: str) -> tuple[KeywordMatcher, TextAnalysis]:
    """The keyword analysis of an answer (it does not depend on any parameter: kept)."""
    matcher = _MATCHERS.get(card.id)
    if matcher is None:
        matcher = _MATCHERS[card.id] = compile_card(card)
    analysis = _ANALYSES.get((card.id, answer))
    if analysis is None:
        analysis = _ANALYSES[card.id, answer] = analyze_text(matcher, answer)
    return matcher, analysis


def features(items: Sequence[Item], structure: GradingParams) -> list[ItemFeatures]:
    """Features of every item under one structural configuration (topic factor, window)."""
    result = []
    judges: dict[str, CoverageJudge] = {}
    references: dict[str, tuple[tuple[CueMatch, ...], ...]] = {}
    for item in items:
        matcher, analysis = _analysis(item.card, item.answer)
        judge = judges.get(item.card.id)
        if judge is None:
            judge = judges[item.card.id] = CoverageJudge(
                concept_cues(item.card, structure), structure, question=question_stems(item.card)
            )
        chunks = [chunk for _, chunk in analysis.chunks]
        per_concept = _anchored(judge, analysis)
        reference = references.get(item.card.id)
        if reference is None:
            reference = ()
            if item.card.sample_excellent.strip():
                _, model = _analysis(item.card, item.card.sample_excellent)
                model_chunks = [chunk for _, chunk in model.chunks]
                if model_chunks and not is_bare_list(model_chunks):
                    reference = _anchored(judge, model)
            references[item.card.id] = reference
        found = {hit.keyword for hit in analysis.hits}
        keywords = len(matcher.keywords)
        result.append(
            ItemFeatures(
                item=item,
                tiers=tuple(cues.tier for cues in judge.cues),
                names=tuple(cues.name for cues in judge.cues),
                totals=tuple(cues.total for cues in judge.cues),
                counts=tuple(cues.count for cues in judge.cues),
                matches=per_concept,
                bare_list=not chunks or is_bare_list(chunks),
                prose_limited=sum(chunk.states for chunk in chunks) < MIN_PROSE_SENTENCES,
                keyword_share=len(found) / keywords if keywords else 0.0,
                reference=reference,
            )
        )
    return result


def _anchored(judge: CoverageJudge, analysis: TextAnalysis) -> tuple[tuple[CueMatch, ...], ...]:
    """Per concept, what each passage with an anchor shows of it (one copy of each)."""
    _, table = judge.matches(analysis)
    return tuple(
        tuple(dict.fromkeys(row[index] for row in table if row[index].anchored))
        for index in range(len(judge.cues))
    )


Fusion = Callable[[ItemFeatures, int, GradingParams, float], bool]
"""(features, concept index, params, cue strength of the best passage) -> covered."""


def predict(
    feature: ItemFeatures,
    params: GradingParams,
    fusion: Fusion | None = None,
    scored: bool = True,
) -> Prediction:
    """The verdict the grader gives under `params` (the same rules as `Scorer.score`)."""
    covered: list[bool] = []
    bests = feature.best_weights(params)
    thresholds = feature.thresholds(params)
    for index, best in enumerate(bests):
        if feature.bare_list:
            covered.append(False)
            continue
        threshold = thresholds[index]
        if fusion is not None:
            covered.append(fusion(feature, index, params, best / threshold if threshold else 0.0))
        else:
            covered.append(best > 0 and best >= threshold)
    core = [c for c, t in zip(covered, feature.tiers, strict=True) if t is Tier.CORE]
    bonus = [c for c, t in zip(covered, feature.tiers, strict=True) if t is Tier.BONUS]
    counts = (sum(core), len(core), sum(bonus), len(bonus))
    band = band_for(*counts)
    if feature.prose_limited and band.rank > Band.NEEDS_IMPROVEMENT.rank:
        band = Band.NEEDS_IMPROVEMENT
    names = frozenset(n for n, c in zip(feature.names, covered, strict=True) if c)
    score = Split(*counts).score_in(band, feature.keyword_share) if scored else 0.0
    return Prediction(names, band, score)


@dataclass
class Tally:
    """Counts that add up across answers and cards."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    weak_tp: int = 0
    weak_fp: int = 0
    banded: int = 0
    within_one: int = 0
    violations: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.tp / max(1, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.tp / max(1, self.tp + self.fn)

    @property
    def weak_precision(self) -> float:
        return self.weak_tp / max(1, self.weak_tp + self.weak_fp)

    def objective(self) -> float:
        """What the search maximises: the targets' shortfalls, weighted, then plain F1.

        Targets: honest precision 0.85 and recall 0.75, weak precision 0.6, bands within one
        90%; a keyword list above needs improvement, an off-topic answer above insufficient or
        a card whose model answers rank wrong is a violation, and costs the most."""
        precision, recall = self.precision, self.recall
        bands = self.within_one / max(1, self.banded)
        shortfall = (
            2.0 * max(0.0, 0.85 - precision)
            + 2.0 * max(0.0, 0.75 - recall)
            + 0.5 * max(0.0, 0.6 - self.weak_precision)
            + 1.0 * max(0.0, 0.9 - bands)
            + 1.0 * self.violations
        )
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        return f1 + 0.2 * self.weak_precision - shortfall


def tally(feature: ItemFeatures, prediction: Prediction) -> Tally:
    """One labelled answer's contribution (model answers go through `model_violation`)."""
    item = feature.item
    result = Tally()
    if item.kind in HONEST:
        result.tp = len(prediction.covered & item.gold)
        result.fp = len(prediction.covered - item.gold)
        result.fn = len(item.gold - prediction.covered)
    if item.kind == "weak":
        result.weak_tp = len(prediction.covered & item.gold)
        result.weak_fp = len(prediction.covered - item.gold)
    if item.kind not in BANDED_OUT:
        result.banded = 1
        result.within_one = abs(prediction.band.rank - item.gold_band.rank) <= 1
    if item.kind == "keyword_list" and prediction.band.rank > Band.NEEDS_IMPROVEMENT.rank:
        result.violations = 1
    if item.kind == "off_topic" and prediction.band is not Band.INSUFFICIENT:
        result.violations = 1
    return result


def model_violation(excellent: Prediction, acceptable: Prediction) -> bool:
    """A card's excellent model answer must beat its acceptable one and be good or better."""
    return not (excellent.score > acceptable.score and excellent.band.rank >= Band.GOOD.rank)


def threshold_grid(structure: GradingParams) -> list[GradingParams]:
    """Every threshold combination searched, on top of one structural configuration."""
    return [
        replace(
            structure,
            threshold_share=share,
            threshold_cap=cap,
            min_distinct=distinct,
            solo_weight=solo,
            min_detail=detail,
            hedge_penalty=hedge,
            model_floor=floor,
        )
        for share, cap, distinct, solo, detail, hedge, floor in itertools.product(
            SHARES, CAPS, MIN_DISTINCT, SOLO_WEIGHTS, MIN_DETAIL, HEDGE_PENALTIES, MODEL_FLOORS
        )
        if distinct > 1 or solo == SOLO_WEIGHTS[0]  # one cue suffices anyway: solo is moot
    ]


def structures() -> list[GradingParams]:
    """The structural configurations searched."""
    return [
        replace(DEFAULT_PARAMS, topic_factor=factor, window=window, question_factor=question)
        for factor, window, question in itertools.product(TOPIC_FACTORS, WINDOWS, QUESTION_FACTORS)
    ]


def structure_key(params: GradingParams) -> tuple[float, int, float]:
    """The structural values that change an item's features (the cues or the passages)."""
    return params.topic_factor, params.window, params.question_factor


@dataclass
class Search:
    """Per-card tallies of every candidate, so that any subset of cards is scored by sums."""

    candidates: list[GradingParams]
    per_card: list[dict[str, Tally]]
    features: dict[tuple[float, int, float], tuple[list[ItemFeatures], list[ItemFeatures]]]
    labelled_cards: list[str]
    fusion: Fusion | None = None

    def predictions(self, index: int) -> dict[str, Prediction]:
        """Item id -> the verdict of candidate `index`, for every labelled answer."""
        params = self.candidates[index]
        labelled, _ = self.features[structure_key(params)]
        return {f.item.id: predict(f, params, self.fusion) for f in labelled}

    def best(self, exclude: str | None = None) -> int:
        """Index of the candidate with the best objective on every card but `exclude`."""
        best_index, best_value = 0, float("-inf")
        for index, cards in enumerate(self.per_card):
            total = Tally()
            for card_id, counts in cards.items():
                if card_id != exclude:
                    total.add(counts)
            value = total.objective()
            if value > best_value + 1e-12:
                best_index, best_value = index, value
        return best_index


def run_search(
    labelled: Sequence[Item],
    models: Sequence[Item],
    structure_list: Sequence[GradingParams],
    grid: Callable[[GradingParams], list[GradingParams]] = threshold_grid,
    enrich: Callable[[list[ItemFeatures]], None] | None = None,
    fusion: Fusion | None = None,
) -> Search:
    """Score every candidate on every item once, keeping per-card tallies."""
    search = Search([], [], {}, sorted({item.card.id for item in labelled}))
    for structure in structure_list:
        labelled_features = features(labelled, structure)
        model_features = features(models, structure)
        if enrich is not None:
            enrich(labelled_features)
            enrich(model_features)
        search.features[structure_key(structure)] = (
            labelled_features,
            model_features,
        )
        for params in grid(structure):
            cards: dict[str, Tally] = {}
            for feature in labelled_features:
                prediction = predict(feature, params, fusion, scored=False)
                cards.setdefault(feature.item.card.id, Tally()).add(tally(feature, prediction))
            for excellent, acceptable in zip(
                model_features[::2], model_features[1::2], strict=True
            ):
                violation = model_violation(
                    predict(excellent, params, fusion), predict(acceptable, params, fusion)
                )
                cards.setdefault(excellent.item.card.id, Tally()).violations += violation
            search.candidates.append(params)
            search.per_card.append(cards)
    search.fusion = fusion
    return search


@dataclass(frozen=True)
class Figures:
    """Precision, recall and bands over a set of labelled answers."""

    answers: int
    precision: float
    recall: float
    band_exact: float
    band_within_one: float

    def __str__(self) -> str:
        return (
            f"{self.answers:3d} answers: precision {self.precision:.3f}, recall "
            f"{self.recall:.3f}, band exact {self.band_exact:6.1%}, within one "
            f"{self.band_within_one:6.1%}"
        )


def figures(pairs: Iterable[tuple[Item, Prediction]]) -> Figures:
    """Micro-averaged figures of (item, prediction) pairs."""
    pairs = list(pairs)
    tp = sum(len(p.covered & i.gold) for i, p in pairs)
    fp = sum(len(p.covered - i.gold) for i, p in pairs)
    fn = sum(len(i.gold - p.covered) for i, p in pairs)
    count = max(1, len(pairs))
    return Figures(
        answers=len(pairs),
        precision=tp / max(1, tp + fp),
        recall=tp / max(1, tp + fn),
        band_exact=sum(p.band is i.gold_band for i, p in pairs) / count,
        band_within_one=sum(abs(p.band.rank - i.gold_band.rank) <= 1 for i, p in pairs) / count,
    )


@dataclass
class Calibration:
    """In-sample and out-of-sample verdicts on every labelled answer."""

    labelled: list[Item]
    chosen: GradingParams
    in_sample: dict[str, Prediction]
    out_of_sample: dict[str, Prediction]
    per_fold: dict[str, GradingParams]
    model_violations_in_sample: int

    def pairs(self, out: bool, kinds: Iterable[str]) -> list[tuple[Item, Prediction]]:
        """(item, prediction) of the given kinds, in-sample or out-of-sample."""
        wanted = set(kinds)
        verdicts = self.out_of_sample if out else self.in_sample
        return [(item, verdicts[item.id]) for item in self.labelled if item.kind in wanted]


def calibrate(
    bank: Bank,
    structure_list: Sequence[GradingParams] | None = None,
    enrich: Callable[[list[ItemFeatures]], None] | None = None,
    fusion: Fusion | None = None,
    grid: Callable[[GradingParams], list[GradingParams]] = threshold_grid,
) -> Calibration:
    """Search the grid, leave each labelled card out in turn, and keep both sets of verdicts."""
    labelled, models = items_of(bank)
    search = run_search(labelled, models, structure_list or structures(), grid, enrich, fusion)
    chosen = search.best()
    out: dict[str, Prediction] = {}
    per_fold: dict[str, GradingParams] = {}
    for card_id in search.labelled_cards:
        index = search.best(exclude=card_id)
        per_fold[card_id] = search.candidates[index]
        verdicts = search.predictions(index)
        for item in labelled:
            if item.card.id == card_id:
                out[item.id] = verdicts[item.id]
    violations = sum(t.violations for t in search.per_card[chosen].values())
    return Calibration(
        labelled,
        search.candidates[chosen],
        search.predictions(chosen),
        out,
        per_fold,
        violations,
    )


def report(result: Calibration) -> str:
    """The figures, per kind, in-sample beside out-of-sample."""
    lines = [f"{len(result.labelled)} labelled answers on {len(result.per_fold)} cards"]
    groups: list[tuple[str, Sequence[str]]] = [(kind, (kind,)) for kind in KINDS]
    groups += [
        ("honest kinds", sorted(HONEST)),
        ("all but wrong_use", sorted(set(KINDS) - BANDED_OUT)),
    ]
    for label, kinds in groups:
        inside = figures(result.pairs(False, kinds))
        if not inside.answers:
            continue
        outside = figures(result.pairs(True, kinds))
        lines.append(f"{label:18} in-sample      {inside}")
        lines.append(f"{'':18} out-of-sample  {outside}")
    lines.append(f"chosen on every card: {result.chosen}")
    lines.append(f"model-answer violations in-sample: {result.model_violations_in_sample}")
    distinct = sorted({str(params) for params in result.per_fold.values()})
    lines.append(f"folds chose {len(distinct)} distinct parameter sets")
    if result.chosen != DEFAULT_PARAMS:
        lines.append(f"note: params.py ships {DEFAULT_PARAMS}")
    return "\n".join(lines)


def main() -> None:
    """Print the figures (and, with --semantic, the same with the embedding signal)."""
    from tests.conftest import BANK, CORPUS
    from trainer.core.cards.bank import load_bank

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--semantic", action="store_true", help="also search with embeddings")
    args = parser.parse_args()
    bank = load_bank([BANK, CORPUS])
    print("== cue matching alone")
    print(report(calibrate(bank)))
    if args.semantic:
        import importlib

        semantic = importlib.import_module("tests.perf.semantic_accuracy")
        print("\n== cue matching fused with sentence embeddings")
        print(report(semantic.calibrate_semantic(bank)))


if __name__ == "__main__":
    main()
