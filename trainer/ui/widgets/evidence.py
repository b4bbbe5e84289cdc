"""Why a verdict: the passage that earned the highlighted concept, or what would have earned it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static
from textual.widgets.text_area import Selection

from trainer.core.cards.model import Card
from trainer.core.grading.evidence import missed_hint
from trainer.core.grading.scoring import ConceptVerdict
from trainer.ui.safe_text import visible_text
from trainer.ui.widgets.answer_editor import AnswerEditor


class EvidenceNote(Static):
    """One concept's reason, in words: the passage and its cue words, or the card's hint."""

    def show(self, card: Card, concept: ConceptVerdict | None) -> None:
        if concept is None:
            self.update("")
            return
        text = Text()
        text.append(f"{concept.name}: ", style="bold")
        evidence = concept.evidence
        if concept.covered and evidence is not None:
            text.append("covered by this passage of the answer (highlighted):\n")
            text.append(f"“{evidence.text.strip()}”", style="italic")
            text.append(f"\ncue words: {', '.join(evidence.cues)}", style="dim")
        elif concept.covered:
            text.append("marked covered by a person; no passage of the typed answer earned it.")
        else:
            hint = missed_hint(card, concept.name)
            text.append("missed. What earns it: ", style="")
            text.append(hint.description or "(the card does not describe it)")
            if hint.model_passage is not None:
                text.append("\nThe model answer covers it here: ", style="bold")
                text.append(f"“{hint.model_passage.text.strip()}”", style="italic")
            if evidence is not None:
                text.append("\nThe closest passage of your answer is highlighted.", style="dim")
        self.update(visible_text(text))


def select_passage(editor: AnswerEditor, concept: ConceptVerdict | None) -> None:
    """Select (so highlight, and scroll to) the passage that earned the concept, if any."""
    evidence = concept.evidence if concept is not None else None
    if evidence is None or evidence.end > len(editor.text):
        editor.selection = Selection.cursor(editor.selection.end)
        return
    start = _location(editor.text, evidence.start)
    end = _location(editor.text, evidence.end)
    editor.selection = Selection(start, end)
    editor.scroll_cursor_visible(center=True)


def _location(text: str, index: int) -> tuple[int, int]:
    """(row, column) of a character offset, as the TextArea counts them."""
    before = text[:index]
    row = before.count("\n")
    return row, index - (before.rfind("\n") + 1)
