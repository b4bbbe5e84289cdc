"""Replacing the whole database in one step, for `restore`.

The new shards are written into a new folder beside the old ones; then the main file, which
names its shard folder, is atomically replaced: that rename is the switch. A crash before it
leaves the old database whole (its main file names its own folder), a crash after it the new
one. Afterwards the old shard folder is moved into the "before restore" folder, where the old
main file already is (a hard link made before the switch), so `trainer restore` of that folder
brings it back.

A journal in the "before restore" folder lets the next writer finish or undo an interrupted
restore: switched (the database's identity changed), the old shards are moved in; not
switched, the half-written new folder and the journal's folder are removed (the archive it came
from is still there). Every step is done under the store's lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from trainer.core.store.files import (
    FILE_MODE,
    atomic_write_text,
    fsync_directory,
    private_folder,
)
from trainer.core.store.paths import StorePaths

JOURNAL = "restore.json"
KEPT_PREFIX = "before-restore-"


@dataclass(frozen=True)
class Plan:
    """One restore: where the replaced database goes, and which shard folders are involved."""

    kept: str  # the "before restore" folder, inside backups/
    old_attempts: str  # the shard folder the replaced database names
    new_attempts: str  # the one the new database names (the same when no shards come)
    old_identity: str  # the replaced database's identity ("" when there was none)
    moves_shards: bool


def begin(paths: StorePaths, old_attempts: str, old_identity: str, with_shards: bool) -> Plan:
    """Make the "before restore" folder (a unique name), its journal and the link to the
    current main file. Nothing the database reads has changed yet."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    token = secrets.token_hex(4)
    new = f"attempts-{stamp}-{token}" if with_shards else old_attempts
    plan = Plan(f"{KEPT_PREFIX}{stamp}-{token}", old_attempts, new, old_identity, with_shards)
    kept = paths.backups / plan.kept
    private_folder(paths.backups)
    kept.mkdir(mode=0o700)  # a unique name: two restores never share one
    atomic_write_text(kept / JOURNAL, json.dumps(asdict(plan)))
    if paths.main.exists():
        try:
            os.link(paths.main, kept / paths.main.name)
        except OSError:
            shutil.copyfile(paths.main, kept / paths.main.name)
            os.chmod(kept / paths.main.name, FILE_MODE)
    fsync_directory(kept)
    return plan


def new_shard_folder(paths: StorePaths, plan: Plan) -> Path:
    folder = paths.folder / plan.new_attempts
    if plan.moves_shards:
        private_folder(folder)
    return folder


def finish(paths: StorePaths, plan: Plan) -> None:
    """After the switch: move the old shards in beside the old main file, drop the journal."""
    kept = paths.backups / plan.kept
    old = paths.folder / plan.old_attempts
    if plan.moves_shards and plan.old_attempts != plan.new_attempts and old.is_dir():
        target = kept / "attempts"
        if not target.exists():
            os.replace(old, target)
            fsync_directory(paths.folder)
            fsync_directory(kept)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(kept / JOURNAL)
    fsync_directory(kept)


def undo(paths: StorePaths, plan: Plan, current_attempts: str) -> None:
    """Before the switch: remove what the interrupted restore made (never a folder in use)."""
    new = paths.folder / plan.new_attempts
    if plan.moves_shards and plan.new_attempts not in {current_attempts, plan.old_attempts}:
        shutil.rmtree(new, ignore_errors=True)
    shutil.rmtree(paths.backups / plan.kept, ignore_errors=True)
    fsync_directory(paths.backups)


def recover(paths: StorePaths, current_identity: str, current_attempts: str) -> list[str]:
    """Finish or undo every interrupted restore; returns what was done, in words."""
    done: list[str] = []
    if not paths.backups.is_dir():
        return done
    for journal in sorted(paths.backups.glob(f"{KEPT_PREFIX}*/{JOURNAL}")):
        try:
            plan = Plan(**json.loads(journal.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            continue  # not a journal we wrote: left alone
        if current_identity and current_identity != plan.old_identity:
            finish(paths, plan)
            done.append(f"finished the interrupted restore (kept {journal.parent})")
        else:
            undo(paths, plan, current_attempts)
            done.append("undid an interrupted restore (the database is as it was)")
    return done
