"""Pieces the review and the pair reveal share: the concept verdict list and the band keys."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from trainer.core.grading.matching import Tier
from trainer.core.grading.scoring import Band, ScoreReport, split_line
from trainer.core.wording import score_label
from trainer.ui.safe_text import visible_text
from trainer.ui.widgets.concept_checklist import HangingLine

SELF_BANDS = {
    "1": Band.INSUFFICIENT,
    "2": Band.NEEDS_IMPROVEMENT,
    "3": Band.GOOD,
    "4": Band.EXCELLENT,
}


def band_bindings(action: str, prefix: str) -> list[Binding]:
    """Keys 1-4 choosing a band (insufficient .. excellent) for `action('1')` .. `action('4')`."""
    names = ["Insufficient", "Needs impr.", "Good", "Excellent"]
    return [
        Binding(key, f"{action}('{key}')", name, id=f"{prefix}.band{key}")
        for key, name in zip(SELF_BANDS, names, strict=True)
    ]


def show_verdicts(concepts: OptionList, report: ScoreReport, who_decided: str = "you") -> None:
    """One line per concept: the verdict in words ([x] / [ ]), the tier, the name, and a mark
    when a person changed the automatic verdict (or, for `who_decided="typed"`, when the tick
    came from the typed answer). Keeps the highlighted line."""
    highlighted = concepts.highlighted
    concepts.clear_options()
    for concept in report.concepts:
        mark = Text("[x] " if concept.covered else "[ ] ", style="bold")
        mark.append("core  " if concept.tier is Tier.CORE else "bonus ", style="dim")
        label = Text(concept.name)
        if who_decided == "typed" and concept.override is None and concept.automatic:
            label.append("  (typed)", style="dim italic")
        elif who_decided != "typed" and concept.override is not None:
            label.append(f"  ({who_decided})", style="italic")
        line = HangingLine(mark, visible_text(label))  # a long name wraps under itself
        concepts.add_option(Option(line, id=concept.name))
    concepts.highlighted = highlighted if highlighted is not None else 0


def verdict_summary(report: ScoreReport, hint: str = "") -> Text:
    """ "Score 62 · needs improvement" over "core 2/3 · bonus 1/4" (and a hint)."""
    final = report.final
    text = Text.assemble(
        (f"Score {score_label(final.score)} · {final.band.label}\n", "bold"),
        split_line(final, final.band),
    )
    if hint:
        text.append(f" ({hint})")
    return text
