"""Home: r resumes the unfinished drill at once, the resume dialog says all it has to say, and
with nothing left today it offers one more new card or any card (Anki's custom study)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from textual.widgets import Label, Static

from tests.ui.conftest import CARDS, START, MakeApp, screen_as
from trainer.core.cards.bank import load_bank
from trainer.core.grading.scoring import Band
from trainer.core.practice.plan import time_used_in_words
from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt, Draft, Phase
from trainer.ui.screens.drill import DrillScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.modals import ResumeScreen

FIRST = load_bank([CARDS]).cards[0].id


def leave_a_draft(app_store: Store, seconds: float) -> None:
    from trainer.core.store.drafts import DraftStore

    draft = Draft(
        profile="ana",
        card_id=FIRST,
        started=START - timedelta(minutes=5),
        answer="Half an answer",
        seconds_used={Phase.ANSWER: seconds},
    )
    DraftStore(app_store.paths.drafts).save(draft)


@pytest.mark.parametrize(
    ("seconds", "words"), [(0, "0 s"), (30, "30 s"), (59.4, "59 s"), (60, "1 min"), (270, "4 min")]
)
def test_time_used_in_words(seconds: float, words: str) -> None:
    assert time_used_in_words(seconds) == words


LONG_TITLE = "Ordering Events Without Clocks Across Regions, Partitions and Leap Seconds"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_resume_dialog_is_whole_and_says_seconds(
    make_app: MakeApp, store: Store, size: tuple[int, int], tmp_path: Path
) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    for card in CARDS.glob("*.md"):  # the first card with a title longer than the dialog
        text = card.read_text(encoding="utf-8")
        (bank / card.name).write_text(
            text.replace("Ordering Events Without Clocks", LONG_TITLE), encoding="utf-8"
        )
    leave_a_draft(store, 30)
    app = make_app(bank)
    async with app.run_test(size=size):
        dialog = screen_as(app, ResumeScreen).query_one(".dialog")
        question = dialog.query_one(".dialog-question", Label)
        description = f"{LONG_TITLE} (answer phase, 30 s used)"
        assert str(question.content) == description
        # Wrapped inside the dialog, not cut at its edge.
        assert question.region.right <= dialog.content_region.right
        assert question.size.width * question.size.height >= len(description)


async def test_r_on_home_resumes_without_asking_again(make_app: MakeApp, store: Store) -> None:
    leave_a_draft(store, 30)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")  # later
        screen_as(app, HomeScreen)
        await pilot.press("r")
        await pilot.pause()
        drill = screen_as(app, DrillScreen)
        assert drill.session.card.id == FIRST


async def test_r_with_no_draft_says_so(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen_as(app, HomeScreen)
        toasts = [toast.message for toast in app._notifications]  # no public list of toasts
        assert toasts == ["No unfinished drill to resume."]


async def test_with_the_day_used_home_offers_one_more_new_card(
    make_app: MakeApp, store: Store
) -> None:
    store.update_settings("ana", Settings(fuzz=False, new_per_day=1))
    first = Attempt(
        profile="ana",
        card_id=FIRST,
        card_hash="h",
        started=START - timedelta(minutes=15),
        ended=START - timedelta(minutes=1),
        answer="an answer",
        score=90.0,
        band=Band.EXCELLENT,
    )
    store.save_attempt(first, Rating.Good, START - timedelta(minutes=1))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = screen_as(app, HomeScreen)
        today = str(home.query_one("#today", Static).content)
        assert "Nothing due now, and today's new card is started." in today
        assert "m  one more new card" in today and "b  drill any card (the bank)" in today
        await pilot.press("enter")  # nothing to start: says what to do instead
        assert "m for one more new card" in list(app._notifications)[-1].message
        await pilot.press("m")
        await pilot.pause()
        drill = screen_as(app, DrillScreen)
        assert drill.session.card.id == load_bank([CARDS]).cards[1].id  # never drilled
