"""BERT's uncased WordPiece tokenizer in pure Python, with the vocabulary shipped beside it.

The vocabulary (`vocab.txt`, 30,522 entries, Apache-2.0) is the one all-MiniLM-L6-v2 was
trained with (bert-base-uncased). The steps are BERT's: clean the text, lowercase and strip
accents, split on whitespace and punctuation (each CJK character alone), then cut every word
into the longest pieces the vocabulary has, continuing pieces prefixed with "##".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCAB = Path(__file__).with_name("vocab.txt")
MAX_WORD_CHARACTERS = 100


@dataclass(frozen=True)
class Encoding:
    """Token ids with [CLS] and [SEP] around them, and the attention mask."""

    ids: tuple[int, ...]
    mask: tuple[int, ...]


class WordPiece:
    """Turns text into the model's token ids."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.unknown = vocab["[UNK]"]
        self.cls = vocab["[CLS]"]
        self.sep = vocab["[SEP]"]
        self.pad = vocab["[PAD]"]
        self._pieces: dict[str, tuple[int, ...]] = {}

    def encode(self, text: str, max_length: int = 128) -> Encoding:
        """[CLS] pieces [SEP], cut to `max_length` ids."""
        ids: list[int] = [self.cls]
        for word in basic_tokens(text):
            ids.extend(self._word_ids(word))
            if len(ids) >= max_length - 1:
                break
        ids = [*ids[: max_length - 1], self.sep]
        return Encoding(tuple(ids), (1,) * len(ids))

    def _word_ids(self, word: str) -> tuple[int, ...]:
        known = self._pieces.get(word)
        if known is None:
            known = self._pieces[word] = self._split(word)
        return known

    def _split(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARACTERS:
            return (self.unknown,)
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return (self.unknown,)
            pieces.append(found)
            start = end
        return tuple(pieces)


@cache
def wordpiece() -> WordPiece:
    """The shipped tokenizer (the vocabulary is read once)."""
    lines = VOCAB.read_text(encoding="utf-8").split("\n")
    return WordPiece({token: index for index, token in enumerate(lines) if token})


def basic_tokens(text: str) -> list[str]:
    """BERT's basic tokenizer: cleaned, lowercased, accents stripped, punctuation split off."""
    cleaned = []
    for character in text:
        code = ord(character)
        if code == 0 or code == 0xFFFD or _is_control(character):
            continue
        if _is_cjk(code):
            cleaned.append(f" {character} ")
        else:
            cleaned.append(" " if _is_whitespace(character) else character)
    tokens: list[str] = []
    for word in "".join(cleaned).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(c for c in word if unicodedata.category(c) != "Mn")
        current = ""
        for character in word:
            if _is_punctuation(character):
                if current:
                    tokens.append(current)
                    current = ""
                tokens.append(character)
            else:
                current += character
        if current:
            tokens.append(current)
    return tokens


def _is_whitespace(character: str) -> bool:
    return character in " \t\n\r" or unicodedata.category(character) == "Zs"


def _is_control(character: str) -> bool:
    if character in "\t\n\r":
        return False
    return unicodedata.category(character).startswith("C")


def _is_punctuation(character: str) -> bool:
    code = ord(character)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(character).startswith("P")


def _is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )
