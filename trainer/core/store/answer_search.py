"""Which attempts' answers hold a word, read one shard at a time.

The history's free words search the answers too. Holding every answer's words in memory took
265 MB at 50,000 attempts (and ten seconds to read), so nothing is kept: each search reads the
shards again, newest first, and most of a shard is skipped without parsing it. A word that is
plain ASCII appears in a shard's bytes (lowered) whenever an answer in it holds the word, so a
shard whose bytes lack every word is not parsed at all; the rest are decoded by msgspec into the
text fields alone, with the tolerant JSON path for whatever msgspec refuses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from trainer.core.store.files import DataError, parse_json, tinydb_shape
from trainer.core.store.reading import documents

# Letters, digits and the punctuation JSON writes as it is: such a word is found in the raw
# bytes whenever it is in the text (escapes only touch quotes, backslashes and control bytes).
_RAW_SAFE = re.compile(r"[ -!#-\[\]-~]+\Z")
TEXT_FIELDS = ("answer", "notes", "follow_up_question", "follow_up_answer", "bar_raiser_answer")


class _Reply(msgspec.Struct):
    question: str = ""
    answer: str = ""


class _Texts(msgspec.Struct):
    id: str = ""
    answer: str = ""
    notes: str = ""
    follow_up_question: str = ""
    follow_up_answer: str = ""
    bar_raiser_answer: str = ""
    replies: list[_Reply] = []


class _Shard(msgspec.Struct):
    attempts: dict[str, _Texts] = {}


_DECODER = msgspec.json.Decoder(_Shard)

Hits = dict[str, set[str]]  # a searched word -> the ids of the attempts whose answers hold it


def search_shard(path: Path, words: Sequence[str]) -> Hits:
    """For each of `words` (lower case), the attempts of this shard whose answer, notes,
    follow-up questions or replies hold it (inside a word, in any case).

    Raises `DataError` when the shard cannot be read at all."""
    hits: Hits = {word: set() for word in words}
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return hits
    except OSError as error:
        raise DataError(f"could not read {path}: {error.strerror}") from None
    lowered = data.lower()
    wanted = [w for w in words if not _RAW_SAFE.match(w) or w.encode() in lowered]
    if not wanted:
        return hits
    for attempt_id, texts in _texts_of(path, data):
        lowered_texts = [text.lower() for text in texts]
        for word in wanted:
            if any(word in text for text in lowered_texts):
                hits[word].add(attempt_id)
    return hits


def _texts_of(path: Path, data: bytes) -> Iterable[tuple[str, list[str]]]:
    try:
        shard = _DECODER.decode(data)
    except msgspec.DecodeError:  # not plain: the tolerant path, text fields that are text
        return _tolerant_texts(path)
    return [
        (
            t.id,
            [t.answer, t.notes, t.follow_up_question, t.follow_up_answer, t.bar_raiser_answer]
            + [part for reply in t.replies for part in (reply.question, reply.answer)],
        )
        for t in shard.attempts.values()
        if t.id
    ]


def _tolerant_texts(path: Path) -> list[tuple[str, list[str]]]:
    tables = parse_json(path, tinydb_shape) or {}  # DataError (BadFile) when it cannot
    found = []
    for _, doc in documents(tables.get("attempts")):
        attempt_id = doc.get("id")
        if isinstance(attempt_id, str) and attempt_id:
            found.append((attempt_id, _strings(doc)))
    return found


def _strings(doc: dict[str, Any]) -> list[str]:
    texts = [doc.get(name) for name in TEXT_FIELDS]
    replies = doc.get("replies")
    for reply in replies if isinstance(replies, list) else ():
        if isinstance(reply, dict):
            texts += [reply.get("question"), reply.get("answer")]
    return [text for text in texts if isinstance(text, str)]
