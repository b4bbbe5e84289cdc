"""The answer editor: a TextArea that paints keyword spans found by the domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import TextArea

from trainer.core.grading.analysis import LineSpan
from trainer.core.grading.matching import Tier
from trainer.core.practice.session import AnswerField
from trainer.ui.safe_text import VisibleTextArea


class AnswerEditor(VisibleTextArea):
    """Typing area; core keywords bold, bonus keywords underlined (colour is only a bonus:
    the cursor line's style overrides colours, never bold or underline)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "answer-editor--keyword-core",
        "answer-editor--keyword-bonus",
    }

    DEFAULT_CSS = """
    AnswerEditor > .answer-editor--keyword-core { text-style: bold; color: $keyword-core; }
    AnswerEditor > .answer-editor--keyword-bonus { text-style: underline; color: $keyword-bonus; }
    """

    @dataclass
    class Typed(Message):
        """The candidate's text in one field changed (posted instead of `TextArea.Changed`,
        which every TextArea on a screen posts, notes included)."""

        editor: AnswerEditor
        field: AnswerField

        @property
        def text(self) -> str:
            return self.editor.text

    def __init__(
        self,
        text: str = "",
        *,
        field: AnswerField,
        id: str | None = None,
        read_only: bool = False,
    ) -> None:
        # No cursor-line highlight: a paragraph is one long wrapped line, and the cursor-line
        # style would repaint all of it, hiding the keyword colours while the user types.
        super().__init__(
            text,
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            read_only=read_only,
        )
        self.field = field
        self._spans: dict[int, list[LineSpan]] = {}
        self._blind = False

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.read_only:  # a read-only view of an answer is never the answer's source
            self.post_message(self.Typed(self, self.field))

    def show_spans(self, spans: dict[int, list[LineSpan]]) -> None:
        """Paint these spans, repainting only the lines whose spans changed (a keystroke
        changes one paragraph's at most; the other lines on screen stay as they are)."""
        old = self._spans
        changed = [line for line in old.keys() | spans.keys() if old.get(line) != spans.get(line)]
        self._spans = spans
        if not changed or self._blind:
            return
        self.notify_style_update()  # public hook that clears the rendered-line cache
        wrapped = self.wrapped_document
        for line in changed:
            if line < self.document.line_count:
                top = wrapped.location_to_offset((line, 0)).y
                self.refresh_lines(top, len(wrapped.get_offsets(line)) + 1)

    def set_blind(self, blind: bool) -> None:
        """Hide (or show again) every highlight."""
        self._blind = blind
        self.notify_style_update()
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        """Textual's public hook for styling a line: add the keyword styles."""
        line = super().get_line(line_index)
        if self._blind:
            return line
        spans = self._spans.get(line_index)
        if spans:
            core = self._style("answer-editor--keyword-core")
            bonus = self._style("answer-editor--keyword-bonus")
            for span in spans:
                line.stylize(core if span.tier == Tier.CORE else bonus, span.start, span.end)
        return line

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)
