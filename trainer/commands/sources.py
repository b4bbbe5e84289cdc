"""Find what a command was asked about: a card by id or path, an answer from a file or stdin."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from trainer.core.cards.bank import load_bank
from trainer.core.cards.model import Card
from trainer.core.cards.parser import load_card


def resolve_card(reference: str, roots: Sequence[Path]) -> tuple[Card, str] | tuple[None, str]:
    """The card named by a path or an id in the bank; or None and a one-line reason."""
    path = Path(reference)
    if path.suffix in {".md", ".txt"} or path.is_file():
        if not path.is_file():
            return None, f"card file {reference} does not exist"
        loaded = load_card(path)
        if loaded.card is None:
            return None, str(loaded.errors[0])
        return loaded.card, ""
    card = load_bank(roots).by_id(reference)
    if card is None:
        return None, f"unknown card {reference!r} (see `trainer bank list`)"
    return card, ""


def read_answer(source: str, stdin: TextIO) -> tuple[str, str]:
    """The answer text from a file or `-` (stdin); or "" and a one-line reason."""
    if source == "-":
        text = stdin.read()
        where = "the answer on standard input"
    else:
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            return "", f"answer file {source} does not exist"
        except UnicodeDecodeError:
            return "", f"answer file {source} is not UTF-8 text"
        except OSError as error:
            return "", f"cannot read answer file {source}: {error.strerror or error}"
        where = f"answer file {source}"
    if not text.strip():
        return "", f"{where} is empty"
    return text, ""
