"""When to autosave a draft: after a few seconds of idle, or at most every 10 s while typing
goes on, so a crash loses at most that much. Time comes from the caller (monotonic seconds)."""

from __future__ import annotations

IDLE_SECONDS = 3.0
MAX_INTERVAL_SECONDS = 10.0


class AutosaveThrottle:
    """Decides when unsaved changes should be written: `idle` seconds after the last change,
    or every `max_interval` seconds while changes keep coming."""

    def __init__(
        self, idle: float = IDLE_SECONDS, max_interval: float = MAX_INTERVAL_SECONDS
    ) -> None:
        self.idle = idle
        self.max_interval = max_interval
        self._last_change: float | None = None
        self._first_unsaved: float | None = None

    def changed(self, now: float) -> None:
        """The text changed at `now`."""
        self._last_change = now
        if self._first_unsaved is None:
            self._first_unsaved = now

    def due(self, now: float) -> bool:
        """Whether unsaved changes should be saved now."""
        if self._last_change is None or self._first_unsaved is None:
            return False
        return (
            now - self._last_change >= self.idle or now - self._first_unsaved >= self.max_interval
        )

    def saved(self) -> None:
        """The pending changes were saved."""
        self._last_change = None
        self._first_unsaved = None

    @property
    def pending(self) -> bool:
        return self._last_change is not None
