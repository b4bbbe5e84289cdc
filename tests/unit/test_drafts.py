"""Drafts: when to autosave, and saving, resuming and discarding a draft."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from trainer.core.practice.drafts import AutosaveThrottle, Draft, DraftStore
from trainer.core.store.files import CorruptFile

STARTED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def test_autosave_after_idle_or_at_most_every_ten_seconds() -> None:
    throttle = AutosaveThrottle(idle=3, max_interval=10)
    assert not throttle.due(0)
    throttle.changed(0.0)
    assert not throttle.due(2.9)
    assert throttle.due(3.0)  # three seconds of idle
    throttle.saved()
    saved_at = None
    for tick in range(1, 100):  # typing without pause: a keystroke every 0.25 s from 10.25 s
        now = 10 + tick * 0.25
        throttle.changed(now)
        if throttle.due(now):
            saved_at = now
            break
    assert saved_at == 20.25  # 10 s after the first unsaved keystroke
    throttle.saved()
    assert not throttle.pending and not throttle.due(100)


def test_draft_round_trip_and_discard(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path)
    draft = Draft(
        "ana",
        "raft-L3-001",
        STARTED,
        phase="discussion",
        answer="Terms [bold]x[/]",
        seconds_used={"answer": 201.5},
        extra={"blind": True},
    )
    drafts.save(draft)
    assert drafts.load("ana") == draft
    assert drafts.load("ben") is None
    drafts.discard("ana")
    drafts.discard("ana")
    assert drafts.load("ana") is None


def test_damaged_draft_is_set_aside(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path)
    drafts.path("ana").parent.mkdir(parents=True, exist_ok=True)
    drafts.path("ana").write_text('{"profile": "ana"')
    with pytest.raises(CorruptFile) as raised:
        drafts.load("ana")
    assert raised.value.moved_to.exists()
    assert drafts.load("ana") is None
