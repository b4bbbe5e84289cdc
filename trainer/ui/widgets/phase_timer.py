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
        self.show_text(f"{title} {used}\n{standing}")
