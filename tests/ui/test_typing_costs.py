"""What a keystroke in a long answer does not cost: no layout of the screen (with the side
panel and blind), and no full garbage collection over the app while a drill is open."""

from __future__ import annotations

import gc
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from tests.ui.conftest import FakeClock, MakeApp, screen_as
from trainer.ui.screens.drill import PANEL_DELAY, DrillScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.widgets.answer_editor import AnswerEditor

PARAGRAPH = "The leader holds a lease and every write carries a fencing token from it. " * 8
LONG_ANSWER = "\n\n".join([PARAGRAPH] * 12) + "\n\nTo sum it up: "


async def open_long_drill(pilot: Pilot[None], blind: bool) -> AnswerEditor:
    await pilot.press("b", "down", "enter")
    editor = screen_as(pilot.app, DrillScreen).query_one("#answer", AnswerEditor)
    editor.load_text(LONG_ANSWER)
    editor.move_cursor(editor.document.end)
    if blind:
        await pilot.press("ctrl+b")
    await pilot.pause(PANEL_DELAY + 0.6)  # scored, ticked, laid out
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return editor


@pytest.mark.parametrize("blind", [False, True], ids=["side panel", "blind"])
async def test_typing_never_lays_the_screen_out(
    make_app: MakeApp, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, blind: bool
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_long_drill(pilot, blind)
        layouts: list[str] = []
        original = Widget.refresh

        def recording(self: Widget, *regions: Any, **options: Any) -> Widget:
            if options.get("layout"):
                layouts.append(f"{type(self).__name__}#{self.id}")
            return original(self, *regions, **options)

        monkeypatch.setattr(Widget, "refresh", recording)
        for word in ("fencing ", "tokens ", "stop ", "a ", "stale ", "leader "):
            for key in word:
                await pilot.press(key if key != " " else "space")
                clock.advance(0.2)  # the clock and the pace change while one types
            await pilot.pause(PANEL_DELAY + 0.1)  # ticks, and the side panel rescored
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert editor.text.endswith("To sum it up: fencing tokens stop a stale leader ")
        assert layouts == []


async def test_the_collector_never_walks_the_app_while_a_drill_is_open(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        await pilot.pause()
        assert gc.get_freeze_count() > 10_000  # the bank, the grader, the widgets
        await pilot.press("escape", "y")
        assert isinstance(app.screen, HomeScreen)
        await pilot.pause()
        assert gc.get_freeze_count() == 0  # nothing left frozen once no drill is open
