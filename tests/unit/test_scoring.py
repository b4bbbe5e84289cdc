"""The rubric: bands, the 60/40 score, overrides, the follow-up and the bar-raiser."""

from __future__ import annotations

import itertools

import pytest

from tests.conftest import BANK
from trainer.core.cards.bank import load_bank
from trainer.core.cards.model import ProbeKind
from trainer.core.grading.matching import Tier
from trainer.core.grading.scoring import Band, Scorer, band_for, bar_raiser_offered, rubric_score

CARDS = load_bank([BANK])
RAFT = next(card for card in CARDS.cards if card.id == "consensus-L3-001")

GOOD_ANSWER = """\
Raft divides time into terms, and each term number acts as a logical clock: a node that sees a
higher term steps down and adopts it. When a follower hears no heartbeat before its election
timeout runs out, it becomes a candidate, increments its term, votes for itself and sends
RequestVote to the others. A candidate that gets votes from a majority of the cluster becomes
leader, and since each server votes once per term only one leader can win a term. If the vote
splits, randomized election timeouts make it unlikely that the candidates collide again.
"""


@pytest.mark.parametrize(
    ("core", "core_total", "bonus", "bonus_total", "band"),
    [
        (5, 5, 2, 5, Band.EXCELLENT),
        (5, 5, 1, 5, Band.GOOD),
        (5, 5, 0, 5, Band.GOOD),  # all core, no bonus: the case the guidelines leave open
        (4, 5, 1, 5, Band.GOOD),
        (4, 6, 1, 5, Band.GOOD),  # exactly two thirds
        (4, 6, 0, 5, Band.NEEDS_IMPROVEMENT),
        (3, 6, 4, 5, Band.NEEDS_IMPROVEMENT),
        (2, 6, 0, 5, Band.NEEDS_IMPROVEMENT),  # exactly one third
        (1, 4, 5, 5, Band.INSUFFICIENT),
        (0, 4, 0, 5, Band.INSUFFICIENT),
        (3, 3, 1, 1, Band.EXCELLENT),  # a card with one bonus concept asks for one
        (3, 3, 0, 0, Band.EXCELLENT),
    ],
)
def test_band_for(core: int, core_total: int, bonus: int, bonus_total: int, band: Band) -> None:
    assert band_for(core, core_total, bonus, bonus_total) is band


def test_score_stays_in_its_band_and_never_drops_with_more_coverage() -> None:
    previous = -1.0
    for core, bonus, share in itertools.product(range(6), range(6), (0.0, 0.5, 1.0)):
        band = band_for(core, 5, bonus, 5)
        score = rubric_score(band, core, 5, bonus, 5, share)
        low, high = band.score_range
        assert low <= score <= high
    for core in range(6):
        for bonus in range(6):
            score = rubric_score(band_for(core, 5, bonus, 5), core, 5, bonus, 5)
            if bonus == 0:
                assert score >= previous
            previous = score if bonus == 0 else previous
    assert rubric_score(Band.EXCELLENT, 5, 5, 5, 5, 1.0) == 100.0
    assert rubric_score(Band.INSUFFICIENT, 0, 5, 0, 5, 0.0) == 0.0


def test_a_real_answer_is_scored_by_its_concepts() -> None:
    report = Scorer(RAFT).score(GOOD_ANSWER)
    covered = report.names(Tier.CORE, True)
    assert "Terms As Logical Clock" in covered
    assert "Majority Vote Wins" in covered
    assert "Randomized Timeouts Resolve Split Votes" in covered
    assert "Up-To-Date Log Voting Rule" in report.names(Tier.CORE, False)
    assert report.final.band in (Band.GOOD, Band.NEEDS_IMPROVEMENT)
    assert report.final == report.automatic


def test_overrides_change_the_final_verdict_not_the_automatic_one() -> None:
    scorer = Scorer(RAFT)
    before = scorer.score(GOOD_ANSWER)
    everything = {concept.name: True for concept in (*RAFT.core_concepts, *RAFT.bonus_concepts)}
    after = scorer.score(GOOD_ANSWER, everything)
    assert after.automatic == before.automatic
    assert after.final.band is Band.EXCELLENT and after.final.score > before.final.score
    assert after.follow_up_kind is ProbeKind.DEPTH
    nothing = {concept.name: False for concept in RAFT.core_concepts}
    refused = scorer.score(GOOD_ANSWER, nothing)
    assert refused.final.band is Band.INSUFFICIENT
    assert refused.follow_up_kind is ProbeKind.FOUNDATION
    [verdict] = [c for c in refused.concepts if c.name == "Majority Vote Wins"]
    assert verdict.automatic is True and verdict.override is False and verdict.covered is False


def test_follow_up_follows_the_band() -> None:
    scorer = Scorer(RAFT)
    good = scorer.score(GOOD_ANSWER)
    assert good.follow_up_kind is ProbeKind.GUIDED
    assert good.follow_up == RAFT.probe(ProbeKind.GUIDED)
    off_topic = scorer.score("React hooks let function components keep state between renders.")
    assert off_topic.final.band is Band.INSUFFICIENT
    assert off_topic.follow_up_kind is ProbeKind.FOUNDATION


def test_bare_keyword_list_never_rises_above_needs_improvement() -> None:
    names = ", ".join(c.name for c in (*RAFT.core_concepts, *RAFT.bonus_concepts))
    words = ", ".join(w for group in RAFT.core_keywords for w in group.keywords)
    for listing in (names, words, names.replace(", ", "\n"), f"{names}\n\n{words}"):
        report = Scorer(RAFT).score(listing)
        assert report.final.band.rank <= Band.NEEDS_IMPROVEMENT.rank, listing


def test_one_sentence_is_capped_at_needs_improvement() -> None:
    sentence = " ".join(GOOD_ANSWER.split()).replace(". ", "; ")
    report = Scorer(RAFT).score(sentence)
    assert report.prose_limited
    assert report.automatic.band is Band.NEEDS_IMPROVEMENT


def test_bar_raiser_is_offered_only_with_time_left() -> None:
    high = RAFT.budget.discussion.high
    assert bar_raiser_offered(RAFT, 0)
    assert bar_raiser_offered(RAFT, high - 120)
    assert not bar_raiser_offered(RAFT, high - 119)
    assert not bar_raiser_offered(RAFT, high + 60)
