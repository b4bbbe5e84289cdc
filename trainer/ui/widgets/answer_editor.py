"""The answer editor: a TextArea that paints keyword spans found by the domain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.cache import LRUCache
from textual.geometry import Offset, Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

from trainer.core.grading.analysis import LineSpan
from trainer.core.grading.matching import Tier
from trainer.core.practice.session import AnswerField
from trainer.ui.widgets.visible_text_area import VisibleTextArea

ROW_CACHE_SIZE = 512  # rendered rows kept: a few screens of a long answer
STYLED_CACHE_SIZE = 8  # styled paragraphs kept: the ones being rendered

# A row's look: its line's text, where that line wraps and which section of it the row is,
# the line's spans, and the editor's size, wrapping width, horizontal scroll, theme, focus,
# read-only and tab width.
RowKey = tuple[str, tuple[int, ...], int, tuple[LineSpan, ...] | None, tuple[object, ...]]


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
        # No bracket matching (prose): its highlight lands on rows the row cache keeps.
        super().__init__(
            text,
            id=id,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            read_only=read_only,
        )
        self.match_cursor_bracket = False
        self.field = field
        self._spans: dict[int, tuple[LineSpan, ...]] = {}
        self._blind = False
        self._rows: LRUCache[RowKey, Strip] = LRUCache(ROW_CACHE_SIZE)
        self._keys: dict[int, RowKey] | None = None  # during a paint: each row's key
        self._styled: LRUCache[tuple[object, ...], Text] = LRUCache(STYLED_CACHE_SIZE)

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        if not self.read_only:  # a read-only view of an answer is never the answer's source
            self.post_message(self.Typed(self, self.field))

    def show_spans(self, spans: dict[int, list[LineSpan]]) -> None:
        """Paint these spans, repainting only the lines whose spans changed (a keystroke
        changes one paragraph's at most; the other lines on screen stay as they are)."""
        old = self._spans
        new = {line: tuple(line_spans) for line, line_spans in spans.items() if line_spans}
        changed = [line for line in old.keys() | new.keys() if old.get(line) != new.get(line)]
        self._spans = new
        if not changed or self._blind:
            return
        # The rows under the cursor are TextArea's own, cached without the spans (cleared
        # by every edit, not by a change of spans alone): forgotten here. Its parent's hook,
        # so that the rows this editor caches (keyed by their spans) are kept.
        super().notify_style_update()
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

    def notify_style_update(self) -> None:
        """Textual's hook for a change of styles (CSS, theme, focus): every kept row is stale."""
        self._rows.clear()
        self._styled.clear()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual's hook for painting the editor: which line each row shows is worked out
        once for the whole paint (`_row_keys`), not once per row."""
        self._keys = self._row_keys()
        try:
            return super().render_lines(crop)
        finally:
            self._keys = None

    def render_line(self, y: int) -> Strip:
        """Textual's hook for one row of the editor on screen.

        TextArea renders every row again after each key (its own cache is keyed by the
        cursor and cleared by every edit), and a long answer fills the editor with rows of
        paragraphs the key never touched: those come from a cache keyed by everything their
        look depends on (their text, spans, width, scroll, styles). Rows of the lines that
        hold the cursor or the selection are TextArea's, as they always were."""
        keys = self._keys if self._keys is not None else self._row_keys()
        key = keys.get(y)
        if key is None:
            return super().render_line(y)
        row = self._rows.get(key)
        if row is None:
            row = super().render_line(y)
            self._rows.set(key, row)
        return row

    def _row_keys(self) -> dict[int, RowKey]:
        """What each row on screen looks like, by row; rows left out are not kept (those of
        the cursor's or the selection's lines, past the end, numbered lines)."""
        wrapped = self.wrapped_document
        scroll_x, scroll_y = self.scroll_offset
        height = wrapped.height
        rows = min(self.content_size.height, height - scroll_y)
        if rows <= 0 or height <= 1 or self.show_line_numbers:
            return {}
        looks = (
            self.size,
            self.wrap_width,
            scroll_x,
            self.theme,
            self.has_focus,
            self.read_only,
            self.indent_width,
        )
        start, end = self.selection
        first, last = sorted((start[0], end[0]))
        line = wrapped.offset_to_location(Offset(0, scroll_y))[0]
        section = scroll_y - wrapped.location_to_offset((line, 0)).y
        offsets = tuple(wrapped.get_offsets(line))
        keys: dict[int, RowKey] = {}
        for y in range(rows):
            if not first <= line <= last:
                spans = None if self._blind else self._spans.get(line)
                keys[y] = (self.document[line], offsets, section, spans, looks)
            section += 1
            if section > len(offsets) and line + 1 < self.document.line_count:
                line, section = line + 1, 0
                offsets = tuple(wrapped.get_offsets(line))
        return keys

    def get_line(self, line_index: int) -> Text:
        """Textual's public hook for styling a line: add the keyword styles. TextArea asks
        once per wrapped row, so a styled paragraph is kept and copied (the caller edits it)."""
        spans = None if self._blind else self._spans.get(line_index)
        if not spans:
            return super().get_line(line_index)
        key = (self.document[line_index], spans)
        styled = self._styled.get(key)
        if styled is None:
            styled = super().get_line(line_index)
            core = self._style("answer-editor--keyword-core")
            bonus = self._style("answer-editor--keyword-bonus")
            for span in spans:
                styled.stylize(core if span.tier == Tier.CORE else bonus, span.start, span.end)
            self._styled.set(key, styled)
        return styled.copy()

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)
