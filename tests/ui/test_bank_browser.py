"""The bank browser: live filter, preview of the question only, drill from it (snapshot too)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.conftest import FakeClock, MakeApp
from trainer.core.cards.bank import Bank, load_bank
from trainer.core.grading.scoring import Band
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.screens.bank_browser import BankBrowser
from trainer.ui.screens.drill import DrillScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.widgets.card_table import CardTable


def preview_text(app: TrainerApp) -> str:
    return str(app.screen.query_one("#preview", Static).render())


async def settle(app: TrainerApp, pilot: Pilot[None]) -> None:
    """Until the filter typed so far is shown (it runs in a thread)."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_filter_narrows_the_table_and_preview_follows(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BankBrowser)
        table = app.screen.query_one("#cards", CardTable)
        await pilot.pause()
        assert table.row_count == 3
        assert "Ordering Events Without Clocks" in preview_text(app)
        await pilot.press("slash", *"quorum")
        await settle(app, pilot)
        assert table.row_count == 1
        assert "Sizing Read And Write Quorums" in preview_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert table.row_count == 3
        await pilot.press("slash", *"nothing-like-this")
        await settle(app, pilot)
        assert table.row_count == 0
        assert "No card matches" in preview_text(app)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_preview_shows_the_question_never_the_rubric(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down")
        text = preview_text(app)
        assert "Why do distributed locks need leases" in text
        assert "Answer 3-4 min · Discussion 5-7 min" in text
        card = app.bank.by_id("test-L4-001")
        assert card is not None
        for concept in (*card.core_concepts, *card.bonus_concepts):
            assert concept.name not in text
        await pilot.press("enter")
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.session.card.id == "test-L4-001"


async def test_derived_budget_is_marked(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        assert "(from level)" in preview_text(app)


def test_bank_browser_snapshot(snap_compare: Callable[..., bool], make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30), press=["b"])


async def test_preview_tells_when_the_card_comes_back(
    make_app: MakeApp, store: Store, clock: FakeClock
) -> None:
    from fsrs import Rating

    from trainer.core.store.records import Attempt

    now = clock.now()
    store.save_attempt(
        Attempt(
            profile="ana",
            card_id="test-L3-003",
            card_hash="h",
            started=now,
            ended=now,
            answer="x",
            score=95.0,
            band=Band.EXCELLENT,
        ),
        Rating.Good,
        now,
    )
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        text = preview_text(app)
        assert "Next review in 2 days · memory holds about 2 days" in text
        await pilot.press("down")
        assert "Next review new card, not reviewed yet" in preview_text(app)


LARGE = 2_000


@pytest.fixture(scope="module")
def large_bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    """2,000 generated cards: the bundled ones varied (ids bench-0000..., 17 topics), parsed
    once for the module."""
    from tests.perf.bench_bank import make_bank

    root = tmp_path_factory.mktemp("large-bank")
    make_bank(root, LARGE)
    bank = load_bank([root])
    assert len(bank.cards) == LARGE
    return bank


@pytest.fixture
def make_large_app(large_bank: Bank, store: Store, clock: FakeClock) -> Callable[[], TrainerApp]:
    return lambda: TrainerApp(large_bank, store, "ana", clock)


async def test_a_large_bank_filters_and_the_latest_keystroke_wins(
    make_large_app: Callable[[], TrainerApp],
) -> None:
    app = make_large_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        browser = app.screen
        assert isinstance(browser, BankBrowser)
        table = browser.query_one("#cards", CardTable)
        assert table.row_count == LARGE
        # Only the rows on screen are drawn: the widget holds no row objects.
        assert len(browser.query(CardTable)) == 1 and not table.children
        await pilot.press("slash", *"bench-0042")
        await settle(app, pilot)
        assert [card.id for card in table.cards] == ["bench-0042"]
        assert "bench-0042" in preview_text(app)
        # A filter that finishes after a newer key was typed is never shown.
        stale = browser.matching("t3-")
        browser._filtered(stale, "t3-")
        assert [card.id for card in table.cards] == ["bench-0042"]
        # Keys typed faster than the filter: the table ends on the last text typed.
        await pilot.press("escape", "slash", *"t5- t5-")
        await settle(app, pilot)
        assert browser.shown_for == "t5- t5-"
        assert table.row_count == len(browser.matching("t5-"))
        assert all(card.topic.startswith("t5-") for card in table.cards)
        assert table.row_count == len([c for c in app.bank.cards if c.topic.startswith("t5-")])
        # Back to a shorter text: the table widens again (t1 matches t1- and t10- to t16-).
        await pilot.press(*["backspace"] * 5)
        await settle(app, pilot)
        assert browser.shown_for == "t5"
        await pilot.press("backspace", "1")
        await settle(app, pilot)
        assert table.row_count == len([c for c in app.bank.cards if "t1" in c.searchable_text()])
        assert {card.topic.split("-")[0] for card in table.cards} >= {"t1", "t10", "t16"}


async def test_enter_drills_the_selected_card_of_a_large_bank(
    make_large_app: Callable[[], TrainerApp],
) -> None:
    app = make_large_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "slash", *"t7-", "enter")  # enter: to the table, filter applied
        browser = app.screen
        assert isinstance(browser, BankBrowser)
        table = browser.query_one("#cards", CardTable)
        assert table.has_focus and table.row_count > 100
        await pilot.press("pagedown", "down", "down")
        expected = table.current
        assert expected is not None and expected is table.cards[table.cursor_row]
        assert table.cursor_row > 2 and expected.id in preview_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.session.card.id == expected.id


async def test_enter_typed_right_after_the_filter_drills_from_the_filtered_cards(
    make_large_app: Callable[[], TrainerApp],
) -> None:
    app = make_large_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "slash", *"bench-1999", "enter", "enter")
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.session.card.id == "bench-1999"


async def test_a_click_moves_the_cursor_and_a_double_click_drills(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        browser = app.screen
        assert isinstance(browser, BankBrowser)
        table = browser.query_one("#cards", CardTable)
        await pilot.click("#cards", offset=(5, 3))  # the header, then rows 0, 1, 2
        assert table.cursor_row == 2
        clicked = table.current
        assert clicked is not None and clicked.title in preview_text(app)
        await pilot.click("#cards", offset=(5, 0))  # the header: nothing happens
        assert table.cursor_row == 2
        await pilot.double_click("#cards", offset=(5, 2))
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.session.card.id == table.cards[1].id
