"""What keeps typing smooth: the side panel scored once after a burst, updates that repaint
only themselves, keyword spans that repaint only the lines they change."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.conftest import MakeApp, screen_as
from trainer.core.grading.analysis import LineSpan
from trainer.core.grading.matching import Tier
from trainer.core.practice.session import AnswerField
from trainer.ui.screens.drill import PANEL_DELAY, DrillScreen
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.steady_text import SteadyText


async def settle(pilot: Pilot[None]) -> None:
    """Wait out the panel's pause and its worker."""
    await pilot.pause(PANEL_DELAY + 0.15)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_panel_is_scored_once_after_a_burst_of_typing(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        screen = screen_as(app, DrillScreen)
        await settle(pilot)
        scored: list[str] = []
        original = DrillScreen.update_panel

        def counting(self: DrillScreen) -> None:
            scored.append(self.session.answer)
            original(self)

        monkeypatch.setattr(DrillScreen, "update_panel", counting)
        await pilot.press(*"A lease expires; ")
        await pilot.pause(PANEL_DELAY / 2)
        await pilot.press(*"fencing tokens grow with each grant.")
        await pilot.pause(PANEL_DELAY / 2)  # longer than the pause since the first key
        assert scored == []  # the pause is counted from the last key
        await settle(pilot)
        assert scored == ["A lease expires; fencing tokens grow with each grant."]
        checklist = str(screen.query_one("#checklist", Static).render())
        assert "[x] Lease Expiry" in checklist and "[x] Fencing Tokens" in checklist


async def test_typing_blind_is_highlighted_and_scored_when_blind_mode_ends(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter", "ctrl+b", *"The lease expires.")
        await settle(pilot)
        screen = screen_as(app, DrillScreen)
        editor = screen.query_one("#answer", AnswerEditor)
        assert not editor.get_line(0).spans
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert editor.get_line(0).spans  # "lease", typed while blind
        assert "[x] Lease Expiry" in str(screen.query_one("#checklist", Static).render())


class OneText(App[None]):
    def compose(self) -> ComposeResult:
        yield SteadyText(id="steady")


async def test_steady_text_lays_out_only_when_its_height_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    layouts: list[bool] = []
    original = Static.update

    def recording(self: Static, content: Any = "", *, layout: bool = True) -> None:
        layouts.append(layout)
        original(self, content, layout=layout)

    app = OneText()
    async with app.run_test(size=(30, 10)) as pilot:
        steady = app.query_one(SteadyText)
        monkeypatch.setattr(Static, "update", recording)
        steady.show_text("Answer  0:01 / 3-4 min")
        await pilot.pause()
        steady.show_text("Answer  0:02 / 3-4 min")  # same height: repaint only
        steady.show_text("Answer  0:02 / 3-4 min")  # the same text: nothing at all
        steady.show_text("Answer  3:30 / 3-4 min · wrap up (0:30 left)")  # two lines now
        await pilot.pause()
        assert layouts == [True, False, True]
        assert steady.size.height == 2


async def test_spans_repaint_only_the_lines_they_change(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        editor = screen_as(app, DrillScreen).query_one("#answer", AnswerEditor)
        editor.load_text("first paragraph\n\nlease here\n\nlast one")
        await pilot.pause()
        lease = {2: [LineSpan(0, 5, Tier.CORE)]}
        editor.show_spans(lease)
        await pilot.pause()
        repainted: list[tuple[int, int]] = []
        monkeypatch.setattr(editor, "refresh_lines", lambda y, n=1: repainted.append((y, n)))
        editor.show_spans(dict(lease))  # nothing changed
        assert repainted == []
        editor.show_spans({**lease, 4: [LineSpan(0, 4, Tier.BONUS)]})
        assert repainted == [(4, 1)]
        assert editor.get_line(4).spans and editor.field is AnswerField.ANSWER
