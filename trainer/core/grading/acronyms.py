"""Common acronyms of the field and what they stand for: either form matches the other."""

from __future__ import annotations

from trainer.core.grading.words import stem, tokenize

# Each row is one idea; the first entry is the usual short form.
EQUIVALENT_TERMS: tuple[tuple[str, ...], ...] = (
    ("2PC", "two-phase commit", "two phase commit"),
    ("3PC", "three-phase commit"),
    ("2PL", "two-phase locking"),
    ("HLC", "hybrid logical clock"),
    ("MVCC", "multi-version concurrency control", "multiversion concurrency control"),
    ("OCC", "optimistic concurrency control"),
    ("TTL", "time to live", "time-to-live"),
    ("RPC", "remote procedure call"),
    ("WAL", "write-ahead log", "write-ahead logging"),
    ("LSM", "log-structured merge"),
    ("RSM", "replicated state machine"),
    ("CRDT", "conflict-free replicated data type"),
    ("BFT", "byzantine fault tolerance"),
    ("NTP", "network time protocol"),
    ("PTP", "precision time protocol"),
    ("CDC", "change data capture"),
    ("RDMA", "remote direct memory access"),
    ("LWW", "last writer wins", "last write wins"),
    ("RTT", "round-trip time", "round trip time"),
    ("GC", "garbage collection"),
    ("SLO", "service level objective"),
    ("SLA", "service level agreement"),
    ("ZK", "ZooKeeper"),
    ("CAS", "compare-and-swap", "compare and set"),
    ("QPS", "queries per second"),
    ("P99", "99th percentile"),
    ("SSI", "serializable snapshot isolation"),
    ("CQRS", "command query responsibility segregation"),
    ("DR", "disaster recovery"),
    ("EC", "erasure coding"),
)


def equivalents(term: str) -> tuple[str, ...]:
    """The other names of a term in the table (compared without case or punctuation)."""
    key = _key(term)
    for row in EQUIVALENT_TERMS:
        if any(_key(name) == key for name in row):
            return tuple(name for name in row if _key(name) != key)
    return ()


def _key(term: str) -> str:
    return " ".join(stem(token.word) for token in tokenize(term))
