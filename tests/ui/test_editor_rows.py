"""The answer editor keeps the rows a key did not touch: a key renders only its paragraph's
rows again, and every kept row looks exactly as TextArea would render it."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import TextArea

from trainer.core.grading.analysis import LineSpan
from trainer.core.grading.matching import Tier
from trainer.core.practice.session import AnswerField
from trainer.ui.app import DARK_VARIABLES
from trainer.ui.widgets.answer_editor import AnswerEditor

PARAGRAPH = "A lease lets one node lead for a while; fencing tokens stop a stale leader. " * 6
TEXT = "\n\n".join(f"{number}. {PARAGRAPH}" for number in range(8))
LEASE = LineSpan(5, 10, Tier.CORE)
FENCING = LineSpan(43, 58, Tier.BONUS)


class OneEditor(App[None]):
    def get_theme_variable_defaults(self) -> dict[str, str]:
        return DARK_VARIABLES

    def compose(self) -> ComposeResult:
        yield AnswerEditor(TEXT, field=AnswerField.ANSWER, id="answer")

    def on_mount(self) -> None:
        self.query_one(AnswerEditor).focus()


def every_line(spans: list[LineSpan]) -> dict[int, list[LineSpan]]:
    return {line: list(spans) for line in range(0, TEXT.count("\n") + 1, 2)}


def rows(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


def as_shown(editor: AnswerEditor) -> list[Strip]:
    """What the editor paints for each row on screen (its kept rows where it has them)."""
    return [editor.render_line(y) for y in range(editor.content_size.height)]


def as_textarea_renders(editor: AnswerEditor) -> list[Strip]:
    """TextArea's own rendering of the same rows, from nothing (its cache forgotten)."""
    TextArea.notify_style_update(editor)  # TextArea's cache only: the editor's rows are kept
    return [TextArea.render_line(editor, y) for y in range(editor.content_size.height)]


async def check(pilot: Pilot[None], editor: AnswerEditor) -> None:
    await pilot.pause()  # painted: the rows on screen are kept now
    assert rows(as_shown(editor)) == rows(as_textarea_renders(editor))


async def test_kept_rows_look_as_textarea_renders_them() -> None:
    app = OneEditor()
    async with app.run_test(size=(70, 20)) as pilot:
        editor = app.query_one(AnswerEditor)
        editor.show_spans(every_line([LEASE]))
        editor.move_cursor((4, 0))
        await check(pilot, editor)
        await pilot.press(*"The ")  # an edit: the cursor's paragraph is longer
        await check(pilot, editor)
        editor.show_spans(every_line([LEASE, FENCING]))  # spans on every paragraph change
        await check(pilot, editor)
        editor.move_cursor((8, 3))  # the cursor moves to a paragraph painted before
        await check(pilot, editor)
        editor.selection = editor.selection.__class__((2, 4), (6, 9))  # across paragraphs
        await check(pilot, editor)
        await pilot.press("down", "down")  # the selection is gone, the cursor moved
        await check(pilot, editor)
        editor.scroll_to(y=7, animate=False)
        await check(pilot, editor)
        editor.set_blind(True)
        await check(pilot, editor)
        editor.set_blind(False)
        await check(pilot, editor)
        await pilot.resize_terminal(50, 20)  # rewrapped: every section is another text
        await check(pilot, editor)
        await pilot.press("enter")  # a new line: the paragraphs below move down one line
        await check(pilot, editor)


async def test_a_key_renders_only_the_rows_of_its_paragraph() -> None:
    app = OneEditor()
    async with app.run_test(size=(70, 20)) as pilot:
        editor = app.query_one(AnswerEditor)
        editor.show_spans(every_line([LEASE, FENCING]))
        editor.move_cursor((2, 10))
        await pilot.pause()
        styled: list[int] = []
        original = AnswerEditor.get_line

        def recording(line_index: int) -> Text:
            styled.append(line_index)
            return original(editor, line_index)

        editor.get_line = recording  # type: ignore[method-assign]
        await pilot.press("x")
        await pilot.pause()
        assert styled and set(styled) == {2}  # the other paragraphs' rows were kept
        shown = "".join(segment.text for segment in editor.render_line(0))
        assert shown.startswith("0. A lease")  # and they are still on screen
