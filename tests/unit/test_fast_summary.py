"""The fast reader of index files never accepts what the entry-by-entry reader refuses, and
reads what it accepts the same: generated entries, one field changed to any JSON value."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.grading.bands import Band
from trainer.core.store import reading
from trainer.core.store.convert import BadRecord, to_doc
from trainer.core.store.fast_summary import read_index_file
from trainer.core.store.records import AttemptSummary, Mode

GOOD = to_doc(
    AttemptSummary(
        id="a1",
        shard="0003",
        profile="ana",
        card_id="raft-L5-001",
        started=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        score=71.5,
        band=Band.GOOD,
        mode=Mode.PAIR,
        rating=3,
        card_title="Raft",
        interviewer="ben",
        answer_seconds=200.0,
        answer_budget=240,
        self_assessment=Band.EXCELLENT,
        covered=("Leases", "Fencing"),
        missed_core=("Quorum",),
        typed=False,
    )
)

DATE_TEXTS = [
    "2026-01-01t00:00:00z",
    "2026-01-01T00:00:00Z",
    "2026-01-01 00:00:00+00:00",
    "2026-01-01T00:00:00.1234567+00:00",
    "2026-01-01T00:00+00:00",
    "2026-01-01T00:00:00",
    "2026-01-01T00:00:00+0000",
    "2026-01-01T00:00:00,5+00:00",
    "2026-02-30T00:00:00+00:00",
    "",
]
DATES = st.sampled_from(DATE_TEXTS)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    DATES,
    st.sampled_from(["good", "excellent", "solo", "pair", "0001", "../x", "GOOD"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3), max_leaves=6)


def slow_read(doc: dict[str, Any]) -> AttemptSummary | None:
    try:
        return reading.summary(doc)
    except BadRecord:
        return None


def write_index(folder: Path, *docs: dict[str, Any]) -> Path:
    path = folder / "0003.index.json"
    path.write_text(json.dumps({"index": {str(i + 1): d for i, d in enumerate(docs)}}))
    return path


def test_a_plain_index_file_is_read_by_the_fast_path(tmp_path: Path) -> None:
    second = {**GOOD, "id": "a2", "covered": [], "interviewer": None}
    found = read_index_file(write_index(tmp_path, GOOD, second))
    assert found == [slow_read(GOOD), slow_read(second)]


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from([*GOOD, "unknown"]), value=VALUES, drop=st.booleans())
def test_the_fast_path_accepts_only_what_the_entry_reader_accepts(
    tmp_path: Path, field: str, value: object, drop: bool
) -> None:
    doc = dict(GOOD)
    if drop:
        doc.pop(field, None)
    else:
        doc[field] = value
    fast = read_index_file(write_index(tmp_path, doc))
    slow = slow_read(doc)
    if fast is not None:
        assert slow is not None, f"fast path accepted {field}={value!r}, the reader refuses it"
        assert fast == [slow]
        assert [type(getattr(fast[0], f)) for f in GOOD] == [type(getattr(slow, f)) for f in GOOD]


@pytest.mark.parametrize("started", DATE_TEXTS)
def test_dates_are_read_as_python_reads_them(tmp_path: Path, started: str) -> None:
    doc = {**GOOD, "started": started}
    fast = read_index_file(write_index(tmp_path, doc))
    assert fast is None or fast == [slow_read(doc)]


@pytest.mark.parametrize(
    "text",
    [
        '{"index": {"1": ' + json.dumps(GOOD) + ', "2": 5}}',
        '{"index": {"1": ' + json.dumps(GOOD).replace("71.5", "1" + "0" * 5000) + "}}",
        '{"index": {"1": ' + json.dumps(GOOD).replace("71.5", "NaN") + "}}",
        '{"index": {"1": ' + json.dumps({**GOOD, "id": ""}) + "}}",
        '{"index": {"1": ' + json.dumps(GOOD) + '}, "other": 3}',
        "not json",
    ],
)
def test_files_the_fast_path_leaves_to_the_entry_reader(tmp_path: Path, text: str) -> None:
    path = tmp_path / "0003.index.json"
    path.write_text(text)
    assert read_index_file(path) is None
