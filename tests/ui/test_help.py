"""Help (F1 or ?) lists every key of the screen it is opened on, from the bindings themselves."""

from __future__ import annotations

from tests.ui.conftest import MakeApp
from tests.ui.screen_text import screen_text
from trainer.ui.screens.help import HelpScreen
from trainer.ui.screens.home import HomeScreen


async def test_help_lists_the_keys_of_the_screen_underneath(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 50)) as pilot:  # every key and command fits
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        described = {
            b.binding.description for b in home.active_bindings.values() if b.binding.description
        }
        assert described and all(description in text for description in described)
        assert "drill: start next due" in text  # the palette's commands too
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)


async def test_question_mark_is_text_in_an_editor(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # drill the next card
        await pilot.press("w", "h", "y", "question_mark")
        assert not isinstance(app.screen, HelpScreen)
        assert "why?" in screen_text(app)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "Pause" in screen_text(app) or "pause" in screen_text(app)
