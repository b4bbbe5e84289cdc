"""The follow-up questions asked so far, as the person answering them sees them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from trainer.core.cards.model import ProbeKind
from trainer.core.practice.session import DrillSession
from trainer.core.terminal_text import visible

PROBE_NAMES = {
    ProbeKind.DEPTH: "depth probe",
    ProbeKind.GUIDED: "guided probe",
    ProbeKind.FOUNDATION: "foundation check",
}


class AskedProbes(Static):
    """Each probe shown, then the bar-raiser if it was; `lead` says who asks."""

    def __init__(self, *, pair: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pair = pair

    def show(self, session: DrillSession) -> None:
        text = Text()
        for kind in session.probes_shown:
            probe = session.card.probe(kind)
            if probe is not None:
                lead = (
                    "Your interviewer asks: " if self.pair else f"Follow-up ({PROBE_NAMES[kind]}): "
                )
                text.append("\n" + lead, style="bold")
                text.append(visible(probe.question))
        if session.bar_raiser_shown and session.card.bar_raiser:
            text.append("\nAnd then: " if self.pair else "\nBar-raiser: ", style="bold")
            text.append(visible(session.card.bar_raiser.question))
        self.update(text)
