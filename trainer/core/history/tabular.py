"""Attempts as CSV for spreadsheets, and review logs as the CSV that FSRS tools read
(the FSRS optimizer's review-log schema: card_id, review_time and review_duration in
milliseconds, review_rating 1-4)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from trainer.core.store.records import Attempt, Phase

RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
ATTEMPT_COLUMNS = (
    "date",
    "profile",
    "card",
    "title",
    "topic",
    "level",
    "mode",
    "partner",
    "score",
    "band",
    "rating",
    "answer_seconds",
    "answer_budget_low",
    "answer_budget_high",
    "discussion_seconds",
    "discussion_budget_low",
    "discussion_budget_high",
)
FSRS_COLUMNS = ("card_id", "review_time", "review_rating", "review_duration", "card", "profile")
# A cell a spreadsheet would run as a formula (a card title or a name is anyone's text).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def attempts_csv(attempts: Sequence[Attempt]) -> str:
    """One row per attempt, oldest first, times in seconds, the date in local time."""
    rows = [_attempt_row(attempt) for attempt in attempts]
    return _csv(ATTEMPT_COLUMNS, rows)


def review_logs_csv(review_logs: Sequence[dict[str, Any]]) -> str:
    """One row per review that stands (undone ones are left out), in review order."""
    rows = []
    for log in review_logs:
        fsrs_log = log.get("fsrs_log") or {}
        if log.get("undone") or not fsrs_log:
            continue
        reviewed = datetime.fromisoformat(fsrs_log["review_datetime"])
        duration = fsrs_log.get("review_duration")
        rows.append(
            [
                fsrs_log["card_id"],
                round(reviewed.timestamp() * 1000),
                fsrs_log["rating"],
                "" if duration is None else duration,
                _cell(str(log.get("card_id", ""))),
                _cell(str(log.get("profile", ""))),
            ]
        )
    rows.sort(key=lambda row: int(row[1]))
    return _csv(FSRS_COLUMNS, rows)


def _attempt_row(attempt: Attempt) -> list[object]:
    timings = {phase.phase: phase for phase in attempt.phases}
    cells: list[object] = [
        attempt.started.astimezone().strftime("%Y-%m-%d %H:%M"),
        attempt.profile,
        attempt.card_id,
        attempt.card_title,
        attempt.topic,
        attempt.level,
        attempt.mode.value,
        attempt.interviewer or "",
        f"{attempt.score:g}",
        attempt.band.value,
        RATING_NAMES.get(attempt.rating or 0, ""),
    ]
    for phase in (Phase.ANSWER, Phase.DISCUSSION):
        timing = timings.get(phase)
        cells += (
            [round(timing.seconds_used), timing.budget_low, timing.budget_high]
            if timing
            else ["", "", ""]
        )
    return [_cell(cell) if isinstance(cell, str) else cell for cell in cells]


def _cell(text: str) -> str:
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def _csv(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")
