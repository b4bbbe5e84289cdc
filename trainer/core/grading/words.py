"""Words: tokens with their offsets, stems, and the words too common to tell concepts apart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STEMMER = snowballstemmer.stemmer("english")

# Function words: they carry grammar, not meaning. Their presence is what tells prose from a list.
FUNCTION_WORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers him his how i if in into is it its
    itself just me more most my no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them then there these
    they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours also via per since though thus yet
    may might must shall instead rather whether otherwise therefore however else either
    neither each every onto upon within without across among can't don't doesn't won't
    isn't aren't wasn't weren't didn't it's that's there's let's vs versus due
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Words so common in any technical answer that seeing one says nothing about a concept.
GENERIC_WORDS = frozenset(
    """
    use used using uses make makes made making need needs needed way ways thing things
    good better best different differ various many much lot lots one two three first
    second new old well also like just get gets got go goes going see seen say said know
    known want wants approach approaches work works working system systems data how what
    why when each approach example examples e g eg etc ie important key main able can way
    often usually always never simple simply basic basically especially specific
    specifically case cases time times
    """.split()  # noqa: SIM905 - a word list reads better as text
)


@dataclass(frozen=True)
class Token:
    """A word of the text: where it is and its lowercase form."""

    start: int
    end: int
    word: str


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Words (letters and digits) with their character offsets; punctuation separates words."""
    return [
        Token(found.start() + offset, found.end() + offset, found.group().lower())
        for found in _TOKEN.finditer(text)
    ]


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem, so that word forms meet: replicated, replicating -> replic."""
    return str(_STEMMER.stemWord(word.replace("’", "'").lower()))


def is_content_word(word: str) -> bool:
    """A word that can say something about a concept (not grammar, not generic filler)."""
    return (
        len(word) > 1
        and not word.isdigit()
        and word not in FUNCTION_WORDS
        and word not in GENERIC_WORDS
        and stem(word) not in _GENERIC_STEMS
    )


def content_stems(text: str) -> list[str]:
    """Stems of the content words of a text, in order, without repeats; a hyphenated compound
    ("write-through") also counts as one word ("writethrough"), since its parts may be empty
    words on their own."""
    seen: dict[str, None] = {}
    for token in tokenize(text):
        if is_content_word(token.word):
            seen.setdefault(stem(token.word), None)
    for compound in compound_stems(text):
        seen.setdefault(compound, None)
    return list(seen)


_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


def compound_stems(text: str) -> list[str]:
    """Stems of hyphenated compounds, written together: "Write-Through" -> "writethrough"."""
    return [stem(found.group().replace("-", "").lower()) for found in _COMPOUND.finditer(text)]


_GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)


# Hedges and vague claims: a sentence that says the system "somehow handles it" names the idea
# without stating it. Whole phrases, matched as words.
HEDGES = (
    "somehow",
    "some way",
    "some kind of",
    "some sort of",
    "something like",
    "kind of",
    "sort of",
    "i think",
    "i believe",
    "i guess",
    "i'm not sure",
    "not sure",
    "don't remember",
    "can't remember",
    "probably",
    "maybe",
    "basically",
    "magic",
    "magically",
    "stuff",
    "takes care of",
    "handles it",
    "handles that",
    "handles this",
    "deals with it",
    "make sure",
    "makes sure",
    "just works",
    "everything",
)
_HEDGE = re.compile(r"(?<![\w'’])(?:" + "|".join(re.escape(h) for h in HEDGES) + r")(?![\w'’])")


def is_hedged(text: str) -> bool:
    """Whether a passage hedges or stays vague ("somehow", "I think", "makes sure")."""
    return bool(_HEDGE.search(text.lower().replace("’", "'")))
