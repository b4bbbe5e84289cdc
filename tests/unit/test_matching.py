"""Keyword spans: what a typist needs to match, and what must never match."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from trainer.core.grading.analysis import analyze_text
from trainer.core.grading.matching import Keyword, KeywordMatcher, Tier

KEYWORDS = [
    Keyword("replication", Tier.CORE, "Primary keywords"),
    Keyword("partitioning", Tier.CORE, "Primary keywords"),
    Keyword("trade-offs", Tier.CORE, "Primary keywords"),
    Keyword("consensus", Tier.CORE, "Technical terms"),
    Keyword("linearizability", Tier.CORE, "Technical terms"),
    Keyword("raft", Tier.CORE, "Technical terms"),
    Keyword("scale", Tier.CORE, "Primary keywords"),
    Keyword("log replication", Tier.CORE, "Technical terms"),
    Keyword("two-phase commit", Tier.BONUS, "Transactions"),
    Keyword("hybrid logical clocks", Tier.BONUS, "Clocks"),
    Keyword("MVCC", Tier.BONUS, "Concepts"),
    Keyword("TTL", Tier.BONUS, "Concepts"),
    Keyword("RPC", Tier.BONUS, "Concepts"),
    Keyword("fencing token", Tier.BONUS, "Safety", aliases=("epoch number",)),
    Keyword("iptables -t nat -L", Tier.BONUS, "Commands"),
    Keyword("netstat -tulpn", Tier.BONUS, "Commands"),
]
MATCHER = KeywordMatcher(KEYWORDS)


def found(text: str) -> list[tuple[str, str, bool]]:
    return [(hit.keyword, hit.text, hit.exact) for hit in analyze_text(MATCHER, text).hits]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case, punctuation and hyphenation
        ("REPLICATION matters", [("replication", "REPLICATION", True)]),
        ("the trade-offs", [("trade-offs", "trade-offs", True)]),
        ("the tradeoffs", [("trade-offs", "tradeoffs", True)]),
        ("the trade offs", [("trade-offs", "trade offs", True)]),
        ("one trade-off", [("trade-offs", "trade-off", False)]),
        # word forms
        ("data is replicated", [("replication", "replicated", False)]),
        ("three replicas", [("replication", "replicas", False)]),
        ("keeps replicating", [("replication", "replicating", False)]),
        ("many partitions", [("partitioning", "partitions", False)]),
        ("scaling out", [("scale", "scaling", False)]),
        # typos scaled to word length
        ("reach consensous", [("consensus", "consensous", False)]),
        ("strict linearizabilty", [("linearizability", "linearizabilty", False)]),
        # multi-word keywords, across a line break too
        ("log\nreplication", [("log replication", "log\nreplication", True)]),
        # acronyms and expansions, both ways, and the card's own aliases
        ("use 2PC here", [("two-phase commit", "2PC", False)]),
        ("two phase commit", [("two-phase commit", "two phase commit", True)]),
        ("an HLC", [("hybrid logical clocks", "HLC", False)]),
        (
            "multi-version concurrency control",
            [("MVCC", "multi-version concurrency control", False)],
        ),
        ("a time to live", [("TTL", "time to live", False)]),
        ("remote procedure calls", [("RPC", "remote procedure calls", False)]),
        ("bump the epoch number", [("fencing token", "epoch number", False)]),
        # commands match as written
        ("run iptables -t nat -L now", [("iptables -t nat -L", "iptables -t nat -L", True)]),
        ("then netstat -tulpn.", [("netstat -tulpn", "netstat -tulpn", True)]),
    ],
)
def test_matches(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a first draft",  # raft is not draft: short words never match fuzzily
        "on sale today",  # scale is not sale
        "aircraft",  # whole words only
        "a crafty plan",
        "iptables -t nat -l",  # commands are case-sensitive: -l is not -L
        "netstat -tulp",
        "log files and replication",  # not adjacent: not the phrase "log replication"
        "decoupled services",  # a long word is not a typo of a different word
    ],
)
def test_no_nonsense_matches(text: str) -> None:
    assert [hit for hit in found(text) if hit[0] != "replication"] == []


def test_hits_carry_offsets_tier_and_group() -> None:
    text = "We need consensus.\n\nThen 2PC across shards."
    hits = analyze_text(MATCHER, text).hits
    assert [(h.keyword, h.tier, h.group) for h in hits] == [
        ("consensus", Tier.CORE, "Technical terms"),
        ("two-phase commit", Tier.BONUS, "Transactions"),
    ]
    assert [text[h.start : h.end] for h in hits] == ["consensus", "2PC"]


def test_longest_keyword_wins_at_a_position() -> None:
    assert found("log replication") == [("log replication", "log replication", True)]


def test_a_typo_as_close_to_two_words_reads_the_same_under_any_hash_seed() -> None:
    """ "site" is one letter from "side" and from "size": the verdict once depended on the
    order a set was walked in, so the same answer scored differently from run to run."""
    code = (
        "from trainer.core.grading.matching import Lexicon;"
        "print(Lexicon(['size', 'side', 'sitting']).canonical(\"site's\"))"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(1, 9)
    }
    assert seen == {"side"}
