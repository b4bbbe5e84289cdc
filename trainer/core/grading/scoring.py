"""The rubric: concept coverage -> score and band, human overrides, and the follow-up to ask.

Bands follow the guidelines: every core concept and at least two bonus concepts is excellent;
two thirds of the core and one bonus is good; one third of the core is needs improvement; less
is insufficient. (A card with fewer bonus concepts asks for as many as it has.) The guidelines
leave one case open, every core concept but no bonus: that is good, since it covers more than
"most core" and misses only the part that separates good from excellent. An answer with fewer
than two sentences of prose cannot rise above needs improvement.

The score is the 60/40 weighting placed inside the band's range, with a small share for how
many of the card's expected keywords the answer used (it separates a thorough answer from a
thin one that covers the same concepts):
    raw      = 60 * core covered / core total + 40 * bonus covered / bonus total
    position = 0.85 * raw / 100 + 0.15 * distinct keywords found / keywords of the card
    score    = band low + (band high - band low) * position
so it always agrees with the band, and more coverage never lowers it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from trainer.core.cards.model import Card, Probe, ProbeKind
from trainer.core.grading.analysis import IncrementalScanner, TextAnalysis
from trainer.core.grading.concepts import ConceptCues, CoverageJudge, Evidence, concept_cues
from trainer.core.grading.matching import KeywordHit, Tier, compile_card

CORE_WEIGHT = 60.0
BONUS_WEIGHT = 40.0
MIN_PROSE_SENTENCES = 2
BAR_RAISER_MIN_SECONDS_LEFT = 120
KEYWORD_SHARE_IN_BAND = 0.15


class Band(StrEnum):
    """The rubric's four bands, best first."""

    EXCELLENT = "excellent"
    GOOD = "good"
    NEEDS_IMPROVEMENT = "needs_improvement"
    INSUFFICIENT = "insufficient"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def score_range(self) -> tuple[float, float]:
        return _RANGES[self]

    @property
    def rank(self) -> int:
        """3 for excellent down to 0 for insufficient."""
        return _ORDER.index(self)


_ORDER = (Band.INSUFFICIENT, Band.NEEDS_IMPROVEMENT, Band.GOOD, Band.EXCELLENT)
_RANGES = {
    Band.EXCELLENT: (90.0, 100.0),
    Band.GOOD: (70.0, 89.0),
    Band.NEEDS_IMPROVEMENT: (50.0, 69.0),
    Band.INSUFFICIENT: (0.0, 49.0),
}
FOLLOW_UP_BY_BAND = {
    Band.EXCELLENT: ProbeKind.DEPTH,
    Band.GOOD: ProbeKind.GUIDED,
    Band.NEEDS_IMPROVEMENT: ProbeKind.GUIDED,
    Band.INSUFFICIENT: ProbeKind.FOUNDATION,
}


def band_for(core_covered: int, core_total: int, bonus_covered: int, bonus_total: int) -> Band:
    """The rubric's band for how many core and bonus concepts were covered."""
    core_share = core_covered / core_total if core_total else 0.0
    if core_total and core_covered == core_total and bonus_covered >= min(2, bonus_total):
        return Band.EXCELLENT
    if core_share >= 2 / 3 and bonus_covered >= min(1, bonus_total):
        return Band.GOOD
    if core_total and core_covered == core_total:  # the guidelines leave "all core, no bonus" open
        return Band.GOOD
    if core_share >= 1 / 3:
        return Band.NEEDS_IMPROVEMENT
    return Band.INSUFFICIENT


def rubric_score(
    band: Band,
    core_covered: int,
    core_total: int,
    bonus_covered: int,
    bonus_total: int,
    keyword_share: float = 0.0,
) -> float:
    """The 60/40 weighting placed inside the band's range (see the module docstring)."""
    raw = CORE_WEIGHT * (core_covered / core_total if core_total else 0.0)
    raw += BONUS_WEIGHT * (bonus_covered / bonus_total if bonus_total else 1.0)
    position = (1 - KEYWORD_SHARE_IN_BAND) * raw / 100 + KEYWORD_SHARE_IN_BAND * keyword_share
    low, high = band.score_range
    return round(low + (high - low) * position, 1)


@dataclass(frozen=True)
class Split:
    """How many core and bonus concepts were covered, and the 60/40 points they are worth."""

    core_covered: int
    core_total: int
    bonus_covered: int
    bonus_total: int

    @property
    def core_points(self) -> float:
        """The core part of the 60/40 split, out of 60."""
        return CORE_WEIGHT * self.core_covered / self.core_total if self.core_total else 0.0

    @property
    def bonus_points(self) -> float:
        """The bonus part of the 60/40 split, out of 40."""
        return BONUS_WEIGHT * self.bonus_covered / self.bonus_total if self.bonus_total else 0.0


