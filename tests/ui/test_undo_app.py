"""Undo on home: `u` and the palette's "undo last rating: <card>" restore the schedule saved
before the last rating and say what was undone."""

from __future__ import annotations

from datetime import timedelta

from fsrs import Rating
from textual.widgets import Static

from tests.ui.conftest import CARDS, START, MakeApp, screen_as
from tests.ui.screen_text import screen_text
from trainer.core.cards.bank import load_bank
from trainer.core.grading.scoring import Band
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt
from trainer.ui.screens.home import HomeScreen


def today(home: HomeScreen) -> str:
    return str(home.query_one("#today", Static).content)


def rate_first_card(store: Store, rating: Rating = Rating.Good) -> tuple[str, str]:
    card = load_bank([CARDS]).cards[0]
    saved = Attempt(
        profile="ana",
        card_id=card.id,
        card_hash="h",
        card_title=card.title,
        started=START - timedelta(minutes=15),
        ended=START - timedelta(minutes=1),
        answer="an answer",
        score=70.0,
        band=Band.GOOD,
    )
    store.save_attempt(saved, rating, START - timedelta(minutes=1))
    return card.id, card.title


async def test_u_on_home_undoes_the_last_rating_and_says_so(
    make_app: MakeApp, store: Store
) -> None:
    card_id, title = rate_first_card(store)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        home = screen_as(app, HomeScreen)
        assert f"Last rating: Good on {title} (u to undo)" in today(home)
        await pilot.press("u")
        await pilot.pause()
        assert card_id not in store.schedule("ana")  # new again, as before its first rating
        toasts = [toast.message for toast in app._notifications]  # no public list of toasts
        assert toasts == [f"Undid Good on {title}: new again"]
        assert "Last rating" not in today(home)
        await pilot.press("u")
        await pilot.pause()
        assert list(app._notifications)[-1].message == "Nothing to undo for ana."


async def test_the_palette_names_the_card_whose_rating_it_undoes(
    make_app: MakeApp, store: Store
) -> None:
    card_id, title = rate_first_card(store, Rating.Hard)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"undo")
        await pilot.pause()
        assert f"undo last rating: {title}" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert card_id not in store.schedule("ana")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert "undo last rating" not in screen_text(app)  # nothing left to undo
