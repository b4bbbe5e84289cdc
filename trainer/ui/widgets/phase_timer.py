"""The phase timer: elapsed against the budget, in words as well as colour."""

from __future__ import annotations

from textual.widgets import Static

from trainer.core.practice.clock import ClockState, PhaseClock


class PhaseTimer(Static):
    """Shows a phase clock; its CSS class follows the state (calm, warning, over)."""

    def show(self, title: str, clock: PhaseClock, now: float) -> None:
        state = clock.state(now)
        for name in ClockState:
            self.set_class(state is name, f"-{name.value}")
        self.update(f"{title}  {clock.describe(now)}")
