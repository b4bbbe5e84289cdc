"""The first screen while the app reads the bank: painted at once, progress while cards are
parsed, then home over the bank it read."""

from __future__ import annotations

import threading

from textual.widgets import ProgressBar, Static

from tests.ui.conftest import CARDS, FakeClock, screen_as
from trainer.core.cards.bank import Bank, Progress, load_bank
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.screens.bank_loading import BankLoadingScreen
from trainer.ui.screens.home import HomeScreen


async def test_the_app_reads_the_bank_behind_a_first_screen_showing_progress(
    store: Store, clock: FakeClock
) -> None:
    release = threading.Event()
    bank = load_bank([CARDS])

    def loader(progress: Progress) -> Bank:
        progress(1, 3)  # one card of three parsed: then waits for the test to look
        assert release.wait(timeout=30)
        progress(3, 3)
        return bank

    app = TrainerApp(Bank((), (), 0), store, "ana", clock, bank_loader=loader)
    async with app.run_test(size=(100, 30)) as pilot:
        loading = screen_as(app, BankLoadingScreen)
        text = loading.query_one("#bank-loading-text", Static)
        for _ in range(500):  # until the thread's first report is shown
            if "Reading 3 new or changed cards" in str(text.render()):
                break
            await pilot.pause()
        assert "Reading 3 new or changed cards into the cache (1 so far)" in str(text.render())
        bar = loading.query_one(ProgressBar)
        assert bar.display and bar.total == 3 and bar.progress == 1
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen_as(app, HomeScreen)
        assert app.bank is bank and len(app.bank.cards) == 3


async def test_a_bank_from_the_cache_shows_no_progress_bar(store: Store, clock: FakeClock) -> None:
    bank = load_bank([CARDS])
    release = threading.Event()

    def loader(progress: Progress) -> Bank:
        assert release.wait(timeout=30)  # nothing parsed: progress is never called
        return bank

    app = TrainerApp(Bank((), (), 0), store, "ana", clock, bank_loader=loader)
    async with app.run_test(size=(100, 30)) as pilot:
        loading = screen_as(app, BankLoadingScreen)
        assert "Reading the bank of cards" in str(loading.query_one(Static).render())
        assert not loading.query_one(ProgressBar).display
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen_as(app, HomeScreen)
        assert app.bank is bank
        await pilot.press("b")  # the browser shows the bank that was read
        assert "3 cards" in (app.screen.sub_title or "")