@dataclass(frozen=True)
class Verdict(Split):
    """A score with its band and the counts behind it."""

    score: float = 0.0
    band: Band = Band.INSUFFICIENT


@dataclass(frozen=True)
class ConceptVerdict:
    """One concept: what the matcher decided, what a person decided, and what counts."""

    name: str
    tier: Tier
    automatic: bool
    override: bool | None
    evidence: Evidence | None

    @property
    def covered(self) -> bool:
        return self.automatic if self.override is None else self.override


@dataclass(frozen=True)
class ScoreReport:
    """Everything the review shows: concepts, both verdicts, keywords, and what to ask next."""

    card_id: str
    concepts: tuple[ConceptVerdict, ...]
    automatic: Verdict
    final: Verdict
    keywords: tuple[KeywordHit, ...]
    follow_up: Probe | None
    follow_up_kind: ProbeKind
    prose_limited: bool
    words: int

    def names(self, tier: Tier, covered: bool) -> list[str]:
        """Concept names of a tier, covered or missed (by the final verdict), in card order."""
        return [c.name for c in self.concepts if c.tier is tier and c.covered is covered]


def verdict(
    concepts: tuple[ConceptVerdict, ...], final: bool, prose_limited: bool, keyword_share: float
) -> Verdict:
    """Count concepts (automatic or final) and apply the rubric."""

    def covered(concept: ConceptVerdict) -> bool:
        return concept.covered if final else concept.automatic

    core = [c for c in concepts if c.tier is Tier.CORE]
    bonus = [c for c in concepts if c.tier is Tier.BONUS]
    counts = (sum(map(covered, core)), len(core), sum(map(covered, bonus)), len(bonus))
    band = band_for(*counts)
    if prose_limited and not final and band.rank > Band.NEEDS_IMPROVEMENT.rank:
        band = Band.NEEDS_IMPROVEMENT
    return Verdict(*counts, score=rubric_score(band, *counts, keyword_share), band=band)


class Scorer:
    """Compiled once per card; scores answers, incrementally when used for live typing."""

    def __init__(self, card: Card) -> None:
        self.card = card
        self.matcher = compile_card(card)
        self.cues: list[ConceptCues] = concept_cues(card)
        self.judge = CoverageJudge(self.cues)
        self.scanner = IncrementalScanner(self.matcher)

    def analyze(self, text: str) -> TextAnalysis:
        """Keyword hits and sentences of the text (reusing what the last call analysed)."""
        return self.scanner.scan(text)

    def score(
        self, text_or_analysis: str | TextAnalysis, overrides: Mapping[str, bool] | None = None
    ) -> ScoreReport:
        """Score an answer; `overrides` maps concept names to covered (True) or not (False)."""
        analysis = (
            self.analyze(text_or_analysis)
            if isinstance(text_or_analysis, str)
            else text_or_analysis
        )
        overrides = overrides or {}
        concepts = [
            ConceptVerdict(
                cues.name, cues.tier, evidence is not None, overrides.get(cues.name), evidence
            )
            for cues, evidence in zip(self.cues, self.judge.judge(analysis), strict=True)
        ]
        prose = sum(chunk.is_prose for _, chunk in analysis.chunks)
        prose_limited = prose < MIN_PROSE_SENTENCES
        concept_verdicts = tuple(concepts)
        found = {hit.keyword for hit in analysis.hits}
        share = len(found) / len(self.matcher.keywords) if self.matcher.keywords else 0.0
        automatic = verdict(concept_verdicts, False, prose_limited, share)
        final = verdict(concept_verdicts, True, prose_limited, share)
        if not overrides:
            final = automatic
        kind = FOLLOW_UP_BY_BAND[final.band]
        return ScoreReport(
            card_id=self.card.id,
            concepts=concept_verdicts,
            automatic=automatic,
            final=final,
            keywords=tuple(analysis.hits),
            follow_up=self.card.probe(kind),
            follow_up_kind=kind,
            prose_limited=prose_limited,
            words=analysis.words,
        )


def bar_raiser_offered(card: Card, discussion_seconds_used: float) -> bool:
    """After the probe, the bar-raiser comes when at least two minutes of discussion are left."""
    if card.bar_raiser is None or not card.bar_raiser.question:
        return False
    left = card.budget.discussion.high - discussion_seconds_used
    return left >= BAR_RAISER_MIN_SECONDS_LEFT
