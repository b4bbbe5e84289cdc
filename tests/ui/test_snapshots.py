"""How the key screens look: home, the answer phase with highlights, the review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fsrs import Rating
from textual.pilot import Pilot

from tests.ui.conftest import START, MakeApp
from trainer.core.grading.scoring import Band
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt
from trainer.ui.screens.drill import PANEL_DELAY
from trainer.ui.widgets.answer_editor import AnswerEditor

SIZE = (100, 30)


def seed_history(store: Store) -> None:
    for days, card_id, score, band in (
        (6, "test-L3-003", 42.0, Band.INSUFFICIENT),
        (3, "test-L5-002", 77.5, Band.GOOD),
    ):
        started = START - timedelta(days=days)
        store.save_attempt(
            Attempt(
                profile="ana",
                card_id=card_id,
                card_hash="h",
                started=started,
                ended=started + timedelta(minutes=12),
                answer="An answer.",
                score=score,
                band=band,
            ),
            Rating.Again if band == Band.INSUFFICIENT else Rating.Hard,
            started,
        )


async def no_blink(pilot: Pilot[None]) -> None:
    for editor in pilot.app.screen.query(AnswerEditor):
        editor.cursor_blink = False
    await pilot.pause(0.4)  # the side panel follows typing after a short delay


def test_home_snapshot(snap_compare: Callable[..., bool], make_app: MakeApp, store: Store) -> None:
    seed_history(store)
    assert snap_compare(make_app(), terminal_size=SIZE)


async def type_answer(pilot: Pilot[None]) -> None:
    """Type, then let the side panel catch up: it is scored after a pause in typing."""
    await pilot.press("b", "down", "enter")
    await no_blink(pilot)
    await pilot.press(*"A lease expires after a bounded time; fencing tokens grow with each grant.")
    await pilot.pause(PANEL_DELAY + 0.15)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_answer_phase_snapshot(snap_compare: Callable[..., bool], make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=type_answer)


def test_review_snapshot(snap_compare: Callable[..., bool], make_app: MakeApp) -> None:
    typed = "A lease expires. Fencing tokens grow with each grant."
    assert snap_compare(
        make_app(),
        terminal_size=SIZE,
        press=["b", "down", "enter", *typed, "ctrl+n", "ctrl+n", "3"],
    )
