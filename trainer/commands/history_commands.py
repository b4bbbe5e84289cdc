"""`trainer stats`, `trainer export`, `trainer backup` and `trainer restore`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

from trainer.core.archive import ArchiveError, read_archive, restore_archive, write_archive
from trainer.core.calibration import attempt_calibration
from trainer.core.paths import StorePaths
from trainer.core.records import Attempt, to_doc
from trainer.core.schedule import in_words
from trainer.core.store import Store

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def stats(
    store: Store, profile: str, card_ids: Sequence[str], now: datetime, as_json: bool, out: TextIO
) -> int:
    """Attempts, cards seen, what is due, and the forecast for the next 14 days."""
    summaries = store.summaries(profile)
    schedule = store.schedule(profile)
    queue = store.queue(profile, card_ids, now)
    record = {
        "profile": profile,
        "attempts": len(summaries),
        "cards_seen": len({s.card_id for s in summaries}),
        "cards_scheduled": len(schedule),
        "due_now": len(queue.due),
        "new_available_today": len(queue.new),
        "forecast": list(queue.forecast),
        "next_due": min((s.due for s in schedule.values()), default=None),
    }
    if as_json:
        record["next_due"] = record["next_due"].isoformat() if record["next_due"] else None
        json.dump(record, out, indent=2)
        out.write("\n")
        return 0
    next_due = record["next_due"]
    lines = [
        f"Profile {profile}: {record['attempts']} attempts on {record['cards_seen']} cards",
        f"Due today: {record['due_now']}; "
        f"new cards available today: {record['new_available_today']}",
        "Next 14 days: " + " ".join(str(count) for count in queue.forecast),
        f"Next card due: {in_words(next_due, now) if next_due else 'none scheduled yet'}",
    ]
    out.write("\n".join(lines) + "\n")
    return 0


def export(store: Store, profile: str | None, form: str, target: Path | None, out: TextIO) -> int:
    """Every attempt (of one profile or all) as markdown or JSON, to a file or stdout."""
    attempts = store.attempts(profile)
    if form == "json":
        text = json.dumps(
            {
                "format": "trainer-export",
                "profile": profile,
                "attempts": [to_doc(attempt) for attempt in attempts],
                "review_logs": store.review_logs(profile),
            },
            indent=2,
            ensure_ascii=False,
        )
    else:
        text = attempts_markdown(attempts, profile)
    if target is None:
        out.write(text + "\n")
    else:
        target.write_text(text + "\n", encoding="utf-8")
        out.write(f"exported {len(attempts)} attempts to {target}\n")
    return 0


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
                f"- {phase.phase.capitalize()}: {_clock(phase.seconds_used)} used of "
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


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def backup(paths: StorePaths, target: Path, out: TextIO) -> int:
    size = write_archive(paths, target)
    out.write(f"backed up {paths.main} to {target} ({size / 1024:.0f} KiB)\n")
    return 0


def restore(paths: StorePaths, source: Path, out: TextIO) -> tuple[int, str]:
    """Restore a backup; returns (exit code, error line)."""
    try:
        archive = read_archive(source)
    except ArchiveError as error:
        return 2, str(error)
    kept = restore_archive(paths, archive)
    out.write(f"restored {paths.main} from {source}\n")
    if kept:
        out.write(f"the database it replaced was kept in {kept}\n")
    return 0, ""
