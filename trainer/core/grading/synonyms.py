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
