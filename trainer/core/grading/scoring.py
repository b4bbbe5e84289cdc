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
               (a card without bonus concepts: 100 * core covered / core total)
    position = 0.85 * raw / 100 + 0.15 * distinct keywords found / keywords of the card
    score    = band low + (band high - band low) * position
so it always agrees with the band, and more coverage never lowers it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from trainer.core.cards.model import Card, Probe, ProbeKind
from trainer.core.grading.analysis import IncrementalScanner, TextAnalysis, analyze_text
from trainer.core.grading.bands import Band as Band
from trainer.core.grading.concepts import ConceptCues, CoverageJudge, Evidence, concept_cues
from trainer.core.grading.matching import KeywordHit, Tier, compile_card
from trainer.core.grading.params import DEFAULT_PARAMS, GradingParams
from trainer.core.grading.topics import question_stems

CORE_WEIGHT = 60.0
BONUS_WEIGHT = 40.0
MIN_PROSE_SENTENCES = 2
BAR_RAISER_MIN_SECONDS_LEFT = 120
KEYWORD_SHARE_IN_BAND = 0.15


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


@dataclass(frozen=True)
class Split:
    """How many core and bonus concepts were covered, the points they are worth, and the score.

    The one formula behind every number shown: core concepts are worth 60 points and bonus
    concepts 40; a card without bonus concepts puts all 100 on its core, so the split shown
    ("core 5/5 = 100 of 100") always adds up to the raw score the band is placed by.
    """

    core_covered: int
    core_total: int
    bonus_covered: int
    bonus_total: int

    @property
    def core_max(self) -> float:
        """What the core is worth: 60, or 100 on a card without bonus concepts."""
        return CORE_WEIGHT if self.bonus_total else CORE_WEIGHT + BONUS_WEIGHT

    @property
    def bonus_max(self) -> float:
        """What the bonus concepts are worth: 40, or 0 on a card without any."""
        return BONUS_WEIGHT if self.bonus_total else 0.0

    @property
    def core_points(self) -> float:
        """The core part of the split, out of `core_max`."""
        return self.core_max * self.core_covered / self.core_total if self.core_total else 0.0

    @property
    def bonus_points(self) -> float:
        """The bonus part of the split, out of `bonus_max`."""
        return self.bonus_max * self.bonus_covered / self.bonus_total if self.bonus_total else 0.0

    @property
    def raw_points(self) -> float:
        """Core plus bonus points, out of 100."""
        return self.core_points + self.bonus_points

    def score_in(self, band: Band, keyword_share: float = 0.0) -> float:
        """The raw points placed inside the band's range (see the module docstring)."""
        position = (1 - KEYWORD_SHARE_IN_BAND) * self.raw_points / 100
        position += KEYWORD_SHARE_IN_BAND * keyword_share
        low, high = band.score_range
        return round(low + (high - low) * position, 1)


def split_line(split: Split, band: Band | None = None) -> str:
    """The split in words, as every screen shows it: "core 4/5 = 48 of 60 · bonus 1/5 = 8 of 40";
    with the band, how those raw points became the score ("= 56 raw, placed in good's 70-89"),
    so the score never looks like a sum that does not add up."""
    core = (
        f"core {split.core_covered}/{split.core_total} = "
        f"{split.core_points:.0f} of {split.core_max:.0f}"
    )
    if not split.bonus_total:
        line = f"{core} · no bonus concepts"
    else:
        bonus = (
            f"bonus {split.bonus_covered}/{split.bonus_total} = "
            f"{split.bonus_points:.0f} of {split.bonus_max:.0f}"
        )
        line = f"{core} · {bonus}"
    if band is None:
        return line
    low, high = band.score_range
    return f"{line} · {split.raw_points:.0f} raw, placed in {band.label}'s {low:g}-{high:g}"


def rubric_score(
    band: Band,
    core_covered: int,
    core_total: int,
    bonus_covered: int,
    bonus_total: int,
    keyword_share: float = 0.0,
) -> float:
    """The score for these counts: `Split.score_in`, the one formula."""
    return Split(core_covered, core_total, bonus_covered, bonus_total).score_in(band, keyword_share)


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

    def evidence(self) -> dict[str, Evidence]:
        """Concept name -> the passage that earned it, for every concept the matcher covered."""
        return {c.name: c.evidence for c in self.concepts if c.evidence is not None}


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
    return Verdict(*counts, score=Split(*counts).score_in(band, keyword_share), band=band)


class Scorer:
    """Compiled once per card; scores answers, incrementally when used for live typing."""

    def __init__(self, card: Card, params: GradingParams = DEFAULT_PARAMS) -> None:
        self.card = card
        self.params = params
        self.matcher = compile_card(card)
        self.cues: list[ConceptCues] = concept_cues(card, params)
        reference = (
            analyze_text(self.matcher, card.sample_excellent)
            if params.model_floor < 1 and card.sample_excellent.strip()
            else None
        )
        self.judge = CoverageJudge(self.cues, params, reference, question_stems(card))
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
        prose = sum(chunk.states for _, chunk in analysis.chunks)
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
