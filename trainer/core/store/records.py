"""What the store keeps, as dataclasses; `to_doc`/`from_doc` are the only JSON conversions."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

DEFAULT_PROFILE = "me"


def utc_now() -> datetime:
    """The current time, aware and in UTC (only the edges of the app call this)."""
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Profile:
    """A person using the trainer (pairs share one machine, each with their own progress)."""

    name: str
    created: datetime


@dataclass(frozen=True)
class PhaseTiming:
    """One phase of an attempt: its budget in seconds and the time actually used."""

    phase: str  # "answer" or "discussion"
    budget_low: int
    budget_high: int
    seconds_used: float


@dataclass(frozen=True)
class Attempt:
    """One drill of one card: the answers, the verdicts, the timings and the rating."""

    profile: str
    card_id: str
    card_hash: str
    started: datetime
    ended: datetime
    answer: str
    score: float
    band: str
    mode: str = "solo"  # or "pair"
    interviewer: str | None = None
    card_title: str = ""
    topic: str = ""
    level: str = ""
    phases: tuple[PhaseTiming, ...] = ()
    follow_up_kind: str | None = None
    follow_up_question: str = ""
    follow_up_answer: str = ""
    bar_raiser_answer: str = ""
    notes: str = ""
    automatic_covered: tuple[str, ...] = ()
    overrides: dict[str, bool] = field(default_factory=dict)
    automatic_score: float | None = None
    automatic_band: str | None = None
    self_assessment: str | None = None
    self_covered: tuple[str, ...] | None = None  # the concepts the candidate thought covered
    probes_asked: tuple[str, ...] = ()
    typed: bool = True  # False when the candidate answered aloud (pair mode)
    rating: int | None = None  # fsrs rating 1-4; None when the attempt was not scheduled
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class AttemptSummary:
    """The few fields a history list needs, kept in the main database for quick listing."""

    id: str
    shard: str
    profile: str
    card_id: str
    started: datetime
    score: float
    band: str
    mode: str
    rating: int | None
    card_title: str = ""
    topic: str = ""
    level: str = ""
    interviewer: str | None = None
    answer_seconds: float = 0.0
    answer_budget: int = 0  # the high end of the answer budget, in seconds
    self_assessment: str | None = None

    @classmethod
    def of(cls, attempt: Attempt, shard: str) -> AttemptSummary:
        answer = next((p for p in attempt.phases if p.phase == "answer"), None)
        return cls(
            id=attempt.id,
            shard=shard,
            profile=attempt.profile,
            card_id=attempt.card_id,
            started=attempt.started,
            score=attempt.score,
            band=attempt.band,
            mode=attempt.mode,
            rating=attempt.rating,
            card_title=attempt.card_title,
            topic=attempt.topic,
            level=attempt.level,
            interviewer=attempt.interviewer,
            answer_seconds=answer.seconds_used if answer else 0.0,
            answer_budget=answer.budget_high if answer else 0,
            self_assessment=attempt.self_assessment,
        )


def to_doc(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict: datetimes as ISO text, tuples as lists."""
    return _plain(asdict(record))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def attempt_from_doc(doc: dict[str, Any]) -> Attempt:
    """An attempt from its stored dict (unknown keys from newer versions are ignored)."""
    known = {f.name for f in fields(Attempt)}
    values = {key: value for key, value in doc.items() if key in known}
    values["started"] = datetime.fromisoformat(values["started"])
    values["ended"] = datetime.fromisoformat(values["ended"])
    values["phases"] = tuple(PhaseTiming(**phase) for phase in values.get("phases", ()))
    values["automatic_covered"] = tuple(values.get("automatic_covered", ()))
    values["probes_asked"] = tuple(values.get("probes_asked", ()))
    if values.get("self_covered") is not None:
        values["self_covered"] = tuple(values["self_covered"])
    values["overrides"] = dict(values.get("overrides", {}))
    return Attempt(**values)


def summary_from_doc(doc: dict[str, Any]) -> AttemptSummary:
    """A summary from the index (fields added in later versions take their defaults)."""
    values = {f.name: doc[f.name] for f in fields(AttemptSummary) if f.name in doc}
    values["started"] = datetime.fromisoformat(values["started"])
    return AttemptSummary(**values)


def profile_from_doc(doc: dict[str, Any]) -> Profile:
    return Profile(doc["name"], datetime.fromisoformat(doc["created"]))
