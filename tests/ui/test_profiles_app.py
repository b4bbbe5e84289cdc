"""Profiles on home (p): rename, delete after a confirmation naming the attempts, and pair
interviewers who never answered kept out of the list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fsrs import Rating
from textual.widgets import Input, Label, OptionList

from tests.ui.conftest import CARDS, START, FakeClock, MakeApp, screen_as
from tests.ui.screen_text import screen_text
from trainer.core.cards.bank import load_bank
from trainer.core.config.file import UserConfig
from trainer.core.grading.scoring import Band
from trainer.core.practice.plan import PairPlan
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt
from trainer.ui.app import TrainerApp
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.modals import ConfirmScreen
from trainer.ui.screens.pair import PairScreen
from trainer.ui.screens.profiles import ProfileScreen, RenameScreen


def save(store: Store, profile: str, interviewer: str | None = None) -> None:
    attempt = Attempt(
        profile=profile,
        card_id="test-L3-001",
        card_hash="h",
        started=START - timedelta(minutes=15),
        ended=START - timedelta(minutes=1),
        answer="an answer",
        score=70.0,
        band=Band.GOOD,
        interviewer=interviewer,
    )
    store.save_attempt(attempt, Rating.Good, START - timedelta(minutes=1))


def listed(app: TrainerApp) -> list[str]:
    listing = screen_as(app, ProfileScreen).query_one("#profiles", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_r_renames_the_current_profile_everywhere(make_app: MakeApp, store: Store) -> None:
    save(store, "ana")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert listed(app) == ["ana  (current)"]
        await pilot.press("r")
        rename = screen_as(app, RenameScreen)
        assert rename.query_one("#rename-to", Input).value == "ana"
        rename.query_one("#rename-to", Input).value = "Ana B"
        await pilot.press("enter")
        await pilot.pause()
        assert listed(app) == ["Ana B  (current)"]
        await pilot.press("escape")
        screen_as(app, HomeScreen)
        assert app.profile == "Ana B" and "profile Ana B" in screen_text(app)
    assert [s.profile for s in store.summaries()] == ["Ana B"]


async def test_a_taken_name_is_refused_in_one_line(make_app: MakeApp, store: Store) -> None:
    store.ensure_profile("ben")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p", "r")
        screen_as(app, RenameScreen).query_one("#rename-to", Input).value = "ben"
        await pilot.press("enter")
        await pilot.pause()
        error = screen_as(app, ProfileScreen).query_one("#profile-error", Label)
        assert str(error.content) == "Not renamed: a profile named 'ben' already exists"
    assert [p.name for p in store.profiles()] == ["ana", "ben"]


async def test_d_deletes_after_a_confirmation_naming_the_attempts(
    make_app: MakeApp, store: Store
) -> None:
    store.ensure_profile("ben")
    save(store, "ben")
    save(store, "ben")
    save(store, "ana")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p", "down", "d")
        screen_as(app, ConfirmScreen)
        assert "Delete ben and their 2 attempts?" in screen_text(app)
        await pilot.press("n")
        assert listed(app) == ["ana  (current)", "ben"]
        await pilot.press("d", "y")
        await pilot.pause()
        assert listed(app) == ["ana  (current)"]
    assert [s.profile for s in store.summaries()] == ["ana"]
    assert store.schedule("ben") == {}


async def test_deleting_the_current_profile_switches_to_another(
    make_app: MakeApp, store: Store
) -> None:
    store.ensure_profile("ben")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p", "d", "y")
        await pilot.pause()
        assert app.profile == "ben" and listed(app) == ["ben  (current)"]


async def test_a_pair_interviewer_does_not_become_a_profile(store: Store, clock: FakeClock) -> None:
    plan = PairPlan("ivy", "cal", "test-L4-001", True)
    app = TrainerApp(load_bank([CARDS]), store, "ana", clock, pair=plan)
    async with app.run_test(size=(100, 30)):
        screen_as(app, PairScreen)
    assert [p.name for p in store.profiles()] == ["ana", "cal"]


async def test_an_older_release_interviewer_profile_is_marked(
    make_app: MakeApp, store: Store
) -> None:
    store.ensure_profile("ivy")
    save(store, "ana", interviewer="ivy")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p")
        assert listed(app) == ["ana  (current)", "ivy  (interviewer only)"]


async def test_renaming_the_configured_profile_says_the_config_still_names_it(
    store: Store, clock: FakeClock, tmp_path: Path
) -> None:
    config = UserConfig(tmp_path / "config.toml", profile="ana")
    app = TrainerApp(load_bank([CARDS]), store, "ana", clock, config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("p", "r")
        screen_as(app, RenameScreen).query_one("#rename-to", Input).value = "Ana B"
        await pilot.press("enter")
        await pilot.pause()
        toasts = [toast.message for toast in app._notifications]  # no public list of toasts
        assert f"{config.path} still names ana as the profile: change `profile =` there." in toasts
