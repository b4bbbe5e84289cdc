"""The follow-up questions asked so far, as the person answering them sees them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from trainer.core.cards.model import ProbeKind
from trainer.core.practice.session import BAR_RAISER, DrillSession
from trainer.core.store.records import ProbeReply
from trainer.core.terminal_text import visible
from trainer.ui.widgets.transcript import follow_up_heading, said_in_order

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


def current_follow_up(session: DrillSession) -> Text:
    """The follow-up the candidate is answering now (solo), in full: it is never scrolled."""
    reply = _current(session)
    if reply is None:
        return Text()
    text = Text(f"{follow_up_heading(reply.kind)}: ", style="bold")
    text.append(visible(reply.question))
    return text


def said_so_far(session: DrillSession) -> tuple[list[tuple[str, str]], int | None]:
    """The answer and every follow-up with its reply, in the graded order, and the index of
    the one being answered now (shown above the editor instead)."""
    replies = session.replies()
    current = _current(session)
    parts = said_in_order(session.answer, replies)
    skip = next((i + 1 for i, r in enumerate(replies) if current and r.kind == current.kind), None)
    return parts, skip


def _current(session: DrillSession) -> ProbeReply | None:
    key = session.reply_to or (session.probe_kind.value if session.probe_kind else None)
    if key == BAR_RAISER and not session.bar_raiser_shown:
        return None
    return next((reply for reply in session.replies() if reply.kind == key), None)
