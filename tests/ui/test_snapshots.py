"""How the key screens look at a small, a middling and a large terminal: home, the answer
phase with highlights, the review, the history, and both views of a pair interview."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from fsrs import Rating
from textual.pilot import Pilot

from tests.ui.conftest import CARDS, START, FakeClock, MakeApp
from trainer.core.cards.bank import load_bank
from trainer.core.grading.scoring import Band
from trainer.core.practice.plan import PairPlan
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt, Mode
from trainer.ui.app import TrainerApp
from trainer.ui.screens.drill import PANEL_DELAY
from trainer.ui.widgets.answer_editor import AnswerEditor

# 80x24 is the smallest terminal everything must fit; 160x50 must use the space.
SIZES = {"80x24": (80, 24), "100x30": (100, 30), "160x50": (160, 50)}
SIZE_IDS = list(SIZES)

SnapCompare = Callable[..., bool]


def seed_history(store: Store) -> None:
    """Three attempts: one failed, one good, one paired."""
    for days, card_id, score, band, interviewer in (
        (6, "test-L3-003", 42.0, Band.INSUFFICIENT, None),
        (3, "test-L5-002", 77.5, Band.GOOD, None),
        (1, "test-L4-001", 64.0, Band.NEEDS_IMPROVEMENT, "ivy"),
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
                mode=Mode.PAIR if interviewer else Mode.SOLO,
                interviewer=interviewer,
            ),
            Rating.Again if band is not Band.GOOD else Rating.Hard,
            started,
        )


async def no_blink(pilot: Pilot[None]) -> None:
    for editor in pilot.app.screen.query(AnswerEditor):
        editor.cursor_blink = False
    await pilot.pause(0.4)  # the side panel follows typing after a short delay


@pytest.mark.parametrize("size", SIZE_IDS)
def test_home_snapshot(
    snap_compare: SnapCompare, make_app: MakeApp, store: Store, size: str
) -> None:
    seed_history(store)
    assert snap_compare(make_app(), terminal_size=SIZES[size])


async def type_answer(pilot: Pilot[None]) -> None:
    """Type, then let the side panel catch up: it is scored after a pause in typing."""
    await pilot.press("b", "down", "enter")
    await no_blink(pilot)
    await pilot.press(*"A lease expires after a bounded time; fencing tokens grow with each grant.")
    await pilot.pause(PANEL_DELAY + 0.15)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZE_IDS)
def test_answer_phase_snapshot(snap_compare: SnapCompare, make_app: MakeApp, size: str) -> None:
    assert snap_compare(make_app(), terminal_size=SIZES[size], run_before=type_answer)


@pytest.mark.parametrize("size", SIZE_IDS)
def test_review_snapshot(snap_compare: SnapCompare, make_app: MakeApp, size: str) -> None:
    typed = "A lease expires. Fencing tokens grow with each grant."
    assert snap_compare(
        make_app(),
        terminal_size=SIZES[size],
        press=["b", "down", "enter", *typed, "ctrl+n", "ctrl+n", "3"],
    )


@pytest.mark.parametrize("size", SIZE_IDS)
def test_history_snapshot(
    snap_compare: SnapCompare, make_app: MakeApp, store: Store, size: str
) -> None:
    seed_history(store)
    assert snap_compare(make_app(), terminal_size=SIZES[size], press=["h"])


def pair_app(store: Store, clock: FakeClock) -> TrainerApp:
    plan = PairPlan("ivy", "cal", "test-L4-001", typed=True)
    return TrainerApp(load_bank([CARDS]), store, "ana", clock, pair=plan)


PAIR_KEYS = {
    "candidate": ["enter", *"The lease ends."],
    "interviewer": ["enter", *"The lease ends.", "ctrl+g", "enter"],
    "reveal": [
        *("enter", *"The lease ends.", "ctrl+g", "enter"),  # the interviewer listens
        *("ctrl+n", "ctrl+n"),  # discussion, then the end
        *("enter", "3", "ctrl+s"),  # the candidate rates their answer
        "enter",  # both of them: the verdicts
    ],
}


def blinkless(keys: list[str]) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        for editor in pilot.app.screen.query(AnswerEditor):
            editor.cursor_blink = False
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZE_IDS)
@pytest.mark.parametrize("view", list(PAIR_KEYS))
def test_pair_snapshot(
    snap_compare: SnapCompare, store: Store, clock: FakeClock, view: str, size: str
) -> None:
    app = pair_app(store, clock)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=blinkless(PAIR_KEYS[view]))


async def test_home_fits_80x24_and_uses_160x50(make_app: MakeApp, store: Store) -> None:
    """At 80x24 every footer key (q Quit too) and every column of the recent attempts show;
    at 160x50 the today pane is wider than a strip and the forecast taller than 3 rows."""
    from tests.ui.screen_text import screen_text

    seed_history(store)
    app = make_app()
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "q Quit" in text.splitlines()[-1]
        assert "Card" in text and "Ordering Events Without Clocks" in text.split("When")[1]
    app = make_app()
    async with app.run_test(size=SIZES["160x50"]) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#today-pane").size.width > 40
        assert app.screen.query_one("#forecast").size.height > 3


async def test_the_editors_keep_a_readable_measure_at_160x50(
    make_app: MakeApp, store: Store, clock: FakeClock
) -> None:
    """At 160 columns no editor runs the width of the screen: the drill's is at most 90
    wide with the side panel taking the rest, and the pair candidate's is at most 96."""
    app = make_app()
    async with app.run_test(size=SIZES["160x50"]) as pilot:
        await pilot.press("b", "down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#answer").size.width <= 90
        assert app.screen.query_one("#side").size.width > 44
    app = pair_app(store, clock)
    async with app.run_test(size=SIZES["160x50"]) as pilot:
        await pilot.press("enter")
        assert app.screen.query_one("#cd-answer").size.width <= 96
    app = make_app()
    async with app.run_test(size=SIZES["80x24"]) as pilot:
        await pilot.press("b", "down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#answer").size.width >= 48  # small screens keep it all
