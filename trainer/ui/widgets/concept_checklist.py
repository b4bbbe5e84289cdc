"""The live concept checklist beside the editor."""

from __future__ import annotations

from rich.text import Text

from trainer.core.grading.matching import Tier
from trainer.core.grading.scoring import ScoreReport
from trainer.ui.widgets.steady_text import SteadyText


class ConceptChecklist(SteadyText):
    """Core and bonus concepts with a tick when the answer covers them (text, not colour).
    A tick changes no line's length, so a new verdict repaints only the checklist."""

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
                text.append(f"{concept.name}\n", style=style)
        self.show_text(text)
