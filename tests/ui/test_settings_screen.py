"""The settings screen: a key on home and a palette command, checked as `trainer settings`
checks, saved per profile."""

from __future__ import annotations

from textual.widgets import Input, Label

from tests.ui.conftest import MakeApp, screen_as
from tests.ui.screen_text import screen_text
from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import Store
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.settings import SettingsScreen


async def test_s_on_home_changes_and_saves_every_setting(make_app: MakeApp, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        screen = screen_as(app, SettingsScreen)
        text = screen_text(app)
        assert "New cards per day (0 to 100)" in text and "Bell with the time alerts" in text
        new_per_day = screen.query_one("#new-per-day", Input)
        assert new_per_day.has_focus and new_per_day.value == "5"
        await pilot.press("backspace", "8", "tab")  # tab: the retention field
        await pilot.press("tab", "tab", "space")  # past the interval, onto blind by default
        await pilot.press("tab", "tab", "space")  # past time alerts, onto the bell
        assert screen.query_one("#blind-by-default-state", Label).content == "on"
        assert screen.query_one("#bell-state", Label).content == "off"
        await pilot.press("ctrl+s")
        screen_as(app, HomeScreen)
    assert store.settings("ana") == Settings(
        fuzz=False, new_per_day=8, blind_by_default=True, bell=False
    )


async def test_a_bad_value_is_one_line_naming_it_and_nothing_is_saved(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        screen = screen_as(app, SettingsScreen)
        retention = screen.query_one("#desired-retention", Input)
        retention.value = "1.5"
        await pilot.press("ctrl+s")
        error = screen.query_one("#settings-error", Label)
        assert str(error.content) == (
            "desired-retention: desired retention must be between 0.70 and 0.99"
        )
        assert retention.has_focus
        await pilot.press("escape")
        screen_as(app, HomeScreen)
    assert store.settings("ana") == Settings(fuzz=False)


async def test_the_palette_opens_the_settings(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"settings")
        await pilot.press("enter")
        await pilot.pause()
        screen_as(app, SettingsScreen)
        assert "ctrl+p, then 'theme'" in screen_text(app)
