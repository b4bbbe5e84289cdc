"""Keyword spans: compile once per card, then find keywords in a chunk of text.

Keywords match whole words, forgiving case, punctuation, hyphens, word forms (by stem), typos in
long words and acronyms; commands match exactly as written. `analysis.py` cuts a whole answer
into chunks and keeps their analyses while the user types.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import Levenshtein

from trainer.core.cards.model import Card
from trainer.core.grading.acronyms import equivalents
from trainer.core.grading.words import FUNCTION_WORDS, Token, is_hedged, stem, tokenize

_COMMAND_HINT = re.compile(r"(?:^|\s)--?\w|[|/=<>$]")
_LIST_SEPARATORS = re.compile(r"[,;\n•|]")
# Marks that relate two terms in a terse note: arrows, "=", "+", comparisons ("a << b").
_RELATION = re.compile(r"->|→|=>|⇒|<-|←|↔|(?<=\w)\s*[=+<>]+\s*(?=\w)")
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
_MAX_JOINED = 2  # "trade offs" may be typed for "tradeoffs": join at most two words


class Tier(StrEnum):
    """Keywords of the core concepts and of the bonus concepts score differently."""

    CORE = "core"
    BONUS = "bonus"


@dataclass(frozen=True)
class Keyword:
    """A keyword to look for, with its tier, its group's label and its other names."""

    text: str
    tier: Tier
    group: str
    aliases: tuple[str, ...] = ()

    @property
    def is_command(self) -> bool:
        """Shell commands and flags match as written, never fuzzily."""
        return "command" in self.group.lower() or bool(_COMMAND_HINT.search(self.text))


@dataclass(frozen=True)
class KeywordHit:
    """One match: which keyword, where in the text, what was typed, and whether exactly."""

    keyword: str
    tier: Tier
    group: str
    start: int
    end: int
    text: str
    exact: bool


@dataclass(frozen=True)
class ChunkAnalysis:
    """What one chunk says: keyword hits (offsets within the chunk), stems, whether it is prose."""

    text: str
    hits: tuple[KeywordHit, ...]
    stems: frozenset[str]
    words: int
    is_prose: bool
    states: bool = False
    """Prose, or a terse note that relates its terms (arrows, "=", "+"): not a bare list."""
    forms: tuple[tuple[str, str], ...] = ()
    """(stem, the word as typed) for each stem of the chunk, first occurrence first."""
    hedged: bool = False
    """The chunk hedges or stays vague (`words.is_hedged`)."""


def allowed_typos(word: str) -> int:
    """Edits forgiven in a word: none up to 5 letters (raft is not draft), 1 up to 11, then 2."""
    if len(word) <= 5:
        return 0
    return 1 if len(word) <= 11 else 2


class Lexicon:
    """The words a card cares about; maps a typed word to the stem it stands for."""

    def __init__(self, words: Iterable[str]) -> None:
        self.stems: set[str] = set()
        self.words: set[str] = set()
        for word in words:
            self.words.add(word)
            self.stems.add(stem(word))
        self._by_initial: dict[str, list[str]] = {}
        # In a fixed order: of two words a typo is as close to ("site": "side", "size"), the
        # first wins, and the verdict must not change with the interpreter's hash seed.
        for known in sorted(self.stems | self.words):
            self._by_initial.setdefault(known[0], []).append(known)
        self._cache: dict[str, str | None] = {}

    def canonical(self, word: str) -> str | None:
        """The lexicon's stem this typed word stands for, or None when it is not one of ours."""
        if word not in self._cache:
            self._cache[word] = self._resolve(word)
        return self._cache[word]

    def _resolve(self, word: str) -> str | None:
        word_stem = stem(word)
        if word_stem in self.stems:
            return word_stem
        limit = allowed_typos(word)
        if limit == 0:
            return None
        best: tuple[int, str] | None = None
        for known in self._by_initial.get(word[0], ()):
            if abs(len(known) - len(word)) > limit + 1:
                continue
            distance = min(
                Levenshtein.distance(word, known, score_cutoff=limit),
                Levenshtein.distance(word_stem, known, score_cutoff=limit),
            )
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, known)
        if best is None:
            return None
        known = best[1]
        return known if known in self.stems else stem(known)


@dataclass(frozen=True)
class _Variant:
    keyword: Keyword
    stems: tuple[str, ...]
    letters: str  # what an exact match spells, without case, spaces or punctuation


