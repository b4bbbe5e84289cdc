"""The bank browser: live filter, preview of the question only, drill from it (snapshot too)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Static

from tests.ui.conftest import FakeClock, MakeApp
from trainer.core.grading.scoring import Band
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.screens.bank_browser import BankBrowser
from trainer.ui.screens.drill import DrillScreen
from trainer.ui.screens.home import HomeScreen


def preview_text(app: TrainerApp) -> str:
    return str(app.screen.query_one("#preview", Static).render())


async def test_filter_narrows_the_table_and_preview_follows(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BankBrowser)
        table = app.screen.query_one("#cards", DataTable)
        assert table.row_count == 3
        assert "Ordering Events Without Clocks" in preview_text(app)
        await pilot.press("slash", *"quorum")
        assert table.row_count == 1
        assert "Sizing Read And Write Quorums" in preview_text(app)
        await pilot.press("escape")
        assert table.row_count == 3
        await pilot.press("slash", *"nothing-like-this")
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
