"""Counts in words: "1 attempt", "2 attempts", "1 day", "3 reviews"."""

from __future__ import annotations


def plural(count: int, noun: str, many: str = "") -> str:
    """`count` and the noun, singular for exactly one (`many` when the plural is irregular)."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def score_label(score: float) -> str:
    """A score as shown: at most one decimal ("98.5", "72"), whatever the record holds."""
    return f"{round(score, 1):g}"
