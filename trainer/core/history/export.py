"""Attempts as a readable markdown document or as complete JSON records."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from trainer.core.grading.calibration import attempt_calibration
from trainer.core.store.records import Attempt, to_doc

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def export_text(
    form: str,
    attempts: Sequence[Attempt],
    profile: str | None,
    review_logs: Sequence[dict[str, Any]],
) -> str:
    """The export in `form` "md" (readable) or "json" (complete records and review logs)."""
    if form == "json":
        return attempts_json(attempts, profile, review_logs)
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
        ensure_ascii=False,
    )


def attempts_markdown(attempts: Sequence[Attempt], profile: str | None) -> str:
    """One readable section per attempt."""
    who = f"profile {profile}" if profile else "all profiles"
    parts = [f"# trainer export: {who}, {len(attempts)} attempts"]
    for attempt in attempts:
        when = attempt.started.astimezone().strftime("%Y-%m-%d %H:%M")
        title = attempt.card_title or attempt.card_id
        mode = attempt.mode + (f" with {attempt.interviewer}" if attempt.interviewer else "")
        rating = RATING_NAMES.get(attempt.rating or 0, "not rated")
        lines = [
            f"## {when} · {title} ({attempt.card_id})",
            "",
            f"- Profile: {attempt.profile} · mode: {mode}",
            f"- Score: {attempt.score:g} ({attempt.band.replace('_', ' ')}) · rating: {rating}",
        ]
        for phase in attempt.phases:
            lines.append(
                f"- {phase.phase.capitalize()}: {clock(phase.seconds_used)} used of "
                f"{phase.budget_low // 60}-{phase.budget_high // 60} min"
            )
        calibration = attempt_calibration(attempt)
        if calibration is not None:
            said = calibration.self_band.label if calibration.self_band else "skipped"
            lines.append(f"- Self-assessment: {said}; calibration: {calibration.summary()}")
        if attempt.probes_asked:
            lines.append(f"- Probes asked: {', '.join(attempt.probes_asked)}")
        if attempt.automatic_covered:
            lines.append(f"- Covered (automatic): {', '.join(attempt.automatic_covered)}")
        for name, covered in attempt.overrides.items():
            lines.append(f"- Override: {name} marked {'covered' if covered else 'missed'}")
        lines += ["", "### Answer", "", attempt.answer.strip() or "(empty)"]
        if attempt.follow_up_question:
            kind = attempt.follow_up_kind or "follow-up"
            lines += ["", f"### Follow-up ({kind} probe)", "", f"> {attempt.follow_up_question}"]
            lines += ["", attempt.follow_up_answer.strip() or "(no answer)"]
        if attempt.notes.strip():
            lines += ["", "### Notes", "", attempt.notes.strip()]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"
