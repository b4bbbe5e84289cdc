"""Attempts as a readable markdown document or as complete JSON records."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from trainer.core.cards.budgets import TimeRange
from trainer.core.history.filters import attempt_calibration
from trainer.core.history.tabular import RATING_NAMES, attempts_csv, review_logs_csv
from trainer.core.practice.clock import format_seconds
from trainer.core.practice.session import follow_up_name
from trainer.core.store.convert import to_doc
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt, Mode
from trainer.core.terminal_text import visible

FORMS = ("md", "json", "csv", "fsrs")


@dataclass(frozen=True)
class Export:
    """An export ready to write: its text and how many attempts it holds."""

    text: str
    attempts: int


def gather_export(
    store: Store, profile: str | None, form: str, only: Collection[str] | None = None
) -> Export:
    """The attempts of `profile` (None: everyone), or only those ids, as `form` text.

    The CLI and the history screen both export through here."""
    attempts = [a for a in store.attempts(profile) if only is None or a.id in only]
    logs: list[dict[str, Any]] = []
    if form in {"json", "fsrs"}:
        logs = [
            log
            for log in store.review_logs(profile)
            if only is None or log.get("attempt_id") in only
        ]
    return Export(export_text(form, attempts, profile, logs), len(attempts))


def export_text(
    form: str,
    attempts: Sequence[Attempt],
    profile: str | None,
    review_logs: Sequence[dict[str, Any]],
) -> str:
    """The export in `form`: "md" (readable), "json" (complete records and review logs, which
    `trainer import` reads back), "csv" (one row per attempt) or "fsrs" (review logs as CSV)."""
    if form == "json":
        return attempts_json(attempts, profile, review_logs)
    if form == "csv":
        return attempts_csv(attempts)
    if form == "fsrs":
        return review_logs_csv(review_logs)
    return attempts_markdown(attempts, profile)


def attempts_json(
    attempts: Sequence[Attempt], profile: str | None, review_logs: Sequence[dict[str, Any]]
) -> str:
    return json.dumps(
        {
            "format": "trainer-export",
            "profile": profile,
            "attempts": [to_doc(attempt) for attempt in attempts],
            "review_logs": list(review_logs),
        },
        indent=2,
        ensure_ascii=True,  # exact, and nothing in it a terminal would act on
    )


def attempts_markdown(attempts: Sequence[Attempt], profile: str | None) -> str:
    """One readable section per attempt."""
    who = f"profile {profile}" if profile else "all profiles"
    count = f"{len(attempts)} attempt{'' if len(attempts) == 1 else 's'}"
    parts = [f"# trainer export: {who}, {count}"]
    for attempt in attempts:
        when = attempt.started.astimezone().strftime("%Y-%m-%d %H:%M")
        title = attempt.card_title or attempt.card_id
        mode = attempt.mode.value
        if attempt.mode is Mode.PAIR and attempt.interviewer:
            mode += f" with {attempt.interviewer}"
        rating = RATING_NAMES.get(attempt.rating or 0, "not rated")
        lines = [
            f"## {when} · {title} ({attempt.card_id})",
            "",
            f"- Profile: {attempt.profile} · mode: {mode}",
            f"- Score: {attempt.score:g} ({attempt.band.label}) · rating: {rating}",
        ]
        for phase in attempt.phases:
            lines.append(
                f"- {phase.phase.value.capitalize()}: {format_seconds(phase.seconds_used)} "
                f"used of {TimeRange(phase.budget_low, phase.budget_high)}"
            )
        calibration = attempt_calibration(attempt)
        if calibration is not None:
            said = calibration.self_band.label if calibration.self_band else "skipped"
            lines.append(f"- Self-assessment: {said}; calibration: {calibration.summary()}")
        if attempt.probes_asked:
            asked = ", ".join(follow_up_name(key) for key in attempt.probes_asked)
            lines.append(f"- Probes asked: {asked}")
        if attempt.automatic_covered:
            lines.append(f"- Covered (automatic): {', '.join(attempt.automatic_covered)}")
        for name, covered in attempt.overrides.items():
            lines.append(f"- Override: {name} marked {'covered' if covered else 'missed'}")
        lines += ["", "### Answer", "", attempt.answer.strip() or "(empty)"]
        for reply in attempt.paired_replies():  # each follow-up, then its own reply
            heading = "Bar-raiser" if reply.kind == "bar_raiser" else "Follow-up"
            name = follow_up_name(reply.kind)
            lines += ["", f"### {heading}" + ("" if heading == "Bar-raiser" else f" ({name})")]
            if reply.question:
                lines += ["", f"> {reply.question}"]
            lines += ["", reply.answer.strip() or "(no answer)"]
        if attempt.notes.strip():
            lines += ["", "### Notes", "", attempt.notes.strip()]
        parts.append("\n".join(lines))
    return visible("\n\n".join(parts))  # a document to read: control characters shown
