"""Concept-coverage accuracy over the hand-labelled answers (shared by a test and a report).

Run `python tests/accuracy.py` to print the figures; tests/unit/test_accuracy.py asserts them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from trainer.core.cards.bank import Bank, load_bank
from trainer.core.grading.scoring import Band, Scorer, band_for

LABELLED = Path(__file__).resolve().parent / "data" / "labeled_answers.json"
JUDGEABLE_OUT = {"paraphrased", "wrong_use"}  # keyword matching cannot judge these


@dataclass(frozen=True)
class Outcome:
    """One labelled answer scored: the human and the automatic verdicts."""

    id: str
    kind: str
    gold: frozenset[str]
    predicted: frozenset[str]
    gold_band: Band
    predicted_band: Band


@dataclass(frozen=True)
class Figures:
    answers: int
    precision: float
    recall: float
    band_exact: float
    band_within_one: float

    def __str__(self) -> str:
        return (
            f"{self.answers} answers: precision {self.precision:.3f}, recall {self.recall:.3f}, "
            f"band exact {self.band_exact:.1%}, within one band {self.band_within_one:.1%}"
        )


def labelled_answers() -> list[dict[str, object]]:
    return json.loads(LABELLED.read_text(encoding="utf-8"))


def outcomes(bank: Bank) -> list[Outcome]:
    """Score every labelled answer with a fresh scorer per card."""
    results = []
    scorers: dict[str, Scorer] = {}
    for item in labelled_answers():
        card = bank.by_id(str(item["card"]))
        if card is None:
            raise LookupError(f"labelled answer {item['id']} names unknown card {item['card']}")
        scorer = scorers.setdefault(card.id, Scorer(card))
        report = scorer.score(str(item["answer"]))
        gold = frozenset(item["covered"])  # type: ignore[arg-type]
        core = {c.name for c in card.core_concepts}
        bonus = {c.name for c in card.bonus_concepts}
        unknown = gold - core - bonus
        if unknown:
            raise ValueError(f"labelled answer {item['id']} names unknown concepts {unknown}")
        gold_band = band_for(len(gold & core), len(core), len(gold & bonus), len(bonus))
        results.append(
            Outcome(
                id=str(item["id"]),
                kind=str(item["kind"]),
                gold=gold,
                predicted=frozenset(c.name for c in report.concepts if c.automatic),
                gold_band=gold_band,
                predicted_band=report.automatic.band,
            )
        )
    return results


def figures(results: Iterable[Outcome]) -> Figures:
    results = list(results)
    true_positive = sum(len(r.predicted & r.gold) for r in results)
    false_positive = sum(len(r.predicted - r.gold) for r in results)
    false_negative = sum(len(r.gold - r.predicted) for r in results)
    return Figures(
        answers=len(results),
        precision=true_positive / max(1, true_positive + false_positive),
        recall=true_positive / max(1, true_positive + false_negative),
        band_exact=sum(r.predicted_band is r.gold_band for r in results) / len(results),
        band_within_one=sum(abs(r.predicted_band.rank - r.gold_band.rank) <= 1 for r in results)
        / len(results),
    )


def main() -> None:
    from tests.conftest import BANK, CORPUS

    results = outcomes(load_bank([BANK, CORPUS]))
    judged = [r for r in results if r.kind not in JUDGEABLE_OUT]
    print(f"judgeable:           {figures(judged)}")
    for kind in sorted(JUDGEABLE_OUT):
        print(f"{kind + ':':20} {figures(r for r in results if r.kind == kind)}")
    print(f"everything:          {figures(results)}")


if __name__ == "__main__":
    main()
