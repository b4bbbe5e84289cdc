"""The history filter: prefix and mistyped values, unknown keys, answers searched, modes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.grading.scoring import Band
from trainer.core.history.filters import (
    FILTER_KEYS,
    SORT_KEYS,
    AnswerHits,
    HistoryFilter,
    select_history,
    value_matches,
)
from trainer.core.history.history_index import HistoryIndex
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


def hits(query: str) -> AnswerHits:
    """What the answer search finds for the query's words (the store's search is tested in
    test_answer_search): the attempts whose answer, notes or replies hold each word."""
    words = HistoryFilter.parse(query).words
    texts = {
        a.id: " ".join([a.answer, a.notes, *(r.answer for r in a.paired_replies())]).lower()
        for a in ATTEMPTS
    }
    return {word: {i for i, text in texts.items() if word in text} for word in words}


def chosen(query: str, answers_searched: bool = True) -> list[int]:
    found = hits(query) if answers_searched else None
    rows = select_history(SUMMARIES, HistoryFilter.parse(query), "date", False, found)
    indexed = HistoryIndex(SUMMARIES).select(HistoryFilter.parse(query), "date", False, found)
    assert indexed == rows
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


def test_before_the_answers_are_searched() -> None:
    """Until the answers are searched, words match the summaries' fields; modes never wait."""
    assert chosen("warm", answers_searched=False) == []
    assert chosen("caching", answers_searched=False) == [0, 4]
    assert chosen("mode:aloud", answers_searched=False) == [2]
    assert HistoryFilter.parse("warm cache topic:x").words == ("warm", "cache")
    assert HistoryFilter.parse("topic:cach band:good").words == ()


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
        parsed.matches(summary, hits(query))
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
    select_history(SUMMARIES, parsed, "score", True, hits(query))


MANY = [
    AttemptSummary.of(
        attempt(
            n,
            ("caching", "consensus", "distributed-storage", "queues")[n % 4],
            float(30 + (n * 37) % 70),
            mode=Mode.PAIR if n % 3 == 0 else Mode.SOLO,
            interviewer="ivy" if n % 3 == 0 else None,
            typed=n % 2 == 0,
            profile=("ana", "ben", "cleo")[n % 3],
            started=START + timedelta(hours=n % 7),  # ties: the order must stay stable
        ),
        "0000",
    )
    for n in range(60)
]
VALUES = ["", "c", "cach", "cons", "stor", "4", "l5", "good", "needs", "ex", "pair", "al"]


@given(
    st.lists(
        st.tuples(st.sampled_from([*FILTER_KEYS, ""]), st.sampled_from([*VALUES, "ana", "ivy"])),
        max_size=3,
    ),
    st.sampled_from(sorted(SORT_KEYS)),
    st.booleans(),
    st.sets(st.sampled_from([s.id for s in MANY]), max_size=10),
)
def test_the_index_selects_what_the_filter_selects(
    pairs: list[tuple[str, str]], sort: str, descending: bool, in_answers: set[str]
) -> None:
    """The screen's column index gives the same rows, in the same order, as the plain filter."""
    query = " ".join(f"{key}:{value}" if key else value for key, value in pairs)
    parsed = HistoryFilter.parse(query)
    found = {word: in_answers for word in parsed.words}
    expected = select_history(MANY, parsed, sort, descending, found)
    index = HistoryIndex(MANY)
    assert index.select(parsed, sort, descending, found) == expected
    assert index.select(parsed, sort, descending, found) == expected  # from its caches
