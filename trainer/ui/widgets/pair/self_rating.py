"""The candidate rates their own answer (concepts and band) before anything is revealed."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from trainer.core.grading.scoring import Band
from trainer.ui.safe_text import literal
from trainer.ui.widgets.pair.focus import FocusCues, titled
from trainer.ui.widgets.verdicts import SELF_BANDS, band_bindings


class SelfRating(FocusCues, Vertical):
    """Claim concepts (enter toggles), pick a band (1-4), ctrl+s: `SelfRating.Done`."""

    BINDINGS = [
        *band_bindings("band", "pair"),
        # Not priority: claims and the band typed just before are counted first, in order.
        Binding("ctrl+s", "done", "Done", id="pair.self_done"),
    ]

    @dataclass
    class Done(Message):
        """What the candidate thinks they covered, and the band they think they earned."""

        claimed: frozenset[str]
        band: Band | None

    def __init__(
        self,
        concepts: list[str],
        claimed: set[str] | None = None,
        band: Band | None = None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.concepts = concepts
        self.claimed = set(claimed or ())
        self.band = band

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(
                ("Before anything is revealed, rate your own answer.\n", "bold"),
                "Which of these did you cover? (enter toggles)  Then your band: "
                "1 insufficient · 2 needs improvement · 3 good · 4 excellent, and ctrl+s.",
            ),
            id="sr-help",
        )
        yield titled(OptionList(id="sr-concepts"), "What you covered · enter toggles")
        yield Static(id="sr-band")

    def show(self) -> None:
        concepts = self.query_one("#sr-concepts", OptionList)
        highlighted = concepts.highlighted
        concepts.clear_options()
        for name in self.concepts:
            mark = "[x] " if name in self.claimed else "[ ] "
            concepts.add_option(Option(literal(mark + name), id=name))
        concepts.highlighted = highlighted if highlighted is not None else 0
        concepts.focus()
        band = self.band.label if self.band else "not chosen yet"
        self.query_one("#sr-band", Static).update(Text.assemble(("Your band: ", "bold"), band))

    @on(OptionList.OptionSelected, "#sr-concepts")
    def _claim(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.claimed ^= {str(event.option.id)}
        self.show()

    def action_band(self, key: str) -> None:
        self.band = SELF_BANDS[key]
        self.show()

    def action_done(self) -> None:
        self.post_message(self.Done(frozenset(self.claimed), self.band))
