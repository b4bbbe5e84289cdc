"""Where the app gets the time: one object, replaced by a movable clock in tests."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds for measuring durations (phase clocks, autosave)."""
        ...

    def now(self) -> datetime:
        """The wall-clock time, aware, in the user's time zone (for records and 'today')."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now().astimezone()
