"""The review shows where the card's facts come from, under the model answer."""

from __future__ import annotations

from textual.widgets import Markdown

from tests.ui.conftest import BANK, FakeClock, MakeApp
from trainer.core.practice.session import AnswerField, DrillSession
from trainer.ui.screens.review import ReviewScreen


async def test_review_lists_the_cards_sources_under_the_model_answer(
    make_app: MakeApp, clock: FakeClock
) -> None:
    app = make_app(BANK)
    async with app.run_test(size=(120, 60)) as pilot:
        card = app.bank.by_id("consensus-L3-001")
        assert card is not None and card.sources
        session = DrillSession(card, app.profile, clock.now())
        session.type_text(AnswerField.ANSWER, "A candidate needs a majority of votes.")
        session.finish(clock.monotonic())
        await app.push_screen(ReviewScreen(session))
        await pilot.press("s")  # skip the self-assessment: the rubric is revealed
        source = app.screen.query_one("#model-answers", Markdown).source
        assert "Read more: the sources of this card" in source
        assert all(cited in source for cited in card.sources)
