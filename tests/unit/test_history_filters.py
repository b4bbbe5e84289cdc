"""The history filter: prefix and mistyped values, unknown keys, answers searched, modes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.grading.scoring import Band
from trainer.core.history.filters import (
    FILTER_KEYS,
    AttemptText,
    HistoryFilter,
    select_history,
    value_matches,
)
from trainer.core.store.records import Attempt, AttemptSummary, Mode

START = datetime(2026, 3, 2, 12, tzinfo=UTC)


def attempt(number: int, topic: str, score: float, **extra: object) -> Attempt:
    values: dict[str, object] = {
        "profile": "ana",
        "card_id": f"card-{number}",
        "card_hash": "h",
        "started": START + timedelta(days=number),
        "ended": START + timedelta(days=number, minutes=10),
        "answer": "nothing special",
        "score": score,
        "band": Band.GOOD if score >= 70 else Band.NEEDS_IMPROVEMENT,
        "topic": topic,
        "level": "L4" if number % 2 else "L5",
        "card_title": f"{topic.title()} Question {number}",
    }
    values.update(extra)
    return Attempt(**values)  # type: ignore[arg-type]


ATTEMPTS = [
    attempt(0, "caching", 80.0, answer="Write-through keeps the cache warm."),
    attempt(1, "distributed-storage", 55.0, notes="talked about tcp/ip framing"),
    attempt(2, "consensus", 75.0, mode=Mode.PAIR, interviewer="ivy", typed=False),
    attempt(3, "consensus", 60.0, mode=Mode.PAIR, interviewer="ivy", profile="ben"),
    attempt(4, "caching", 40.0, follow_up_answer="I would use fencing tokens."),
]
SUMMARIES = [AttemptSummary.of(a, "0000") for a in ATTEMPTS]
TEXTS = {a.id: AttemptText.of(a) for a in ATTEMPTS}


def chosen(query: str, texts: dict[str, AttemptText] | None = TEXTS) -> list[int]:
    rows = select_history(SUMMARIES, HistoryFilter.parse(query), "date", False, texts)
    return [SUMMARIES.index(row) for row in rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic:cach", [0, 4]),  # a prefix
        ("topic:CACHING", [0, 4]),
        ("topic:cahcing", [0, 4]),  # mistyped
        ("topic:storage", [1]),  # a word of the topic
        ("topic:stor", [1]),
        ("topic:con", [2, 3]),
        ("level:l4", [1, 3]),
        ("level:4", [1, 3]),
        ("band:good", [0, 2]),
        ("band:needs", [1, 3, 4]),
        ("band:imp", [1, 3, 4]),
        ("band:needs_improvement", [1, 3, 4]),
        ("mode:solo", [0, 1, 4]),
        ("mode:pair", [2, 3]),
        ("mode:aloud", [2]),
        ("mode:al", [2]),
        ("mode:typed", [3]),
        ("who:ben", [3]),
        ("who:ivy", [2, 3]),  # the interviewer too
        ("card:consensus", [2, 3]),
        ("warm", [0]),  # the answer
        ("fencing", [4]),  # a follow-up reply
        ("tcp/ip", [1]),  # the notes, a word with a slash
        ("write-through cache", [0]),
        ("ivy topic:cons", [2, 3]),
        ("nothing-like-this", []),
        ("topic:zzz", []),
    ],
)
def test_filter_values(query: str, expected: list[int]) -> None:
    assert chosen(query) == expected


def test_before_the_answers_are_read() -> None:
    """Without the attempts' text, words search the summaries and every interview may be aloud."""
    assert chosen("warm", None) == []
    assert chosen("caching", None) == [0, 4]
    assert chosen("mode:aloud", None) == [2, 3]
    assert HistoryFilter.parse("mode:aloud").needs_text
    assert HistoryFilter.parse("warm").needs_text
    assert not HistoryFilter.parse("topic:cach band:good").needs_text


def test_unknown_keys_are_named_with_the_known_ones() -> None:
    parsed = HistoryFilter.parse("foo:bar topic:cach")
    assert parsed.problem == (
        "foo: is not a filter key (ignored); use topic: level: band: mode: who: card:"
    )
    assert chosen("foo:bar topic:cach") == [0, 4]  # the rest still filters
    assert "band:great: no such band" in HistoryFilter.parse("band:great").problem
    assert "solo, pair, aloud, typed" in HistoryFilter.parse("mode:loud").problem
    assert HistoryFilter.parse("topic: tcp/ip").problem == ""  # a key being typed


def test_value_matching_rules() -> None:
    assert value_matches("", "anything")
    assert value_matches("repl", "replication")
    assert value_matches("replicaton", "replication")
    assert not value_matches("clock", "block")  # short words are not guessed at
    assert not value_matches("time", "transactions")


@given(st.text(max_size=60))
def test_no_filter_string_crashes(query: str) -> None:
    parsed = HistoryFilter.parse(query)
    assert "\n" not in parsed.problem
    for summary in SUMMARIES:
        parsed.matches(summary, TEXTS[summary.id])
        parsed.matches(summary)


@given(
    st.lists(
        st.tuples(st.sampled_from([*FILTER_KEYS, "foo", "Band", ""]), st.text(max_size=12)),
        max_size=4,
    )
)
def test_no_key_value_query_crashes(pairs: list[tuple[str, str]]) -> None:
    query = " ".join(f"{key}:{value}" for key, value in pairs)
    parsed = HistoryFilter.parse(query)
    select_history(SUMMARIES, parsed, "score", True, TEXTS)
