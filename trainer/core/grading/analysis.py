"""A whole answer as chunks (sentences, list items, paragraphs), re-analysed as the user types.

Each keystroke changes one place of the text. The scanner finds the chunks around the change,
cuts only that stretch again and analyses only chunks it has not seen, so the cost of a
keystroke follows the edited sentence, not the length of the answer.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from trainer.core.grading.matching import ChunkAnalysis, KeywordHit, KeywordMatcher, Tier

# A sentence ends at . ! or ? (not "1." of a numbered item), a paragraph at a blank line, and a
# list item where the next line starts another item.
_CHUNK_BREAK = re.compile(r"(?<!\d[.!?])(?<=[.!?])\s+(?=\S)|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)")


_NEWLINE = re.compile("\n")


def split_chunks(text: str, base: int = 0) -> list[tuple[int, str]]:
    """(offset, text) of each non-blank sentence, list item or paragraph of `text`."""
    chunks = []
    start = 0
    for found in _CHUNK_BREAK.finditer(text):
        chunks.append((start + base, text[start : found.start()]))
        start = found.end()
    chunks.append((start + base, text[start:]))
    return [(offset, chunk) for offset, chunk in chunks if chunk.strip()]


@dataclass(frozen=True)
class TextAnalysis:
    """An answer's chunks in order, each with its offset in the answer."""

    chunks: tuple[tuple[int, ChunkAnalysis], ...]
    text: str = ""
    """The whole answer the chunks were cut from."""

    @cached_property
    def hits(self) -> list[KeywordHit]:
        """Every keyword hit, with offsets in the whole answer."""
        return [
            KeywordHit(
                h.keyword, h.tier, h.group, h.start + offset, h.end + offset, h.text, h.exact
            )
            for offset, chunk in self.chunks
            for h in chunk.hits
        ]

    @property
    def words(self) -> int:
        """Words of the whole answer."""
        return sum(chunk.words for _, chunk in self.chunks)


def analyze_text(matcher: KeywordMatcher, text: str) -> TextAnalysis:
    """Analyse a whole text at once (no cache)."""
    return TextAnalysis(
        tuple((offset, matcher.analyze(chunk)) for offset, chunk in split_chunks(text)), text
    )


class IncrementalScanner:
    """Analyses a text that changes a little at a time, re-reading only the changed chunks."""

    def __init__(self, matcher: KeywordMatcher) -> None:
        self.matcher = matcher
        self._text = ""
        self._chunks: list[tuple[int, str]] = []
        self._analyses: dict[str, ChunkAnalysis] = {}

    def scan(self, text: str) -> TextAnalysis:
        """The analysis of `text`, reusing everything the previous call saw."""
        chunks = self._rechunk(text)
        analyses: dict[str, ChunkAnalysis] = {}
        ordered = []
        for offset, chunk_text in chunks:
            analysis = analyses.get(chunk_text) or self._analyses.get(chunk_text)
            if analysis is None:
                analysis = self.matcher.analyze(chunk_text)
            analyses[chunk_text] = analysis
            ordered.append((offset, analysis))
        self._text, self._chunks, self._analyses = text, chunks, analyses
        return TextAnalysis(tuple(ordered), text)

    def _rechunk(self, text: str) -> list[tuple[int, str]]:
        old, chunks = self._text, self._chunks
        if not chunks:
            return split_chunks(text)
        prefix = _common_prefix(old, text)
        suffix = _common_suffix(old, text, limit=min(len(old), len(text)) - prefix)
        old_end = len(old) - suffix  # the change is old[prefix:old_end] -> text[prefix:new_end]
        delta = len(text) - len(old)
        # Re-cut from the chunk before the change to the chunk after it: an edit may create or
        # remove a sentence break right at a chunk's edge.
        first = max(0, _chunk_at(chunks, prefix) - 1)
        last = min(len(chunks) - 1, _chunk_at(chunks, old_end) + 1)
        start = chunks[first][0] if first > 0 else 0
        is_last = last == len(chunks) - 1
        stop_old = len(old) if is_last else chunks[last][0] + len(chunks[last][1])
        stop_new = stop_old + delta
        middle = split_chunks(text[start:stop_new], start)
        after = [(offset + delta, chunk) for offset, chunk in chunks[last + 1 :]]
        return chunks[:first] + middle + after


def _chunk_at(chunks: list[tuple[int, str]], position: int) -> int:
    """Index of the last chunk starting at or before `position` (0 if none)."""
    low, high = 0, len(chunks)
    while low < high:
        middle = (low + high) // 2
        if chunks[middle][0] <= position:
            low = middle + 1
        else:
            high = middle
    return max(0, low - 1)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by binary search over C-speed slice comparisons."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, max(0, limit)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True)
class LineSpan:
    """A keyword hit cut to one line of the text: columns [start, end) and the hit's tier."""

    start: int
    end: int
    tier: Tier


def spans_by_line(text: str, hits: list[KeywordHit]) -> dict[int, list[LineSpan]]:
    """Map hits (character offsets in `text`) to per-line column spans, for painting an editor.

    A hit across a line break becomes one span on each line it touches."""
    line_starts = [0, *(found.end() for found in _NEWLINE.finditer(text))]
    spans: dict[int, list[LineSpan]] = {}
    for hit in hits:
        line = bisect.bisect_right(line_starts, hit.start) - 1
        position = hit.start
        while position < hit.end and line < len(line_starts):
            line_start = line_starts[line]
            line_end = line_starts[line + 1] - 1 if line + 1 < len(line_starts) else len(text)
            end = min(hit.end, line_end)
            if end > position:
                spans.setdefault(line, []).append(
                    LineSpan(position - line_start, end - line_start, hit.tier)
                )
            line += 1
            position = line_starts[line] if line < len(line_starts) else hit.end
    return spans
