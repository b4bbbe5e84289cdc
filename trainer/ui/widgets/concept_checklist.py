"""The live concept checklist beside the editor."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from rich.console import Console, ConsoleOptions
from rich.table import Table
from rich.text import Text
from textual import events

from trainer.core.grading.matching import Tier
from trainer.core.grading.scoring import ScoreReport
from trainer.ui.widgets.steady_text import SteadyText

MARK_WIDTH = len("[x] ")


class ConceptChecklist(SteadyText):
    """Core and bonus concepts with a tick when the answer covers them (text, not colour).
    A tick changes no line's length, so a new verdict repaints only the checklist. A long
    name wraps under itself, not under the tick (a hanging indent)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report: ScoreReport | None = None

    def show(self, report: ScoreReport) -> None:
        self.report = report
        width = self.content_size.width - MARK_WIDTH  # unknown before the first layout
        text = Text()
        for tier, heading in ((Tier.CORE, "Core (60%)"), (Tier.BONUS, "Bonus (40%)")):
            concepts = [c for c in report.concepts if c.tier is tier]
            if not concepts:
                continue
            covered = sum(c.covered for c in concepts)
            text.append(f"{heading} {covered}/{len(concepts)}\n", style="bold")
            for concept in concepts:
                mark, style = ("[x] ", "bold") if concept.covered else ("[ ] ", "dim")
                text.append(mark, style=style)
                text.append(hanging(concept.name, width) + "\n", style=style)
        self.show_text(text)

    def on_resize(self, event: events.Resize) -> None:
        if self.report is not None:
            self.show(self.report)  # the indent depends on the width


def hanging(name: str, width: int) -> str:
    """`name` wrapped to `width`, its later lines indented under its first word."""
    if width < 8:  # too narrow to indent usefully (or not laid out yet): let it wrap
        return name
    lines = textwrap.wrap(name, width, break_on_hyphens=False) or [name]
    return ("\n" + " " * MARK_WIDTH).join(lines)


@dataclass(frozen=True)
class HangingLine:
    """A checklist line for an option list: the mark ("[x] core  ") never wraps, and the
    name wraps under itself at whatever width the list has (a resize re-wraps it)."""

    mark: Text
    body: Text

    def __str__(self) -> str:
        return self.mark.plain + self.body.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        grid = Table.grid(padding=0, expand=True)
        grid.add_column(no_wrap=True, width=self.mark.cell_len)
        grid.add_column(ratio=1)
        grid.add_row(self.mark, self.body)
        yield grid
