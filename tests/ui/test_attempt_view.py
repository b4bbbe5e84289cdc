"""The attempt view at 80x24: the answer box shows the answer, not one row of it."""

from __future__ import annotations

from tests.ui.conftest import MakeApp
from tests.ui.test_history_screens import seed
from trainer.core.store.database import Store
from trainer.ui.screens.attempt import AttemptScreen
from trainer.ui.widgets.answer_editor import AnswerEditor


async def test_attempt_answer_box_is_more_than_one_row_at_80x24(
    make_app: MakeApp, store: Store
) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AttemptScreen)
        editors = list(screen.query("#attempt-main AnswerEditor").results(AnswerEditor))
        assert editors and editors[0].id == "attempt-answer"
        for editor in editors:  # a one-line answer or reply: three rows, not one
            assert editor.size.height >= 3, editor.id
        editor = editors[0]
        editor.load_text("word " * 200)  # a long answer grows, up to a cap, then scrolls
        await pilot.pause()
        assert 3 < editor.size.height <= 14
