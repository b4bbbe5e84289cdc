"""Find what a command was asked about: a card by id or path, an answer from a file or stdin."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from trainer.core.cards.bank import load_cached_bank
from trainer.core.cards.limits import MAX_ANSWER_CHARACTERS
from trainer.core.cards.model import Card
from trainer.core.cards.parser import load_card
from trainer.core.terminal_text import visible


def resolve_card(reference: str, roots: Sequence[Path]) -> tuple[Card, str] | tuple[None, str]:
    """The card named by a path or an id in the bank; or None and a one-line reason."""
    path = Path(reference)
    if path.suffix in {".md", ".txt"} or path.is_file():
        if not path.exists():
            return None, visible(f"card file {reference} does not exist")
        loaded = load_card(path)  # refuses a FIFO, a device or an oversized file, unread
        if loaded.card is None:
            return None, str(loaded.errors[0])
        return loaded.card, ""
    card = load_cached_bank(roots).by_id(reference)
    if card is None:
        return None, f"unknown card {reference!r} (see `trainer bank list`)"
    return card, ""


def read_answer(source: str, stdin: TextIO) -> tuple[str, str]:
    """The answer text from a file or `-` (stdin); or "" and a one-line reason."""
    limit = MAX_ANSWER_CHARACTERS
    if source == "-":
        text = stdin.read(limit + 1)
        where = "the answer on standard input"
    else:
        where = visible(f"answer file {source}")
        try:
            # A pipe is fine (`<(command)`): read as a stream, never more than the limit.
            with Path(source).open(encoding="utf-8-sig") as file:
                text = file.read(limit + 1)
        except FileNotFoundError:
            return "", f"{where} does not exist"
        except UnicodeDecodeError:
            return "", f"{where} is not UTF-8 text"
        except OSError as error:
            return "", f"cannot read {where}: {visible(error.strerror or str(error))}"
    if len(text) > limit:
        return "", f"{where} is longer than {limit:,} characters (the limit)"
    if not text.strip():
        return "", f"{where} is empty"
    return text, ""
