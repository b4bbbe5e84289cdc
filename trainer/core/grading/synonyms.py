"""Words of the field that say the same thing, so a paraphrase still counts as evidence.

Each row is a family; a concept's cue word also accepts the other words of its family, at a
reduced weight. Kept deliberately small: near-synonyms only, never merely related words.
"""

from __future__ import annotations

from functools import cache

from trainer.core.grading.words import stem

FAMILIES: tuple[tuple[str, ...], ...] = (
    ("resolve", "resolution", "reconcile", "reconciliation", "handle"),
    ("isolation", "isolate", "separate", "separation", "dedicated", "interference"),
    ("failure", "crash", "fault", "outage"),
    ("leader", "primary", "master", "coordinator"),
    ("follower", "backup", "secondary"),
    ("majority", "quorum"),
    ("vote", "ballot"),
    ("durable", "durability", "persist", "persistent"),
    ("order", "sequence", "sequential"),
    ("cost", "expense", "price", "spend", "economics"),
    ("partition", "shard"),
    ("stale", "outdated"),
    ("heartbeat", "ping", "keepalive"),
    ("idempotent", "idempotency", "deduplicate", "dedup", "duplicate"),
    ("retry", "resend", "redeliver"),
    ("compensate", "compensation", "undo", "rollback", "revert"),
    ("expire", "expiry", "expiration", "ttl"),
    ("invalidate", "invalidation", "evict", "purge"),
    ("latency", "delay", "lag"),
    ("throughput", "bandwidth"),
    ("consistency", "consistent", "acid", "linearizable", "linearizability"),
    ("lock", "mutex"),
    ("stream", "streaming", "realtime"),
    ("node", "server", "machine", "host", "instance"),
    ("replica", "copy", "copies"),
    ("write", "update", "mutation", "modify"),
    ("read", "query", "lookup", "fetch"),
    ("timeout", "deadline"),
    ("log", "journal"),
    ("snapshot", "checkpoint"),
    ("recover", "recovery", "restore", "replay"),
    ("delete", "remove", "drop", "erase"),
    ("fast", "quick", "cheap"),
    ("slow", "expensive", "costly"),
    ("increase", "grow", "raise", "rise"),
    ("decrease", "shrink", "reduce", "lower"),
    ("guarantee", "ensure", "promise"),
    ("conflict", "collision", "clash"),
    ("concurrent", "parallel", "simultaneous"),
    ("acknowledge", "acknowledgement", "ack", "confirm"),
    ("request", "call", "invocation"),
    ("response", "reply", "answer"),
    ("disk", "storage", "ssd"),
    ("memory", "ram"),
    ("merge", "combine", "compaction", "compact"),
    ("block", "stall", "wait"),
    ("throttle", "backpressure", "limit"),
    ("unique", "distinct"),
    ("previous", "earlier", "prior", "older"),
    ("message", "event", "record"),
    ("transaction", "txn"),
    ("table", "relation"),
    ("unavailable", "downtime", "unreachable"),
    ("overload", "saturate", "saturation"),
    ("drift", "skew"),
    ("atomic", "atomically", "indivisible"),
    ("queue", "buffer", "backlog"),
    ("scan", "iterate", "traverse"),
    ("sort", "sorted", "ordered"),
    ("mode", "state"),
    ("owner", "holder"),
    ("wrong", "incorrect", "invalid"),
    ("lose", "loss", "lost"),
    ("corrupt", "corruption", "damage"),
)


@cache
def _family_of() -> dict[str, frozenset[str]]:
    families: dict[str, frozenset[str]] = {}
    for row in FAMILIES:
        stems = frozenset(stem(word) for word in row)
        for word_stem in stems:
            families[word_stem] = families.get(word_stem, frozenset()) | stems
    return families


def synonyms(word_stem: str) -> frozenset[str]:
    """Other stems of the same family (empty when the word has none)."""
    return _family_of().get(word_stem, frozenset()) - {word_stem}
