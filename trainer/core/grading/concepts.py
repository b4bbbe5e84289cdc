"""Concept coverage: does the answer discuss a concept, judged from cues found together.

Cues. A concept's cues are the content words (stems, without grammar or filler words) of its
name (weight 1) and of its description and of the keywords that belong to it (weight 0.6). A cue
shared by k concepts of the card weighs 1/k as much: it cannot tell them apart. Near-synonyms of
the field (`synonyms.py`) count at half the weight of the word they stand for.

Covered. A passage (a sentence or list item with two neighbours on each side) covers a concept
when its cues add up to the concept's threshold (a quarter of all its cue weight, at most 1.8),
with at least two distinct cues or one full-weight one, and at least one anchor: a name word
that is not mostly shared, or a distinctive description word. One generic word is never enough.

Lists. An answer that is mostly a bare list of terms (under a quarter of its words in sentences)
covers nothing: it names things but explains none of them.

The numbers were calibrated on tests/data/labeled_answers.json and on every card's own model
answers; the README gives the figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from trainer.core.cards.model import Card, Concept
from trainer.core.grading.analysis import TextAnalysis
from trainer.core.grading.matching import ChunkAnalysis, Keyword, Tier, keywords_of
from trainer.core.grading.synonyms import synonyms
from trainer.core.grading.words import content_stems

NAME_WEIGHT = 1.0
DETAIL_WEIGHT = 0.6
SYNONYM_FACTOR = 0.5
THRESHOLD_SHARE = 0.25
THRESHOLD_CAP = 1.8
WINDOW = 2  # chunks on each side that still count as "together"
SOLO_CUE_WEIGHT = 1.0  # a single cue this strong is enough on its own
NAME_ANCHOR_WEIGHT = 0.3
ANCHOR_WEIGHT = 0.5
BARE_LIST_PROSE_SHARE = 0.25


@dataclass(frozen=True)
class ConceptCues:
    """What evidence of one concept looks like."""

    concept: Concept
    tier: Tier
    cues: dict[str, float]
    threshold: float
    keywords: tuple[str, ...]
    anchors: frozenset[str]  # distinctive cues: evidence must include one

    @property
    def name(self) -> str:
        return self.concept.name


@dataclass(frozen=True)
class Evidence:
    """Why a concept was judged covered: the cues found and where the passage starts."""

    cues: tuple[str, ...]
    weight: float
    start: int


def concept_cues(card: Card) -> list[ConceptCues]:
    """Cues of every core and bonus concept of a card."""
    concepts = [(c, Tier.CORE) for c in card.core_concepts]
    concepts += [(c, Tier.BONUS) for c in card.bonus_concepts]
    keywords = keywords_of(card)
    raw: list[tuple[Concept, Tier, dict[str, float], list[str]]] = []
    for concept, tier in concepts:
        cues = dict.fromkeys(content_stems(concept.name), NAME_WEIGHT)
        for word in content_stems(concept.description):
            cues.setdefault(word, DETAIL_WEIGHT)
        raw.append((concept, tier, cues, []))
    _attach_keywords(raw, keywords)

    sharing = Counter(word for _, _, cues, _ in raw for word in cues)
    result = []
    for concept, tier, cues, owned in raw:
        weights = {word: weight / sharing[word] for word, weight in cues.items()}
        threshold = round(min(THRESHOLD_CAP, THRESHOLD_SHARE * sum(weights.values())), 6)
        for word, weight in list(weights.items()):
            for other in synonyms(word):
                weights.setdefault(other, weight * SYNONYM_FACTOR)
        named = set(content_stems(concept.name))
        anchors = frozenset(
            word
            for word, weight in weights.items()
            if weight >= (NAME_ANCHOR_WEIGHT if word in named else ANCHOR_WEIGHT)
        )
        result.append(ConceptCues(concept, tier, weights, threshold, tuple(owned), anchors))
    return result


def _attach_keywords(
    raw: list[tuple[Concept, Tier, dict[str, float], list[str]]], keywords: Sequence[Keyword]
) -> None:
    """A keyword belongs to the concept(s) whose words it shares most; its other words join in."""
    for keyword in keywords:
        words = content_stems(keyword.text)
        overlaps = [len(set(words) & set(cues)) for _, _, cues, _ in raw]
        best = max(overlaps, default=0)
        if best == 0:
            continue
        for (_, _, cues, owned), overlap in zip(raw, overlaps, strict=True):
            if overlap == best:
                owned.append(keyword.text)
                for word in words:
                    cues.setdefault(word, DETAIL_WEIGHT)


class CoverageJudge:
    """Decides, for an analysed answer, which concepts it covers, remembering each sentence."""

    def __init__(self, cues: Sequence[ConceptCues]) -> None:
        self.cues = tuple(cues)
        self._found: dict[str, tuple[frozenset[str], ...]] = {}

    def judge(self, analysis: TextAnalysis) -> list[Evidence | None]:
        """Evidence for each concept (in the order of `cues`), None where there is not enough."""
        chunks = [chunk for _, chunk in analysis.chunks]
        found = self._found_per_chunk(chunks)
        if is_bare_list(chunks):
            return [None] * len(self.cues)
        offsets = [offset for offset, _ in analysis.chunks]
        return [
            self._best_passage(index, cues, found, offsets) for index, cues in enumerate(self.cues)
        ]

    def _found_per_chunk(self, chunks: list[ChunkAnalysis]) -> list[tuple[frozenset[str], ...]]:
        known: dict[str, tuple[frozenset[str], ...]] = {}
        result = []
        for chunk in chunks:
            found = known.get(chunk.text) or self._found.get(chunk.text)
            if found is None:
                found = tuple(
                    frozenset(word for word in cues.cues if word in chunk.stems)
                    for cues in self.cues
                )
            known[chunk.text] = found
            result.append(found)
        self._found = known
        return result

    @staticmethod
    def _best_passage(
        index: int,
        cues: ConceptCues,
        found: list[tuple[frozenset[str], ...]],
        offsets: list[int],
    ) -> Evidence | None:
        best: Evidence | None = None
        with_cues = [position for position, sets in enumerate(found) if sets[index]]
        centers = sorted(
            {
                center
                for position in with_cues
                for center in range(position - WINDOW, position + WINDOW + 1)
                if 0 <= center < len(found)
            }
        )
        for center in centers:
            words: set[str] = set()
            for near in found[max(0, center - WINDOW) : center + WINDOW + 1]:
                words |= near[index]
            weight = round(sum(cues.cues[word] for word in sorted(words)), 6)
            enough = len(words) >= min(2, len(cues.cues)) or any(
                cues.cues[word] >= SOLO_CUE_WEIGHT for word in words
            )
            enough = enough and not cues.anchors.isdisjoint(words)
            if enough and weight >= cues.threshold and (best is None or weight > best.weight):
                best = Evidence(tuple(sorted(words)), weight, offsets[center])
        return best


def is_bare_list(chunks: Sequence[ChunkAnalysis]) -> bool:
    """An answer that is mostly a list of terms: it names things but explains none of them."""
    words = sum(chunk.words for chunk in chunks)
    prose_words = sum(chunk.words for chunk in chunks if chunk.is_prose)
    return words == 0 or prose_words < BARE_LIST_PROSE_SHARE * words
