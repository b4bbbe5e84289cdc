"""History: filters, sorting, comparison; progress: series, heatmap, retention, missed concepts."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import REPO
from trainer.core.cards.bank import Bank, load_bank
from trainer.core.grading.scoring import Band
from trainer.core.history.digest import digests_of, has_verdicts, merged
from trainer.core.history.filters import HistoryFilter, compare, final_covered, select_history
from trainer.core.history.missed import (
    Verdicts,
    concept_groups,
    missed_concepts,
    missed_in_history,
    verdicts_of,
)
from trainer.core.history.progress import calendar_weeks, score_series
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt, AttemptSummary, Mode

START = datetime(2026, 3, 2, 12, tzinfo=UTC)
CARDS = load_bank([REPO / "tests" / "data" / "cards"])


def attempt(
    card_id: str, days: int, score: float, covered: tuple[str, ...] = (), **extra: object
) -> Attempt:
    when = START + timedelta(days=days)
    card = CARDS.by_id(card_id)
    values = {
        "profile": "ana",
        "card_id": card_id,
        "card_hash": "h",
        "started": when,
        "ended": when,
        "answer": "x",
        "score": score,
        "band": Band.GOOD if score >= 70 else Band.INSUFFICIENT,
        "automatic_covered": covered,
        "topic": card.topic if card else "",
        "level": card.level if card else "",
        "card_title": card.title if card else card_id,
        "rating": 3 if score >= 70 else 1,
    }
    values.update(extra)
    return Attempt(**values)  # type: ignore[arg-type]


ATTEMPTS = [
    attempt("test-L4-001", 0, 40.0, ("Lease Expiry",)),
    attempt(
        "test-L5-002",
        1,
        75.0,
        ("Lease Expiry", "Fencing Tokens"),
        mode=Mode.PAIR,
        interviewer="ivy",
    ),
    attempt("test-L4-001", 5, 88.0, ("Lease Expiry", "Fencing Tokens")),
    attempt("test-L3-003", 40, 20.0, ()),
]
SUMMARIES = [AttemptSummary.of(a, "0000") for a in ATTEMPTS]
NAMES = ("Lease Expiry", "Fencing Tokens", "Clock Assumptions")  # every test card's concepts


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 4),
        ("topic:testing", 2),
        ("level:l4", 2),
        ("band:good", 2),
        ("band:insufficient", 2),
        ("mode:pair", 1),
        ("ivy", 1),
        ("leases topic:testing band:good", 1),
        ("nothing-matches", 0),
    ],
)
def test_filters(query: str, expected: int) -> None:
    assert len(select_history(SUMMARIES, HistoryFilter.parse(query), "date", False)) == expected


def test_sorting_by_any_column() -> None:
    by_score = select_history(SUMMARIES, HistoryFilter(), "score", True)
    assert [s.score for s in by_score] == [88.0, 75.0, 40.0, 20.0]
    by_date = select_history(SUMMARIES, HistoryFilter(), "date", False)
    assert by_date[0].started < by_date[-1].started
    by_card = select_history(SUMMARIES, HistoryFilter(), "card", False)
    assert by_card[0].card_title == "Leases In One Page"


def test_compare_two_attempts_at_one_card() -> None:
    later = attempt(
        "test-L4-001",
        9,
        70.0,
        ("Fencing Tokens", "Clock Assumptions"),
        overrides={"Clock Assumptions": False},
    )
    result = compare(later, ATTEMPTS[0], ["Lease Expiry", "Fencing Tokens", "Clock Assumptions"])
    assert result.before is ATTEMPTS[0]
    assert result.score_change == 30.0
    assert result.gained == ("Fencing Tokens",)
    assert result.lost == ("Lease Expiry",)
    assert final_covered(later) == {"Fencing Tokens"}
    with pytest.raises(ValueError, match="same card"):
        compare(ATTEMPTS[0], ATTEMPTS[1])


def test_series_heatmap_and_retention() -> None:
    digest = digests_of(SUMMARIES)["ana"]
    series = score_series(digest)
    assert [score for _, score in series[""].days] == [40.0, 75.0, 88.0, 20.0]
    assert series[""].attempts == 4 and series[""].last == 20.0
    assert [score for _, score in series["testing"].days] == [40.0, 88.0]
    assert series["clocks"].days == [(date(2026, 4, 11), 20.0)]
    later_that_day = replace(SUMMARIES[0], id="again", started=START + timedelta(hours=2))
    again = score_series(digests_of([later_that_day, SUMMARIES[0]])["ana"])
    assert again[""].days == [(date(2026, 3, 2), 40.0)] and again[""].attempts == 2
    today = date(2026, 4, 12)  # a Sunday
    grid = calendar_weeks(Counter({date(2026, 4, 11): 2, date(2026, 4, 6): 1}), today, weeks=2)
    assert len(grid) == 7 and all(len(row) == 2 for row in grid)
    assert grid[5][1] == 2 and grid[0][1] == 1 and grid[6][1] == 0
    future = calendar_weeks(Counter(), date(2026, 4, 8), weeks=1)  # a Wednesday
    assert [row[0] for row in future] == [0, 0, 0, None, None, None, None]
    assert digest.retention_by_month() == [("2026-03", 3, 2 / 3), ("2026-04", 1, 0.0)]
    assert digest.reviews_per_day()[date(2026, 3, 2)] == 1
    halves = [digests_of(SUMMARIES[:2])["ana"], digests_of(SUMMARIES[2:])["ana"]]
    assert merged(halves) == digest  # shards' digests add up to the history's


def test_similar_concept_names_are_grouped() -> None:
    groups = concept_groups(
        ["Fencing Tokens", "fencing token", "Fencing Tokens And Epochs", "Lease Expiry"]
    )
    assert groups["fencing token"] == groups["Fencing Tokens And Epochs"] == "Fencing Tokens"
    assert groups["Lease Expiry"] == "Lease Expiry"


def verdicts(attempts: list[Attempt], bank: Bank = CARDS) -> list[Verdicts]:
    return [found for a in attempts if (found := verdicts_of(a, bank)) is not None]


def test_missed_concepts_ranking_across_cards() -> None:
    ranked = missed_concepts(verdicts(ATTEMPTS), CARDS)
    by_name = {m.name: m for m in ranked}
    # Every test card has the same three concepts: Clock Assumptions was never covered.
    assert ranked[0].name == "Clock Assumptions" and ranked[0].misses == 4 and ranked[0].seen == 4
    assert by_name["Fencing Tokens"].misses == 2  # missed on the first try and on the clocks card
    assert by_name["Lease Expiry"].misses == 1
    assert set(ranked[0].cards) == {"test-L3-003", "test-L4-001", "test-L5-002"}
    assert ranked[0].weakest_card == "test-L3-003"  # last score 20, the lowest
    assert ranked[0].miss_rate == 1.0


def test_missed_concepts_keep_cards_that_left_the_bank() -> None:
    gone = attempt(
        "gone-L5-009",
        3,
        30.0,
        ("Quorum Writes",),
        card_title="A Card Since Deleted",
        missed_core=("Read Repair",),
        missed_bonus=("Hinted Handoff",),
    )
    ranked = missed_concepts(verdicts([*ATTEMPTS, gone]), CARDS)
    by_name = {m.name: m for m in ranked}
    assert by_name["Read Repair"].misses == 1 and by_name["Read Repair"].seen == 1
    assert by_name["Read Repair"].cards == ("gone-L5-009",)
    assert by_name["Read Repair"].title_of("gone-L5-009") == "A Card Since Deleted"
    assert "Quorum Writes" not in by_name  # covered
    assert ranked[0].name == "Clock Assumptions"  # the bank's cards count as before


def test_missed_in_history_reads_summaries_and_only_legacy_attempts(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "trainer.json")
    report = [
        replace(a, missed_core=tuple(n for n in NAMES if n not in a.final_covered()))
        for a in ATTEMPTS[:3]
    ]
    legacy = ATTEMPTS[3]  # saved before verdicts were recorded: its summary holds none
    for one in (*report, legacy):
        store.save_attempt(one, None, START)
    summaries = {s.id: s for s in Store.open(tmp_path / "trainer.json").summaries("ana")}
    assert not has_verdicts(summaries[legacy.id])
    assert all(has_verdicts(summaries[a.id]) for a in report)
    reopened = Store.open(tmp_path / "trainer.json")
    read_in_full: list[set[str]] = []
    original = reopened.attempts_with_ids

    def spy(ids: set[str]) -> list[Attempt]:
        read_in_full.append(set(ids))
        return original(ids)

    reopened.attempts_with_ids = spy  # type: ignore[method-assign]
    ranked = missed_in_history(reopened, "ana", CARDS)
    assert read_in_full == [{legacy.id}]
    expected = missed_concepts(verdicts([*report, legacy]), CARDS)
    assert [(m.name, m.misses, m.seen, m.weakest_card) for m in ranked] == [
        (m.name, m.misses, m.seen, m.weakest_card) for m in expected
    ]
