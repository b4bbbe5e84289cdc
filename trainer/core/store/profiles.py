"""Renaming and deleting a profile, everywhere its name is stored.

A profile's name is in the main file (profiles, settings, schedule, undo, index), in every
shard that holds its attempts, and in its drafts. One write of the main file makes the change
there and records it as pending; the shards and drafts follow, one atomic write each; a last
write of the main file clears the record. A crash in between leaves the record, and the next
opening of the store finishes the change (`finish_profile_changes`), so a profile is never left
half renamed or half deleted. Every step can be repeated: it changes only what is still old.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any

from tinydb import Query

from trainer.core.store import jsontext, shard_index
from trainer.core.store.files import BadFile, DataError, atomic_write_text, parse_json
from trainer.core.store.reading import documents

if TYPE_CHECKING:
    from trainer.core.store.database import Store

PENDING = "profile_changes"


class ProfileError(ValueError):
    """A rename or delete that cannot be done; its message is the one line to show."""


def known_names(store: Store) -> list[str]:
    """Every profile name the database holds: profiles, then names only attempts carry."""
    names = [profile.name for profile in store.profiles()]
    return names + sorted({s.profile for s in store.summaries()} - set(names))


def rename_profile(store: Store, old: str, new: str) -> str:
    """Give `old`'s history, schedule, settings and drafts to the new name (returned stripped);
    `ProfileError` when the new name is empty or taken, or `old` does not exist."""
    new = new.strip()
    names = known_names(store)
    if old not in names:
        raise ProfileError(f"no profile named {old!r}")
    if not new:
        raise ProfileError("a profile needs a name")
    if new != old and new in names:
        raise ProfileError(f"a profile named {new!r} already exists")
    if new == old:
        return new
    change = {"kind": "rename", "old": old, "new": new}
    with store.exclusive():
        with store._main() as db:
            db.table(PENDING).insert(change)
            db.table("profiles").update({"name": new}, Query().name == old)
            for table in ("settings", "schedule", "undo", "index"):
                db.table(table).update({"profile": new}, Query().profile == old)
            db.table("index").update({"interviewer": new}, Query().interviewer == old)
        _finish(store, change)
    return new


def delete_profile(store: Store, name: str) -> int:
    """Remove the profile with its attempts, review logs, schedule, settings and drafts;
    returns how many attempts went. Attempts it interviewed stay with their candidates."""
    if name not in known_names(store):
        raise ProfileError(f"no profile named {name!r}")
    attempts = len(store.summaries(name))
    change = {"kind": "delete", "name": name}
    with store.exclusive():
        with store._main() as db:
            db.table(PENDING).insert(change)
            db.table("profiles").remove(Query().name == name)
            for table in ("settings", "schedule", "undo", "index"):
                db.table(table).remove(Query().profile == name)
        _finish(store, change)
    return attempts


def finish_profile_changes(store: Store) -> None:
    """Complete the renames and deletions a crash interrupted (the caller holds the lock)."""
    for _, change in store._table(PENDING):
        _finish(store, change)


def _finish(store: Store, change: dict[str, Any]) -> None:
    """The shards' and drafts' part of a change, then its pending record cleared."""
    kind = change.get("kind")
    name = change.get("old") if kind == "rename" else change.get("name")
    new = change.get("new")
    if not isinstance(name, str) or (kind == "rename" and not isinstance(new, str)):
        kind = None  # a damaged record: nothing to finish, only to clear
    for shard in store._shard_names() if kind else []:
        tables = store._shard(shard) or {}
        held = [doc for _, doc in documents(tables.get("attempts"))]
        held += [doc for _, doc in documents(tables.get("review_logs"))]
        if not any(name in (doc.get("profile"), doc.get("interviewer")) for doc in held):
            continue  # this shard holds nothing of theirs: not rewritten
        with store._database(store._shard_path(shard)) as db:
            if kind == "rename":
                for table in ("attempts", "review_logs"):
                    db.table(table).update({"profile": new}, Query().profile == name)
                db.table("attempts").update({"interviewer": new}, Query().interviewer == name)
            else:
                for table in ("attempts", "review_logs"):
                    db.table(table).remove(Query().profile == name)
    if kind:
        _change_index(store, kind, name, new)  # type: ignore[arg-type]
        _change_drafts(store, name, new if kind == "rename" else None)  # type: ignore[arg-type]
    with store._main() as db:
        db.table(PENDING).remove(Query().fragment(change))


def _change_index(store: Store, kind: str, name: str, new: str | None) -> None:
    """The same change in each shard's index file (schema 4), where it holds the name."""
    folder = store.attempts_folder
    for shard in shard_index.index_names(folder):
        path = shard_index.index_path(folder, shard)
        try:
            tables = parse_json(path) or {}
        except (BadFile, DataError):
            continue  # the reader reports it; the shards keep the truth
        held = [doc for _, doc in documents(tables.get("index"))]
        if not any(name in (doc.get("profile"), doc.get("interviewer")) for doc in held):
            continue
        with store._database(path) as db:
            if kind == "rename":
                db.table("index").update({"profile": new}, Query().profile == name)
                db.table("index").update({"interviewer": new}, Query().interviewer == name)
            else:
                db.table("index").remove(Query().profile == name)


def _change_drafts(store: Store, name: str, new: str | None) -> None:
    """Rename (or, with `new` None, remove) the profile's drafts."""
    folder = store.paths.drafts
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("draft-*.json")):
        try:
            doc = parse_json(path)
        except (BadFile, DataError):
            continue  # a damaged draft is left for the draft store to set aside
        if not isinstance(doc, dict) or doc.get("profile") != name:
            continue
        if new is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            continue
        renamed = {**doc, "profile": new}
        if doc.get("interviewer") == name:
            renamed["interviewer"] = new
        atomic_write_text(path, jsontext.dumps(renamed))
