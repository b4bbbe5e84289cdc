"""Evidence for every verdict, hints for missed concepts, the caveat, and the one split formula."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tests.conftest import BANK
from trainer.cli import main
from trainer.core.cards.bank import load_bank
from trainer.core.cards.model import Card
from trainer.core.grading.analysis import split_chunks
from trainer.core.grading.evidence import CAVEAT, caveat, missed_hint, model_passages
from trainer.core.grading.scoring import Band, Scorer, Split, band_for, split_line

CARDS = load_bank([BANK]).cards
RAFT = next(card for card in CARDS if card.id == "consensus-L3-001")

ANSWER = """\
Raft divides time into terms, and each term number acts as a logical clock: a node that sees a
higher term steps down and adopts it.

When a follower hears no heartbeat before its election timeout runs out, it becomes a
candidate, increments its term, votes for itself and sends RequestVote to the others.
A candidate that gets votes from a majority of the cluster becomes leader, and since each
server grants one vote per term only one leader can win a term.

- split vote -> nobody wins -> randomized election timeouts make one node start first
- votedFor + currentTerm persisted to stable storage before replying -> no double vote
"""


def test_every_covered_concept_has_a_passage_that_is_the_answers_own_text() -> None:
    report = Scorer(RAFT).score(ANSWER)
    evidence = report.evidence()
    assert set(evidence) == {c.name for c in report.concepts if c.automatic}
    assert len(evidence) >= 4
    chunks = split_chunks(ANSWER)
    for name, passage in evidence.items():
        assert ANSWER[passage.start : passage.end] == passage.text, name
        assert passage.cues and all(cue in passage.text for cue in passage.cues), name
        assert passage.strength >= 1.0
        inside = [c for o, c in chunks if passage.start <= o < passage.end]
        assert 1 <= len(inside) <= 2, (name, inside)  # a chunk, at most with its neighbour


def test_bullet_notes_with_relations_are_judged_on_what_they_show() -> None:
    report = Scorer(RAFT).score(ANSWER)
    evidence = report.evidence()
    assert "Randomized Timeouts Resolve Split Votes" in evidence
    assert "Persisted Vote State" in evidence
    assert evidence["Persisted Vote State"].text.startswith("- votedFor")


def test_json_carries_evidence_for_every_covered_concept(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "answer.txt"  # type: ignore[operator]
    path.write_text(ANSWER)
    assert main(["score", "consensus-L3-001", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    covered = report["core"]["covered"] + report["bonus"]["covered"]
    assert set(report["evidence"]) == set(covered)
    for item in report["evidence"].values():
        assert set(item) == {"start", "end", "text", "cues"}
        assert ANSWER[item["start"] : item["end"]] == item["text"]
    assert report["caveat"] == CAVEAT


def test_repeating_the_question_is_never_more_than_needs_improvement() -> None:
    for card in CARDS:
        report = Scorer(card).score(f"{card.title}. {card.question} {card.topic}.")
        assert report.automatic.band.rank <= Band.NEEDS_IMPROVEMENT.rank, card.id
        covered = [c for c in report.concepts if c.automatic]
        assert len(covered) < len(report.concepts) / 2, card.id


def test_topic_words_alone_never_earn_a_concept() -> None:
    scorer = Scorer(RAFT)
    topic = set().union(*(cues.topic for cues in scorer.cues))
    assert {"leader", "term", "vote"} <= topic
    report = scorer.score("The leader has a term. Votes and terms matter for the leader.")
    assert not any(c.automatic for c in report.concepts)


def test_a_missed_concept_points_at_the_model_answers_passage() -> None:
    report = Scorer(RAFT).score("Raft elects a leader when heartbeats stop arriving.")
    missed = [c.name for c in report.concepts if not c.covered]
    assert "Up-To-Date Log Voting Rule" in missed
    hint = missed_hint(RAFT, "Up-To-Date Log Voting Rule")
    assert hint.description.startswith("a voter refuses a candidate")
    assert hint.model_passage is not None
    start, end = hint.model_passage.start, hint.model_passage.end
    assert RAFT.sample_excellent[start:end] == hint.model_passage.text
    assert "up-to-date log rule" in hint.model_passage.text
    with pytest.raises(KeyError):
        missed_hint(RAFT, "No Such Concept")


def test_model_passages_cover_most_concepts_of_every_bundled_card() -> None:
    for card in CARDS:
        passages = model_passages(card)
        total = len(card.core_concepts) + len(card.bonus_concepts)
        assert len(passages) >= total // 2, card.id


def test_the_caveat_is_one_line() -> None:
    assert caveat() == CAVEAT and "\n" not in CAVEAT
    assert "topic, not truth" in CAVEAT


def _without_bonus(card: Card) -> Card:
    return dataclasses.replace(card, bonus_concepts=(), bonus_keywords=())


def test_one_formula_for_the_split_shown_and_the_score() -> None:
    card = _without_bonus(RAFT)
    report = Scorer(card).score(RAFT.sample_excellent)
    final = report.final
    assert final.bonus_total == 0 and final.core_covered == final.core_total
    assert (final.core_max, final.bonus_max) == (100.0, 0.0)
    assert final.raw_points == 100.0
    assert (
        split_line(final)
        == f"core {final.core_total}/{final.core_total} = 100 of 100 · no bonus concepts"
    )
    assert final.score == Split(*_counts(final)).score_in(final.band, _share(report))


def _counts(split: Split) -> tuple[int, int, int, int]:
    return split.core_covered, split.core_total, split.bonus_covered, split.bonus_total


def _share(report: object) -> float:
    keywords = {hit.keyword for hit in report.keywords}  # type: ignore[attr-defined]
    scorer = Scorer(_without_bonus(RAFT))
    return len(keywords) / len(scorer.matcher.keywords)


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        ((4, 5, 1, 5), "core 4/5 = 48 of 60 · bonus 1/5 = 8 of 40"),
        ((3, 3, 0, 0), "core 3/3 = 100 of 100 · no bonus concepts"),
        ((0, 4, 0, 2), "core 0/4 = 0 of 60 · bonus 0/2 = 0 of 40"),
    ],
)
def test_split_line(counts: tuple[int, int, int, int], line: str) -> None:
    split = Split(*counts)
    assert split_line(split) == line
    assert split.raw_points == pytest.approx(split.core_points + split.bonus_points)
    band = band_for(*counts)
    low, high = band.score_range
    assert low <= split.score_in(band) <= high


def test_split_line_with_band_says_how_raw_points_became_the_score() -> None:
    split = Split(2, 5, 0, 5)
    band = band_for(2, 5, 0, 5)
    line = split_line(split, band)
    assert line.startswith("core 2/5 = 24 of 60 · bonus 0/5 = 0 of 40")
    assert line.endswith("24 raw, placed in needs improvement's 50-69")
    score = split.score_in(band)
    assert 50 <= score <= 69  # higher than the 24 raw, which the line explains
