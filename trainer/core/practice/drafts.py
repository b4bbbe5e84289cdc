"""Drafts: the attempt being typed, saved to its own small file while the user types.

A draft file holds one attempt in progress, so saving it costs the same at any history size.
`AutosaveThrottle` decides when to save: after a few seconds of idle, or at most every 10 s
while typing goes on, so a crash loses at most that much.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from trainer.core.store.files import CorruptFile, atomic_write_text, read_json

IDLE_SECONDS = 3.0
MAX_INTERVAL_SECONDS = 10.0


@dataclass(frozen=True)
class Draft:
    """Everything needed to resume a drill: where it was and what was typed."""

    profile: str
    card_id: str
    started: datetime
    phase: str = "answer"
    mode: str = "solo"
    answer: str = ""
    follow_up_answer: str = ""
    bar_raiser_answer: str = ""
    notes: str = ""
    seconds_used: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


class DraftStore:
    """One draft per profile, each in its own file in the drafts folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, profile: str) -> Path:
        digest = hashlib.sha1(profile.encode()).hexdigest()[:12]
        return self.folder / f"draft-{digest}.json"

    def save(self, draft: Draft) -> None:
        """Write the draft atomically (no backups: the next autosave replaces it anyway)."""
        doc = asdict(draft) | {"started": draft.started.isoformat()}
        atomic_write_text(self.path(draft.profile), json.dumps(doc, ensure_ascii=False))

    def load(self, profile: str) -> Draft | None:
        """The profile's unfinished draft; a damaged draft is set aside and reported."""
        doc = read_json(self.path(profile), _draft_shape)
        if doc is None:
            return None
        doc["started"] = datetime.fromisoformat(doc["started"])
        return Draft(**doc)

    def discard(self, profile: str) -> None:
        """Remove the draft once the attempt is saved or abandoned."""
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path(profile))


def _draft_shape(doc: Any) -> str:
    if not isinstance(doc, dict) or not {"profile", "card_id", "started"} <= doc.keys():
        return "not a trainer draft"
    try:
        datetime.fromisoformat(doc["started"])
    except (TypeError, ValueError):
        return "not a trainer draft (bad start time)"
    return ""


class AutosaveThrottle:
    """When to autosave: `idle` seconds after the last change, or every `max_interval` seconds
    while changes keep coming. Time comes from the caller (monotonic seconds)."""

    def __init__(self, idle: float = IDLE_SECONDS, max_interval: float = MAX_INTERVAL_SECONDS):
        self.idle = idle
        self.max_interval = max_interval
        self._last_change: float | None = None
        self._first_unsaved: float | None = None

    def changed(self, now: float) -> None:
        """The text changed at `now`."""
        self._last_change = now
        if self._first_unsaved is None:
            self._first_unsaved = now

    def due(self, now: float) -> bool:
        """Whether unsaved changes should be saved now."""
        if self._last_change is None or self._first_unsaved is None:
            return False
        return (
            now - self._last_change >= self.idle or now - self._first_unsaved >= self.max_interval
        )

    def saved(self) -> None:
        """The pending changes were saved."""
        self._last_change = None
        self._first_unsaved = None

    @property
    def pending(self) -> bool:
        return self._last_change is not None


__all__ = ["AutosaveThrottle", "CorruptFile", "Draft", "DraftStore"]
