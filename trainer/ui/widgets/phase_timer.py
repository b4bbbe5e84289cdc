"""The phase timer: elapsed against the budget, in words as well as colour."""

from __future__ import annotations

from trainer.core.practice.clock import ClockState, PhaseClock
from trainer.ui.widgets.steady_text import SteadyText


class PhaseTimer(SteadyText):
    """Shows a phase clock; its CSS class follows the state (calm, warning, over). It ticks
    twice a second, so it repaints only itself (`SteadyText`). Two lines, each short enough
    for the side panel at 80 and 100 columns: the time, then where it stands."""

    def show(self, title: str, clock: PhaseClock, now: float) -> None:
        state = clock.state(now)
        for name in ClockState:
            self.set_class(state is name, f"-{name.value}")
        used, standing = clock.describe_lines(now)
        self.show_text(f"{fitted(title, used, self.content_size.width)}\n{standing}")


def fitted(title: str, used: str, width: int) -> str:
    """ "Discussion 0:01 / 5-7 min", shortened step by step until it fits `width` (0: not laid
    out yet) on one line: the side panel at 80 columns is 22 wide, and a wrapped line would
    push the standing out of the timer's two rows."""
    candidates = [
        f"{title} {used}",
        f"{title} {used.replace(' min', 'm')}",
        f"{title.removesuffix('ion')} {used.replace(' min', 'm')}",  # "Discuss 0:01 / 5-7m"
        used.replace(" min", "m"),
    ]
    return next(
        (text for text in candidates if len(text) <= width),
        candidates[-1] if width else candidates[0],
    )
