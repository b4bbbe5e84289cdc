"""Drafts: when to autosave, and saving, resuming and discarding a draft."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from trainer.core.cards.model import ProbeKind
from trainer.core.grading.scoring import Band
from trainer.core.practice.autosave import AutosaveThrottle
from trainer.core.store.drafts import Draft, DraftStore
from trainer.core.store.files import CorruptFile
from trainer.core.store.records import Mode, Phase

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
        phase=Phase.DISCUSSION,
        mode=Mode.PAIR,
        interviewer="ivy",
        answer="Terms [bold]x[/]",
        seconds_used={Phase.ANSWER: 201.5},
        blind=True,
        probe_kind=ProbeKind.GUIDED,
        probes_shown=(ProbeKind.GUIDED, ProbeKind.DEPTH),
        overrides={"Lease Expiry": True},
        self_assessment=Band.GOOD,
        self_covered=("Lease Expiry",),
    )
    drafts.save(draft)
    loaded = drafts.load("ana")
    assert loaded == draft
    assert loaded is not None and loaded.phase is Phase.DISCUSSION
    assert loaded.probes_shown[0] is ProbeKind.GUIDED
    assert drafts.load("ben") is None
    drafts.discard(draft.attempt_id)
    drafts.discard(draft.attempt_id)
    assert drafts.load("ana") is None


def test_damaged_draft_is_set_aside(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path)
    drafts.path("ana").parent.mkdir(parents=True, exist_ok=True)
    drafts.path("ana").write_text('{"profile": "ana"')
    with pytest.raises(CorruptFile) as raised:
        drafts.load("ana")
    assert raised.value.moved_to.exists()
    assert drafts.load("ana") is None


def test_a_draft_of_the_previous_release_resumes_with_its_extra_fields(tmp_path: Path) -> None:
    """0.1 kept half of a draft in an untyped `extra` bag; such drafts still resume whole."""
    drafts = DraftStore(tmp_path)
    drafts.path("ana").write_text(
        json.dumps(
            {
                "profile": "ana",
                "card_id": "test-L4-001",
                "started": STARTED.isoformat(),
                "phase": "discussion",
                "mode": "pair",
                "answer": "The lease expires.",
                "follow_up_answer": "",
                "bar_raiser_answer": "",
                "notes": "quiet",
                "seconds_used": {"answer": 190.0, "discussion": 12.5},
                "extra": {
                    "probe_kind": "guided",
                    "probes_shown": ["guided"],
                    "bar_raiser_shown": False,
                    "overrides": {"Lease Expiry": True},
                    "blind": False,
                    "interviewer": "ivy",
                    "typed": False,
                    "self_assessment": None,
                    "self_covered": None,
                },
            }
        )
    )
    draft = drafts.load("ana")
    assert draft is not None
    assert (draft.mode, draft.phase, draft.interviewer, draft.typed) == (
        Mode.PAIR,
        Phase.DISCUSSION,
        "ivy",
        False,
    )
    assert draft.seconds_used == {Phase.ANSWER: 190.0, Phase.DISCUSSION: 12.5}
    assert draft.probes_shown == (ProbeKind.GUIDED,) and draft.overrides == {"Lease Expiry": True}
    assert draft.attempt_id  # a draft without one is given one when it is read


def test_a_draft_that_is_not_a_draft_record_is_set_aside(tmp_path: Path) -> None:
    drafts = DraftStore(tmp_path)
    drafts.path("ana").write_text(
        json.dumps({"profile": "ana", "card_id": "c", "started": "yesterday"})
    )
    with pytest.raises(CorruptFile) as raised:
        drafts.load("ana")
    assert "Draft" in str(raised.value) and raised.value.moved_to.exists()
