"""Python's cyclic garbage collector, kept away from the keystrokes.

Once a drill is on screen the app holds over a hundred thousand long-lived objects (the bank,
the grader's tables, every widget), and a full collection walks them all: 150-450 ms on a
loaded 2-core machine, landing on whatever key is being typed (the plain TextArea's app pays
about 60 ms). While a practice screen is open, what existed when it was painted is frozen
(`gc.freeze`: never walked again, still freed by reference counting as usual); when the last
one closes it is unfrozen, so that nothing frozen stays uncollected for long. The history,
once it holds a whole history (50,000 summaries), is frozen the same way while it is open: a
collection landing on a filter key took 0.5-1 s.
"""

from __future__ import annotations

import gc


class TypingCollector:
    """Counts the open practice screens (and full histories); freezes while any is open."""

    def __init__(self) -> None:
        self._open = 0

    def opened(self) -> None:
        """A practice screen was painted (or a history read): what exists now is never walked
        while typing."""
        self._open += 1
        gc.freeze()

    def closed(self) -> None:
        self._open = max(0, self._open - 1)
        if not self._open:
            gc.unfreeze()

    @property
    def frozen(self) -> bool:
        return self._open > 0


COLLECTOR = TypingCollector()
