"""What the store keeps, as typed dataclasses; `trainer.core.store.convert` is the only place
that turns them into JSON documents and back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from trainer.core.cards.model import ProbeKind
from trainer.core.grading.bands import Band

DEFAULT_PROFILE = "me"


class Mode(StrEnum):
    """How an attempt was practised: alone against the clock, or interviewed by a partner."""

    SOLO = "solo"
    PAIR = "pair"


class Phase(StrEnum):
    """Where a drill or interview is: answering, discussing the follow-ups, or in review."""

    ANSWER = "answer"
    DISCUSSION = "discussion"
    REVIEW = "review"


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

    phase: Phase
    budget_low: int
    budget_high: int
    seconds_used: float


@dataclass(frozen=True)
class ProbeReply:
    """One follow-up question as it was asked (`kind`: a probe kind or "bar_raiser") and the
    candidate's reply to it, kept together so history shows each reply beside its question."""

    kind: str
    question: str
    answer: str = ""


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
    band: Band
    mode: Mode = Mode.SOLO
    interviewer: str | None = None
    card_title: str = ""
    topic: str = ""
    level: str = ""
    phases: tuple[PhaseTiming, ...] = ()
    follow_up_kind: ProbeKind | None = None
    follow_up_question: str = ""
    follow_up_answer: str = ""
    bar_raiser_answer: str = ""
    notes: str = ""
    automatic_covered: tuple[str, ...] = ()
    overrides: dict[str, bool] = field(default_factory=dict)
    automatic_score: float | None = None
    automatic_band: Band | None = None
    self_assessment: Band | None = None
    self_covered: tuple[str, ...] | None = None  # the concepts the candidate thought covered
    probes_asked: tuple[str, ...] = ()
    typed: bool = True  # False when the candidate answered aloud (pair mode)
    # Each follow-up asked and its own reply, in the order asked. Empty in attempts saved
    # before replies were kept apart (those have follow_up_* and bar_raiser_answer only).
    replies: tuple[ProbeReply, ...] = ()
    rating: int | None = None  # fsrs rating 1-4; None when the attempt was not scheduled
    # The card's concepts missed by the final verdict (after overrides), core and bonus apart,
    # so history can count misses without the bank. Empty in attempts saved before these.
    missed_core: tuple[str, ...] = ()
    missed_bonus: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)

    def final_covered(self) -> tuple[str, ...]:
        """The concepts finally credited (automatic verdicts, then overrides), in that order."""
        order = [*self.automatic_covered, *self.overrides]
        return tuple(
            name
            for name in dict.fromkeys(order)
            if self.overrides.get(name, name in self.automatic_covered)
        )

    def paired_replies(self) -> tuple[ProbeReply, ...]:
        """Each follow-up with its own reply; for an attempt saved before replies were kept
        apart, the first probe's question with the reply, then the bar-raiser's reply."""
        if self.replies:
            return self.replies
        paired = []
        if self.follow_up_question or self.follow_up_answer.strip():
            kind = self.follow_up_kind.value if self.follow_up_kind else "follow_up"
            paired.append(ProbeReply(kind, self.follow_up_question, self.follow_up_answer))
        if self.bar_raiser_answer.strip():
            paired.append(ProbeReply("bar_raiser", "", self.bar_raiser_answer))
        return tuple(paired)


@dataclass(frozen=True, slots=True)  # no __dict__: 50,000 of them are held at once
class AttemptSummary:
    """The few fields a history list needs, kept in the main database for quick listing."""

    id: str
    shard: str
    profile: str
    card_id: str
    started: datetime
    score: float
    band: Band
    mode: Mode
    rating: int | None
    card_title: str = ""
    topic: str = ""
    level: str = ""
    interviewer: str | None = None
    answer_seconds: float = 0.0
    answer_budget: int = 0  # the high end of the answer budget, in seconds
    self_assessment: Band | None = None
    # Final verdicts (after overrides) and how the answer was given, so history, progress and
    # "concepts you keep missing" never read whole attempts. Old summaries load with defaults.
    covered: tuple[str, ...] = ()
    missed_core: tuple[str, ...] = ()
    missed_bonus: tuple[str, ...] = ()
    typed: bool = True

    @property
    def search_text(self) -> str:
        """Its fields in lower case, as the history's free words search them (`HistoryIndex`
        works them out once for a whole history)."""
        fields = (self.card_title, self.card_id, self.topic, self.level, self.band.label)
        people = (self.mode, self.profile, self.interviewer or "")
        return " ".join((*fields, *people)).lower()

    @classmethod
    def of(cls, attempt: Attempt, shard: str) -> AttemptSummary:
        answer = next((p for p in attempt.phases if p.phase is Phase.ANSWER), None)
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
            covered=attempt.final_covered(),
            missed_core=attempt.missed_core,
            missed_bonus=attempt.missed_bonus,
            typed=attempt.typed,
        )


@dataclass(frozen=True)
class Draft:
    """A drill or interview in progress, as saved while the user types: enough to resume it
    exactly where it was, and the id its attempt will be saved under (so it is saved once)."""

    profile: str
    card_id: str
    started: datetime
    attempt_id: str = field(default_factory=new_id)
    phase: Phase = Phase.ANSWER
    mode: Mode = Mode.SOLO
    interviewer: str | None = None
    typed: bool = True
    blind: bool = False
    answer: str = ""
    follow_up_answer: str = ""
    bar_raiser_answer: str = ""
    notes: str = ""
    seconds_used: dict[Phase, float] = field(default_factory=dict)
    probe_kind: ProbeKind | None = None
    probes_shown: tuple[ProbeKind, ...] = ()
    bar_raiser_shown: bool = False
    overrides: dict[str, bool] = field(default_factory=dict)
    self_assessment: Band | None = None
    self_covered: tuple[str, ...] | None = None
    # Replies to probes other than the first and the bar-raiser (kind -> text), the follow-up
    # the editor files under (None: the first probe's), where the cursor was in each editor
    # ((row, column) by field name), and whether the score was seen in the review.
    other_replies: dict[str, str] = field(default_factory=dict)
    reply_to: str | None = None
    cursors: dict[str, tuple[int, int]] = field(default_factory=dict)
    score_seen: bool = False
