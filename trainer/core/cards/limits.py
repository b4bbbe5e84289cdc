"""How big a card, a bank and an answer may be (documented in the README under "Limits").

Cards come from shared folders, so one careless or hostile file must not stall the app: past a
limit the card is refused with one line naming the limit, the walk of a bank stops and says
where, and live analysis reads only the start of a very long answer. Each limit is well above
anything in the bundled bank and the public corpus (largest card 13 KB, longest keyword 42
characters, at most 38 keywords and 13 concepts on a card, folders 3 deep).
"""

from __future__ import annotations

MAX_CARD_BYTES = 256 * 1024
"""A card file's size; a larger file is refused before it is read."""

MAX_KEYWORD_CHARACTERS = 100
"""One keyword or alias."""

MAX_KEYWORDS = 300
"""Keywords and aliases of one card together."""

MAX_CONCEPTS = 60
"""Core and bonus concepts of one card together."""

MAX_BANK_DEPTH = 8
"""Folders below a bank root that are searched for cards."""

MAX_BANK_FILES = 10_000
"""Card files loaded from one bank root."""

MAX_BANK_ENTRIES = 100_000
"""Directory entries looked at under one bank root (files and folders, cards or not)."""

MAX_ANALYSED_CHARACTERS = 20_000
"""The start of an answer that is analysed and scored (about 3,000 words); the rest is kept."""

MAX_ANSWER_CHARACTERS = 4_000_000
"""An answer read by `trainer score` (from a file or standard input)."""


def size_in_words(size: int) -> str:
    """A byte count for a message: "256 KiB", "47.7 MiB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB"
    if size >= 1024:
        return f"{size // 1024} KiB"
    return f"{size} bytes"
