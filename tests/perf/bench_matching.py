"""Benchmark: keyword matching on a 2,000-word answer for a card with 40 keywords.

Prints the full-scan time and the per-keystroke update time while the answer is typed one
character at a time (p50, p95), for the incremental matcher and for a naive baseline
(rapidfuzz partial_ratio of every keyword against every sentence, rescanning everything).

Run: python tests/perf/bench_matching.py   (not part of the test run)
"""

from __future__ import annotations

import dataclasses
import re
import statistics
import time

from rapidfuzz import fuzz

from trainer.core.cards.bank import load_bank
from trainer.core.cards.model import Card, KeywordGroup
from trainer.core.grading.analysis import IncrementalScanner, analyze_text
from trainer.core.grading.matching import compile_card, keywords_of
from trainer.core.grading.scoring import Scorer
from trainer.core.resources import bundled_bank

WORDS = 2_000
KEYWORDS = 40
BASELINE_EVERY = 97  # the baseline is slow: time it on every 97th keystroke


def card_with_40_keywords(cards: tuple[Card, ...]) -> Card:
    card = cards[0]
    words = [k.text for k in keywords_of(card)]
    for other in cards[1:]:
        for keyword in keywords_of(other):
            if len(words) < KEYWORDS and keyword.text not in words:
                words.append(keyword.text)
    group = KeywordGroup("Benchmark", tuple(words[:KEYWORDS]))
    return dataclasses.replace(card, core_keywords=(group,), bonus_keywords=())


def answer_of(cards: tuple[Card, ...]) -> str:
    paragraphs, count = [], 0
    for card in cards:
        for paragraph in card.sample_excellent.split("\n\n"):
            paragraphs.append(paragraph)
            count += len(paragraph.split())
            if count >= WORDS:
                return "\n\n".join(paragraphs)
    raise SystemExit("not enough text in the bank")


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[int(len(ordered) * 0.95)] * 1000
    return f"p50 {p50:.3f} ms, p95 {p95:.3f} ms ({len(ordered)} keystrokes)"


def naive_scan(keywords: list[str], text: str) -> list[tuple[str, int]]:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return [
        (keyword, index)
        for index, sentence in enumerate(sentences)
        for keyword in keywords
        if fuzz.partial_ratio(keyword.lower(), sentence.lower()) >= 85
    ]


def main() -> None:
    cards = load_bank([bundled_bank()]).cards
    card = card_with_40_keywords(cards)
    answer = answer_of(cards)
    keywords = [k.text for k in keywords_of(card)]
    print(
        f"answer: {len(answer.split())} words, {len(answer)} characters; {len(keywords)} keywords"
    )

    compiles, full = [], []
    for _ in range(20):
        start = time.perf_counter()
        matcher = compile_card(card)
        compiles.append(time.perf_counter() - start)
        start = time.perf_counter()
        analyze_text(matcher, answer).hits  # noqa: B018 - building the hits is part of the scan
        full.append(time.perf_counter() - start)
    print(f"compile a card's matcher: median {statistics.median(compiles) * 1000:.2f} ms")
    print(
        f"full scan of the answer (matcher never saw it): median "
        f"{statistics.median(full) * 1000:.2f} ms (target <= 20 ms)"
    )

    scanner = IncrementalScanner(matcher)
    typing = []
    for end in range(1, len(answer) + 1):
        start = time.perf_counter()
        scanner.scan(answer[:end])
        typing.append(time.perf_counter() - start)
    print(f"incremental, per keystroke: {percentiles(typing)}")

    scorer = Scorer(card)
    scoring = []
    evidence = 0
    for end in range(1, len(answer) + 1, 7):
        start = time.perf_counter()
        report = scorer.score(answer[:end])
        evidence += len(report.evidence())
        scoring.append(time.perf_counter() - start)
    print(
        "incremental scan + concept coverage with evidence + score, per keystroke: "
        f"{percentiles(scoring)}; {evidence / len(scoring):.1f} evidence passages per report"
    )

    baseline = []
    for end in range(BASELINE_EVERY, len(answer) + 1, BASELINE_EVERY):
        start = time.perf_counter()
        naive_scan(keywords, answer[:end])
        baseline.append(time.perf_counter() - start)
    print(f"naive baseline, per keystroke: {percentiles(baseline)}")
    ours = sorted(typing)[int(len(typing) * 0.95)]
    theirs = sorted(baseline)[int(len(baseline) * 0.95)]
    print(f"speed-up at p95: {theirs / ours:.0f}x (target >= 20x; p95 target <= 1 ms)")


if __name__ == "__main__":
    main()
