"""The bank browser: live filter, preview of the question only, and its look (snapshot)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from trainer.core.bank import load_bank
from trainer.ui.app import TrainerApp

CARDS = Path(__file__).resolve().parent.parent / "data" / "cards"


def make_app() -> TrainerApp:
    return TrainerApp(load_bank([CARDS]))


def preview_text(app: TrainerApp) -> str:
    return str(app.screen.query_one("#preview", Static).render())


async def test_filter_narrows_the_table_and_preview_follows() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
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


async def test_moving_the_cursor_previews_the_card_but_never_its_rubric() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")
        text = preview_text(app)
        assert "Why do distributed locks need leases" in text
        assert "Answer 3-4 min · Discussion 5-7 min" in text
        card = app.bank.by_id("test-L4-001")
        assert card is not None
        for concept in (*card.core_concepts, *card.bonus_concepts):
            assert concept.name not in text
        assert card.sample_excellent not in text


async def test_derived_budget_is_marked() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)):
        assert "(from level)" in preview_text(app)


def test_bank_browser_snapshot(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30))
