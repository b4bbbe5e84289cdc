"""The config file in the app: remapped keys, the theme (and the one chosen written back),
problems shown as toasts while the app starts with defaults, and a new database announced."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Static

from tests.ui.conftest import CARDS, FakeClock
from trainer.core.cards.bank import load_bank
from trainer.core.config.file import load_config
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.screens.bank_browser import BankBrowser
from trainer.ui.screens.home import HomeScreen


def app_with(store: Store, clock: FakeClock, path: Path, text: str) -> TrainerApp:
    path.write_text(text)
    return TrainerApp(load_bank([CARDS]), store, "ana", clock, config=load_config(path))


async def test_a_remapped_key_opens_the_bank_and_the_old_one_does_not(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    app = app_with(store, clock, tmp_path / "config.toml", '[keys]\n"home.browse" = "z"\n')
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("z")
        assert isinstance(app.screen, BankBrowser)


async def test_the_configured_theme_is_used_and_a_chosen_one_is_written_back(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    app = app_with(store, clock, path, '# mine\ntheme = "nord"\n')
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "nord"
        app.theme = "gruvbox"  # what picking it in ctrl+p "theme" does
        await pilot.pause()
    assert tomllib.loads(path.read_text()) == {"theme": "gruvbox"}
    assert path.read_text().startswith("# mine\n")


async def test_problems_are_toasts_naming_file_line_and_key_and_defaults_stand(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    text = 'theme = "no-such-theme"\n[keys]\n"home.brose" = "z"\n"home.pair" = 3\n'
    app = app_with(store, clock, path, text)
    async with app.run_test(size=(100, 30)) as pilot:
        messages = [toast.message for toast in app._notifications]  # no public list of toasts
        assert any(m.startswith(f"{path}:1: theme: no theme 'no-such-theme'") for m in messages)
        assert any(
            m.startswith(f"{path}:3: keys.home.brose: no binding has this id") for m in messages
        )
        assert any(
            m.startswith(f"{path}:4: keys.home.pair: expected the keys as text") for m in messages
        )
        assert app.theme == "textual-dark"
        await pilot.press("b")
        assert isinstance(app.screen, BankBrowser)


async def test_home_says_when_the_database_is_new(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    app = TrainerApp(load_bank([CARDS]), store, "ana", clock, new_database=store.paths.main)
    async with app.run_test(size=(120, 30)):
        today = str(app.screen.query_one("#today", Static).render())
        assert f"New database at {store.paths.main}" in today
