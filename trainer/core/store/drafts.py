"""Drafts: the attempt being typed, saved to its own small file while the user types.

A draft file holds one drill in progress and is named after the attempt id that drill will be
saved under, so two app windows on one profile each keep their own draft: one never
overwrites or deletes the other's. Saving one costs the same at any history size.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from trainer.core.store import jsontext
from trainer.core.store.convert import BadRecord, draft_from_doc, to_doc
from trainer.core.store.files import (
    BadFile,
    CorruptFile,
    atomic_write_text,
    parse_json,
    read_json,
    set_aside,
)
from trainer.core.store.records import Draft


class DraftStore:
    """The drafts in one folder, one file per drill in progress (any number per profile)."""

    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only  # then bad drafts are skipped, never moved
        # Drafts read from a file of another name (a release that kept one per profile):
        # the next save or discard of that drill retires the old file.
        self._read_from: dict[str, Path] = {}

    def path(self, attempt_id: str) -> Path:
        digest = hashlib.sha1(attempt_id.encode()).hexdigest()[:16]
        return self.folder / f"draft-{digest}.json"

    def save(self, draft: Draft) -> None:
        """Write the draft atomically (no backups: the next autosave replaces it anyway).

        Raises `WriteFailed` (a `DataError`) when the system refuses the write."""
        path = self.path(draft.attempt_id)
        atomic_write_text(path, jsontext.dumps(to_doc(draft)))
        old = self._read_from.pop(draft.attempt_id, None)
        if old is not None and old != path:
            with contextlib.suppress(OSError):
                os.unlink(old)

    def load(self, profile: str, skip: Collection[str] = ()) -> Draft | None:
        """The profile's most recently saved draft, leaving out the attempt ids in `skip`
        (drills running in other windows). A damaged draft is set aside and reported."""
        found: list[tuple[float, Draft]] = []
        for path in self._files():
            draft = self._read(path)
            if draft is None or draft.profile != profile or draft.attempt_id in skip:
                continue
            if path != self.path(draft.attempt_id):
                self._read_from[draft.attempt_id] = path
            with contextlib.suppress(OSError):
                found.append((path.stat().st_mtime, draft))
        return max(found, key=lambda pair: pair[0])[1] if found else None

    def discard(self, attempt_id: str) -> None:
        """Remove the drill's draft once its attempt is saved or abandoned."""
        for path in {self.path(attempt_id), self._read_from.pop(attempt_id, None)}:
            if path is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)

    def _files(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(p for p in self.folder.glob("draft-*.json") if p.is_file())

    def _read(self, path: Path) -> Draft | None:
        try:
            doc = (parse_json if self.read_only else read_json)(path, _draft_shape)
        except CorruptFile:
            raise
        except BadFile:
            return None  # read-only: left where it is
        if doc is None:
            return None
        try:
            return draft_from_doc(_upgraded(doc))
        except BadRecord as error:
            if self.read_only:
                return None
            raise set_aside(path, str(error)) from None


def _upgraded(doc: dict[str, Any]) -> dict[str, Any]:
    """Drafts written before 0.2 kept half their fields in an untyped `extra` bag."""
    extra = doc.pop("extra", None)
    if isinstance(extra, dict):
        doc = {**extra, **doc}
    return {key: value for key, value in doc.items() if value is not None}


def _draft_shape(doc: Any) -> str:
    if not isinstance(doc, dict) or not {"profile", "card_id", "started"} <= doc.keys():
        return "not a trainer draft"
    return ""


__all__ = ["CorruptFile", "Draft", "DraftStore"]
