"""What the candidate's and the interviewer's views share: ctrl+g hands the keyboard over."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Container
from textual.message import Message

from trainer.ui.screens.base import after_typing


class PairPane(Container):
    """A view one person sees while the interview runs."""

    BINDINGS = [
        Binding("ctrl+g", "hand_over", "Hand over", id="pair.hand_over", priority=True),
    ]

    class HandOver(Message):
        """This person is done for now: pass the keyboard to the other."""

    def action_hand_over(self) -> None:
        after_typing(self, lambda: self.post_message(self.HandOver()))