class KeywordMatcher:
    """Compiled once per card: finds keyword hits and the card's words in a chunk of text."""

    def __init__(self, keywords: Sequence[Keyword], extra_words: Iterable[str] = ()) -> None:
        self.keywords = tuple(keywords)
        self._commands = [
            (keyword, _command_pattern(keyword.text))
            for keyword in self.keywords
            if keyword.is_command
        ]
        variants: list[tuple[Keyword, str, bool]] = []
        for keyword in self.keywords:
            if keyword.is_command:
                continue
            variants.append((keyword, keyword.text, False))
            names = (*keyword.aliases, *equivalents(keyword.text))
            variants.extend((keyword, name, True) for name in names)
        words = [token.word for _, text, _ in variants for token in tokenize(text)]
        words += [token.word for word in extra_words for token in tokenize(word)]
        words += ["".join(token.word for token in tokenize(text)) for _, text, _ in variants]
        self.lexicon = Lexicon(words)
        self._by_first: dict[str, list[_Variant]] = {}
        for keyword, text, is_alias in variants:
            tokens = tokenize(text)
            if not tokens:
                continue
            sequences = {tuple(stem(token.word) for token in tokens)}
            if len(tokens) > 1:  # "trade-off" also matches "tradeoff"
                sequences.add((stem("".join(token.word for token in tokens)),))
            for sequence in sequences:
                letters = _letters(keyword.text) if not is_alias else ""
                self._by_first.setdefault(sequence[0], []).append(
                    _Variant(keyword, sequence, letters)
                )
        for candidates in self._by_first.values():
            candidates.sort(key=lambda variant: (-len(variant.stems), not variant.letters))

    def analyze(self, text: str) -> ChunkAnalysis:
        """Hits and stems of one chunk of text (a sentence, list item or paragraph)."""
        tokens = tokenize(text)
        canon = [self.lexicon.canonical(token.word) for token in tokens]
        hits = self._word_hits(text, tokens, canon)
        hits += self._command_hits(text)
        hits.sort(key=lambda hit: hit.start)
        forms: dict[str, str] = {}
        for token, resolved in zip(tokens, canon, strict=True):
            forms.setdefault(resolved or stem(token.word), text[token.start : token.end])
        for found in _COMPOUND.finditer(text):
            forms.setdefault(stem(found.group().replace("-", "").lower()), found.group())
        prose = is_prose(text, tokens)
        return ChunkAnalysis(
            text,
            tuple(hits),
            frozenset(forms),
            len(tokens),
            prose,
            prose or states_relation(text, tokens),
            tuple(forms.items()),
            is_hedged(text),
        )

    def _word_hits(
        self, text: str, tokens: list[Token], canon: list[str | None]
    ) -> list[KeywordHit]:
        hits: list[KeywordHit] = []
        index = 0
        while index < len(tokens):
            found = self._match_at(canon, index)
            if found is None:
                found = self._match_joined(tokens, index)
            if found is None:
                index += 1
                continue
            variant, length = found
            first, last = tokens[index], tokens[index + length - 1]
            keyword = variant.keyword
            typed = text[first.start : last.end]
            hits.append(
                KeywordHit(
                    keyword=keyword.text,
                    tier=keyword.tier,
                    group=keyword.group,
                    start=first.start,
                    end=last.end,
                    text=typed,
                    exact=_letters(typed) == variant.letters,
                )
            )
            index += length
        return hits

    def _match_at(self, canon: list[str | None], index: int) -> tuple[_Variant, int] | None:
        first = canon[index]
        if first is None:
            return None
        for variant in self._by_first.get(first, ()):
            length = len(variant.stems)
            if tuple(canon[index : index + length]) == variant.stems:
                return variant, length
        return None

    def _match_joined(self, tokens: list[Token], index: int) -> tuple[_Variant, int] | None:
        if index + _MAX_JOINED > len(tokens):
            return None
        joined = "".join(token.word for token in tokens[index : index + _MAX_JOINED])
        resolved = self.lexicon.canonical(joined)
        for variant in self._by_first.get(resolved or "", ()):
            if len(variant.stems) == 1:
                return variant, _MAX_JOINED
        return None

    def _command_hits(self, text: str) -> list[KeywordHit]:
        return [
            KeywordHit(
                keyword=keyword.text,
                tier=keyword.tier,
                group=keyword.group,
                start=found.start(),
                end=found.end(),
                text=found.group(),
                exact=True,
            )
            for keyword, pattern in self._commands
            for found in pattern.finditer(text)
        ]


def is_prose(text: str, tokens: Sequence[Token]) -> bool:
    """A sentence rather than a list of terms: lists are short items with almost no grammar."""
    if len(tokens) < 3:
        return False
    items = [item for item in _LIST_SEPARATORS.split(text) if item.strip()]
    function_share = sum(token.word in FUNCTION_WORDS for token in tokens) / len(tokens)
    looks_like_list = len(items) >= 3 and len(tokens) / len(items) <= 3 and function_share < 0.15
    return not looks_like_list


def states_relation(text: str, tokens: Sequence[Token]) -> bool:
    """A terse note that relates terms ("watch fires -> re-list", "min seq = leader")."""
    return len(tokens) >= 2 and bool(_RELATION.search(text))


def _letters(text: str) -> str:
    return "".join(character for character in text.lower() if character.isalnum())


def _command_pattern(command: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in command.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?=[\s.,;:!?)\]]|$)")


def keywords_of(card: Card) -> list[Keyword]:
    """The card's keywords, core then bonus, each once, with the card's aliases attached."""
    aliases = {name.lower(): tuple(names) for name, names in card.aliases.items()}
    keywords: list[Keyword] = []
    seen: set[str] = set()
    for tier, groups in ((Tier.CORE, card.core_keywords), (Tier.BONUS, card.bonus_keywords)):
        for group in groups:
            for word in group.keywords:
                if word.lower() not in seen:
                    seen.add(word.lower())
                    keywords.append(Keyword(word, tier, group.label, aliases.get(word.lower(), ())))
    return keywords


def compile_card(card: Card) -> KeywordMatcher:
    """The matcher for a card: its keywords, plus the words of its concepts for coverage."""
    concept_text = [
        f"{concept.name} {concept.description}"
        for concept in (*card.core_concepts, *card.bonus_concepts)
    ]
    return KeywordMatcher(keywords_of(card), concept_text)
