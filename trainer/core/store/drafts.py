"""Drafts: the attempt being typed, saved to its own small file while the user types.

A draft file holds one attempt in progress, so saving it costs the same at any history size.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from trainer.core.store.convert import BadRecord, draft_from_doc, to_doc
from trainer.core.store.files import CorruptFile, atomic_write_text, read_json, set_aside
from trainer.core.store.records import Draft


class DraftStore:
    """One draft per profile, each in its own file in the drafts folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, profile: str) -> Path:
        digest = hashlib.sha1(profile.encode()).hexdigest()[:12]
        return self.folder / f"draft-{digest}.json"

    def save(self, draft: Draft) -> None:
        """Write the draft atomically (no backups: the next autosave replaces it anyway)."""
        atomic_write_text(self.path(draft.profile), json.dumps(to_doc(draft), ensure_ascii=False))

    def load(self, profile: str) -> Draft | None:
        """The profile's unfinished draft; a damaged draft is set aside and reported."""
        path = self.path(profile)
        doc = read_json(path, _draft_shape)
        if doc is None:
            return None
        try:
            return draft_from_doc(_upgraded(doc))
        except BadRecord as error:
            raise set_aside(path, str(error)) from None

    def discard(self, profile: str) -> None:
        """Remove the draft once the attempt is saved or abandoned."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path(profile))


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
