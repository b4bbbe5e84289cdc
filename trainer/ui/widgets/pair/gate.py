"""The hand-over gate: shows neither view until the right person is at the keyboard."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from trainer.core.terminal_text import visible


class HandoverGate(Static, can_focus=True):
    """ "Pass the keyboard to ...": enter says the named person is here."""

    BINDINGS = [Binding("enter", "arrive", "I am here", id="pair.arrive", priority=True)]

    class Arrived(Message):
        """The person the gate named is at the keyboard."""

    def ask_for(self, person: str, role: str, news: str = "") -> None:
        """Name who should come to the keyboard (and, first, any news for both of them)."""
        self.update(
            Text.assemble(
                ("Hand over\n\n", "bold"),
                (visible(news) + "\n\n" if news else "", "italic"),
                visible(f"Pass the keyboard to {person} ({role}).\n\n"),
                "Nothing is shown until the right person is in front of the screen.\n",
                ("Press enter when you are ready.", "bold"),
            )
        )

    def action_arrive(self) -> None:
        self.post_message(self.Arrived())
