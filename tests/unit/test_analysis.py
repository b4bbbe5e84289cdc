"""The incremental scanner gives exactly what a fresh full scan gives, after any edit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.grading.analysis import IncrementalScanner, analyze_text, split_chunks
from trainer.core.grading.matching import Keyword, KeywordMatcher, Tier

MATCHER = KeywordMatcher(
    [
        Keyword(text, Tier.CORE, "Primary")
        for text in ("log replication", "leader", "trade-offs", "quorum", "two-phase commit")
    ]
)
PIECES = [
    "The leader ",
    "replicates the log. ",
    "log\nreplication ",
    "Quorums matter! ",
    "trade offs? ",
    "\n\n",
    "\n- item ",
    "2PC ",
    "x",
    ". ",
    " ",
]


def test_split_chunks_on_sentences_list_items_and_paragraphs() -> None:
    text = "One. Two?\nstill two\n\n- three\n- four\n1. five"
    assert [chunk for _, chunk in split_chunks(text)] == [
        "One.",
        "Two?",
        "still two",
        "- three",
        "- four",
        "1. five",
    ]
    assert all(text[offset:].startswith(chunk) for offset, chunk in split_chunks(text))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 8), st.sampled_from(PIECES)), max_size=25
    )
)
def test_incremental_scan_equals_full_scan(edits: list[tuple[int, int, str]]) -> None:
    scanner = IncrementalScanner(MATCHER)
    text = "The leader sends log replication messages. A quorum acks.\n\nThen commit."
    scanner.scan(text)
    for position, removed, inserted in edits:
        at = min(position, len(text))
        text = text[:at] + inserted + text[at + removed :]
        incremental = scanner.scan(text)
        full = analyze_text(MATCHER, text)
        assert [(o, c.text) for o, c in incremental.chunks] == [(o, c.text) for o, c in full.chunks]
        assert incremental.hits == full.hits


def test_typing_character_by_character_matches_full_scan() -> None:
    answer = "The leader handles log replication. Trade offs: a quorum of\nreplicas, and 2PC."
    scanner = IncrementalScanner(MATCHER)
    for end in range(len(answer) + 1):
        assert scanner.scan(answer[:end]).hits == analyze_text(MATCHER, answer[:end]).hits
