"""A drill in progress: phases, clocks, answers, probes, overrides, and what gets saved.

The screens only show a `DrillSession` and forward the user's actions to it. Time comes in as
monotonic seconds (`now`) for clocks and as aware datetimes (`when`) for records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from fsrs import Rating

from trainer.core.cards.model import Card, Probe, ProbeKind
from trainer.core.grading.analysis import IncrementalScanner, LineSpan, spans_by_line
from trainer.core.grading.calibration import Calibration, calibrate
from trainer.core.grading.matching import Tier
from trainer.core.grading.scoring import Band, Scorer, ScoreReport, bar_raiser_offered
from trainer.core.practice.clock import PhaseClock
from trainer.core.practice.overtime import OvertimeVerdict, rating_after_time
from trainer.core.schedule.scheduler import rating_for
from trainer.core.store.records import (
    Attempt,
    Draft,
    Mode,
    Phase,
    PhaseTiming,
    ProbeReply,
    new_id,
)

BAR_RAISER = "bar_raiser"  # the reply key of the bar-raiser (probe kinds are the others)
FOLLOW_UP_NAMES = {
    ProbeKind.DEPTH.value: "depth probe",
    ProbeKind.GUIDED.value: "guided probe",
    ProbeKind.FOUNDATION.value: "foundation check",
    BAR_RAISER: "bar-raiser",
}
TYPED_BURST = 2  # characters one change may add and still count as typing (more: a paste)


class AnswerField(StrEnum):
    """The candidate's own words, by where they were typed (never the interviewer's notes)."""

    ANSWER = "answer"
    FOLLOW_UP = "follow_up"


@dataclass
class DrillSession:
    """One card being drilled by one profile (solo), from the first keystroke to the save."""

    card: Card
    profile: str
    started: datetime
    mode: Mode = Mode.SOLO
    interviewer: str | None = None
    phase: Phase = Phase.ANSWER
    answer: str = ""
    follow_up_answer: str = ""
    bar_raiser_answer: str = ""
    notes: str = ""
    probe_kind: ProbeKind | None = None
    probes_shown: list[ProbeKind] = field(default_factory=list)
    bar_raiser_shown: bool = False
    overrides: dict[str, bool] = field(default_factory=dict)
    self_assessment: Band | None = None
    self_covered: set[str] | None = None  # pair mode: what the candidate thinks they covered
    chosen_rating: Rating | None = None
    blind: bool = False
    typed: bool = True  # pair mode: False when the candidate answers aloud
    # Replies to the probes asked after the first (kind -> text; the first probe's is
    # `follow_up_answer`, the bar-raiser's `bar_raiser_answer`), and which of them the
    # follow-up editor types into (None: the first probe's). Pair mode keeps one reply.
    other_replies: dict[str, str] = field(default_factory=dict)
    reply_to: str | None = None
    score_seen: bool = False  # the review showed the score (so it is not asked again)
    cursors: dict[str, tuple[int, int]] = field(default_factory=dict)  # by field, for drafts
    attempt_id: str = field(default_factory=new_id)  # saved under this id, exactly once

    def __post_init__(self) -> None:
        self.answer_scorer = Scorer(self.card)
        self.discussion_scorer = Scorer(self.card)
        # The follow-up editor is highlighted on its own; a scanner of its own keeps its cache.
        self._follow_up_scanner = IncrementalScanner(self.answer_scorer.matcher)
        self.clocks = {
            Phase.ANSWER: PhaseClock(self.card.budget.answer),
            Phase.DISCUSSION: PhaseClock(self.card.budget.discussion),
        }
        # Characters typed (not pasted) per field, for the pace: a paste is not typing speed.
        self.typed_chars = dict.fromkeys(AnswerField, 0)
        self._lengths = {AnswerField.ANSWER: len(self.answer), AnswerField.FOLLOW_UP: 0}

    # -- clocks ----------------------------------------------------------------------------------

    @property
    def clock(self) -> PhaseClock | None:
        return self.clocks.get(self.phase)

    def start(self, now: float) -> None:
        if self.clock:
            self.clock.start(now)

    def pause(self, now: float) -> None:
        if self.clock:
            self.clock.pause(now)

    def toggle_pause(self, now: float) -> bool:
        """Pause or resume the current phase's clock; returns whether it now runs."""
        clock = self.clock
        if clock is None:
            return False
        if clock.running:
            clock.pause(now)
        else:
            clock.start(now)
        return clock.running

    # -- typing ----------------------------------------------------------------------------------

    def type_text(self, field: AnswerField, text: str) -> dict[int, list[LineSpan]]:
        """Record what the candidate typed in one field; returns its keyword spans."""
        added = len(text) - self._lengths[field]
        if 0 < added <= TYPED_BURST:
            self.typed_chars[field] += added
        self._lengths[field] = len(text)
        if field is AnswerField.ANSWER:
            self.answer = text
            analysis = self.answer_scorer.analyze(text)
        else:
            self._file_reply(text)
            analysis = self._follow_up_scanner.scan(text)
        return spans_by_line(text, analysis.hits)

    def _file_reply(self, text: str) -> None:
        """The follow-up editor's text, under the probe it currently answers."""
        if self.reply_to is None or self.reply_to == (self.probe_kind and self.probe_kind.value):
            self.follow_up_answer = text
        elif self.reply_to == BAR_RAISER:
            self.bar_raiser_answer = text
        else:
            self.other_replies[self.reply_to] = text

    def recorded(self, field: AnswerField) -> str:
        """What the session holds of a field: the answer, or the reply being typed."""
        return self.answer if field is AnswerField.ANSWER else self.reply(self.reply_to)

    def reply(self, key: str | None) -> str:
        """The reply typed so far to one follow-up (None: the first probe)."""
        if key is None or key == (self.probe_kind and self.probe_kind.value):
            return self.follow_up_answer
        if key == BAR_RAISER:
            return self.bar_raiser_answer
        return self.other_replies.get(key, "")

    def answer_next(self, key: str) -> str:
        """From now on the follow-up editor answers this follow-up; returns its reply so far
        (the editor shows it, and the next change counts from its length)."""
        self.reply_to = key
        text = self.reply(key)
        self._lengths[AnswerField.FOLLOW_UP] = len(text)
        return text

    def live_report(self) -> ScoreReport:
        """What the side panel shows: the answer alone, then the whole interview so far."""
        if self.phase is Phase.ANSWER:
            return self.answer_report()
        return self.discussion_scorer.score(self.everything_said())

    def pace(self, now: float) -> tuple[int, float | None]:
        """Words written in the current phase, and the typing speed once 15 s have passed:
        words per minute of typed characters only (five to a word, the usual measure), so a
        paste does not count as speed."""
        field = AnswerField.ANSWER if self.phase is Phase.ANSWER else AnswerField.FOLLOW_UP
        text = self.answer if field is AnswerField.ANSWER else self.reply(self.reply_to)
        words = len(text.split())
        minutes = self.clock.elapsed(now) / 60 if self.clock else 0.0
        return words, (self.typed_chars[field] / 5 / minutes if minutes >= 0.25 else None)

    # -- the answer phase ------------------------------------------------------------------------

    def answer_report(self) -> ScoreReport:
        """The live verdict on the answer alone (it chooses the follow-up)."""
        return self.answer_scorer.score(self.answer)

    def begin_discussion(self, now: float, ask: bool = True) -> Probe | None:
        """Stop the answer clock and start discussing; solo, the probe chosen by the answer's
        band is asked at once (`ask`); in a pair the interviewer asks with `show_probe`."""
        self.clocks[Phase.ANSWER].pause(now)
        self.phase = Phase.DISCUSSION
        self.clocks[Phase.DISCUSSION].start(now)
        if not ask:
            return None
        report = self.answer_report()
        self.probe_kind = report.follow_up_kind
        self.probes_shown = [report.follow_up_kind]
        return report.follow_up

    def suggested_probe(self) -> ProbeKind:
        """The probe the current verdict (with any ticks) calls for."""
        return self.final_report().follow_up_kind

    def show_probe(self, kind: ProbeKind) -> Probe | None:
        """Ask another of the card's probes as well (the user asked for it)."""
        probe = self.card.probe(kind)
        if probe is not None and kind not in self.probes_shown:
            self.probes_shown.append(kind)
            self.probe_kind = self.probe_kind or kind
        return probe

    def bar_raiser_available(self, now: float) -> bool:
        """After the probe, while enough discussion time is left."""
        used = self.clocks[Phase.DISCUSSION].elapsed(now)
        return self.phase is Phase.DISCUSSION and bar_raiser_offered(self.card, used)

    def show_bar_raiser(self) -> None:
        self.bar_raiser_shown = True

    # -- review ----------------------------------------------------------------------------------

    def finish(self, now: float) -> None:
        for clock in self.clocks.values():
            clock.pause(now)
        self.phase = Phase.REVIEW

    def everything_said(self) -> str:
        """The whole interview: the answer and the discussion both count at review."""
        return everything_said(
            self.answer, self.follow_up_answer, *self.other_replies.values(), self.bar_raiser_answer
        )

    def final_report(self) -> ScoreReport:
        return self.discussion_scorer.score(self.everything_said(), self.overrides)

    def toggle_override(self, name: str) -> bool:
        """Flip a concept's verdict (back to automatic when it matches); returns covered."""
        report = self.final_report()
        verdict = next(c for c in report.concepts if c.name == name)
        wanted = not verdict.covered
        if wanted == verdict.automatic:
            self.overrides.pop(name, None)
        else:
            self.overrides[name] = wanted
        return wanted

    def calibration(self) -> Calibration:
        report = self.final_report()
        return calibrate(
            self.self_assessment,
            self.self_covered,
            report.final.band,
            (c.name for c in report.concepts if c.covered),
            (c.name for c in report.concepts),
        )

    def probes_asked(self) -> tuple[str, ...]:
        """The follow-ups asked: in a pair, each one the interviewer asked; solo, only those
        replied to (a probe merely shown on screen, then left, was not asked)."""
        keys = [kind.value for kind in self.probes_shown]
        if self.bar_raiser_shown:
            keys.append(BAR_RAISER)
        if self.mode is Mode.SOLO:
            keys = [key for key in keys if self.reply(key).strip()]
        return tuple(keys)

    def replies(self) -> tuple[ProbeReply, ...]:
        """Each follow-up shown, with its question and its own reply, in the order asked."""
        if self.mode is Mode.PAIR:
            return ()  # one reply to all the interviewer asked: kept as the follow-up's
        paired = [
            ProbeReply(kind.value, probe.question, self.reply(kind.value))
            for kind in self.probes_shown
            if (probe := self.card.probe(kind)) is not None
        ]
        if self.bar_raiser_shown and self.card.bar_raiser:
            paired.append(
                ProbeReply(BAR_RAISER, self.card.bar_raiser.question, self.bar_raiser_answer)
            )
        return tuple(paired)

    def overtime(self) -> OvertimeVerdict:
        """The band's rating, lowered a step when the answer ran far past its budget."""
        answer = self.clocks[Phase.ANSWER]
        used = answer.accumulated  # the answer clock stops when the discussion begins
        return rating_after_time(rating_for(self.final_report().final.band), used, answer.budget)

    def suggested_rating(self) -> Rating:
        return self.overtime().rating

    @property
    def rating(self) -> Rating:
        return self.chosen_rating or self.suggested_rating()

    # -- saving ----------------------------------------------------------------------------------

    def to_attempt(self, ended: datetime, now: float) -> Attempt:
        report = self.final_report()
        probe = self.card.probe(self.probe_kind) if self.probe_kind else None
        return Attempt(
            id=self.attempt_id,
            profile=self.profile,
            card_id=self.card.id,
            card_hash=self.card.content_hash,
            card_title=self.card.title,
            topic=self.card.topic,
            level=self.card.level,
            started=self.started,
            ended=ended,
            mode=self.mode,
            interviewer=self.interviewer,
            phases=tuple(
                PhaseTiming(phase, clock.budget.low, clock.budget.high, clock.elapsed(now))
                for phase, clock in self.clocks.items()
            ),
            answer=self.answer,
            follow_up_kind=self.probe_kind,
            follow_up_question=probe.question if probe else "",
            follow_up_answer=self.follow_up_answer,
            bar_raiser_answer=self.bar_raiser_answer,
            notes=self.notes,
            automatic_covered=tuple(c.name for c in report.concepts if c.automatic),
            overrides=dict(self.overrides),
            automatic_score=report.automatic.score,
            automatic_band=report.automatic.band,
            score=report.final.score,
            band=report.final.band,
            self_assessment=self.self_assessment,
            self_covered=_sorted_or_none(self.self_covered),
            probes_asked=self.probes_asked(),
            typed=self.typed,
            replies=self.replies(),
            missed_core=tuple(report.names(Tier.CORE, False)),
            missed_bonus=tuple(report.names(Tier.BONUS, False)),
        )

    def to_draft(self, now: float) -> Draft:
        return Draft(
            profile=self.profile,
            card_id=self.card.id,
            started=self.started,
            attempt_id=self.attempt_id,
            phase=self.phase,
            mode=self.mode,
            interviewer=self.interviewer,
            typed=self.typed,
            blind=self.blind,
            answer=self.answer,
            follow_up_answer=self.follow_up_answer,
            bar_raiser_answer=self.bar_raiser_answer,
            notes=self.notes,
            seconds_used={phase: clock.elapsed(now) for phase, clock in self.clocks.items()},
            probe_kind=self.probe_kind,
            probes_shown=tuple(self.probes_shown),
            bar_raiser_shown=self.bar_raiser_shown,
            overrides=dict(self.overrides),
            self_assessment=self.self_assessment,
            self_covered=_sorted_or_none(self.self_covered),
            other_replies=dict(self.other_replies),
            reply_to=self.reply_to,
            cursors=dict(self.cursors),
            score_seen=self.score_seen,
        )

    @classmethod
    def from_draft(cls, card: Card, draft: Draft) -> DrillSession:
        """Resume where the draft left off (clocks paused at the time already used)."""
        session = cls(
            card=card,
            profile=draft.profile,
            started=draft.started,
            attempt_id=draft.attempt_id,
            mode=draft.mode,
            interviewer=draft.interviewer,
            phase=draft.phase,
            answer=draft.answer,
            follow_up_answer=draft.follow_up_answer,
            bar_raiser_answer=draft.bar_raiser_answer,
            notes=draft.notes,
            probe_kind=draft.probe_kind,
            probes_shown=list(draft.probes_shown),
            bar_raiser_shown=draft.bar_raiser_shown,
            overrides=dict(draft.overrides),
            blind=draft.blind,
            typed=draft.typed,
            self_assessment=draft.self_assessment,
            self_covered=set(draft.self_covered) if draft.self_covered is not None else None,
            other_replies=dict(draft.other_replies),
            reply_to=draft.reply_to,
            score_seen=draft.score_seen,
            cursors=dict(draft.cursors),
        )
        session._lengths[AnswerField.FOLLOW_UP] = len(session.reply(session.reply_to))
        for phase, clock in session.clocks.items():
            clock.accumulated = float(draft.seconds_used.get(phase, 0.0))
        return session


def follow_up_name(key: str) -> str:
    """A follow-up's name for people ("bar-raiser", "guided probe"), from its stored key."""
    return FOLLOW_UP_NAMES.get(key, key.replace("_", "-"))


def everything_said(*replies: str) -> str:
    """The candidate's words of a whole interview, as one text to grade (blank parts left out)."""
    return "\n\n".join(reply for reply in replies if reply.strip())


def _sorted_or_none(names: set[str] | None) -> tuple[str, ...] | None:
    return tuple(sorted(names)) if names is not None else None
