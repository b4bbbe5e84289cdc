"""The live concept checklist beside the editor."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from trainer.core.grading.matching import Tier
from trainer.core.grading.scoring import ScoreReport
from trainer.core.terminal_text import visible


class ConceptChecklist(Static):
    """Core and bonus concepts with a tick when the answer covers them (text, not colour)."""

    def show(self, report: ScoreReport) -> None:
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
                text.append(visible(f"{concept.name}\n"), style=style)
        self.update(text)
