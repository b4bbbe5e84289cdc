"""The index of attempts, one small file per shard (schema 4).

Until schema 3 the main file held the summary of every attempt, so every save rewrote a file
that grew with the whole history. Now the summaries of shard `NNNN` live beside it in
`NNNN.index.json` (a TinyDB file with one table, `index`): a save rewrites its shard, that
shard's index and (when it reschedules) the main file, none of which grows with the history.

The main file's own `index` table is still read: a schema 3 file or a restored backup holds
the index there until the next opening for writing moves it out, and an entry whose
shard name is impossible stays there to be reported, never dropped (`move_out`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from trainer.core.store import migrations
from trainer.core.store.files import CorruptFile, read_json, tinydb_shape
from trainer.core.store.reading import documents

INDEX_SUFFIX = ".index.json"

WriteTables = Callable[[Path, dict[str, list[dict[str, Any]]]], None]


def index_path(folder: Path, shard: str) -> Path:
    """The index file of one shard."""
    return folder / f"{shard}{INDEX_SUFFIX}"


def index_names(folder: Path) -> list[str]:
    """The shards that have an index file, in order."""
    if not folder.is_dir():
        return []
    names = []
    for entry in folder.iterdir():
        if entry.name.endswith(INDEX_SUFFIX):
            shard = entry.name[: -len(INDEX_SUFFIX)]
            if migrations.SHARD_NAME.match(shard):
                names.append(shard)
    return sorted(names)


Docs = list[dict[str, Any]]


def group_by_shard(docs: Docs) -> tuple[dict[str, Docs], Docs]:
    """Index entries by the shard they name; those naming no possible shard apart."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    impossible = []
    for doc in docs:
        shard = doc.get("shard")
        if isinstance(shard, str) and migrations.SHARD_NAME.match(shard):
            grouped.setdefault(shard, []).append(doc)
        else:
            impossible.append(doc)
    return grouped, impossible


def merged(existing: list[dict[str, Any]], extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`existing` and whatever of `extra` it does not list yet (by id), in that order."""
    ids = {doc.get("id") for doc in existing}
    return existing + [doc for doc in extra if doc.get("id") not in ids]


def docs_of(data: dict[str, Any]) -> Docs:
    """The index entries a main file holds itself."""
    return [doc for _, doc in documents(data.get("index"))]


def move_out(folder: Path, docs: Docs, write_tables: WriteTables) -> Docs | None:
    """Write index entries into their shards' index files (merged by id with what those hold);
    returns the entries that must stay in the main file (naming no possible shard), or None
    when there was nothing to move."""
    grouped, impossible = group_by_shard(docs)
    if not grouped:
        return None
    for shard, entries in grouped.items():
        path = index_path(folder, shard)
        existing = [doc for _, doc in documents(_tables(path).get("index"))]
        write_tables(path, {"index": merged(existing, entries)})
    return impossible


def raw_docs(folder: Path, shard: str) -> Docs:
    """The entries of one shard's index file as stored, unchecked (an unreadable file: none)."""
    return [doc for _, doc in documents(_tables(index_path(folder, shard)).get("index"))]


def _tables(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = read_json(path, tinydb_shape) or {}
    except CorruptFile:
        return {}  # set aside (kept); the main file's entries make a fresh one
    return data
