"""The drill and review by keyboard alone, at small sizes: the follow-up being answered is
always in view, pause hides the question, the time alerts come once, blind mode by setting,
the review's single scroll pane, the overtime rule, and drafts resumed where they were."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import OptionList, Static

from tests.ui.conftest import FakeClock, MakeApp
from tests.ui.screen_text import screen_text
from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.screens.attempt import AttemptScreen
from trainer.ui.screens.drill import DrillScreen
from trainer.ui.screens.review import ReviewScreen
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.transcript import Transcript

ANSWER = "A lease expires. Fencing tokens grow with each grant and the storage checks them."


def drill(app: TrainerApp) -> DrillScreen:
    screen = app.screen
    assert isinstance(screen, DrillScreen)
    return screen


def footer_keys(app: TrainerApp) -> set[str]:
    """The descriptions the footer shows now."""
    return {
        active.binding.description
        for active in app.screen.active_bindings.values()
        if active.binding.show and active.enabled
    }


def inside(inner: Region, outer: Region) -> bool:
    return (
        outer.x <= inner.x
        and outer.y <= inner.y
        and inner.right <= outer.right
        and inner.bottom <= outer.bottom
    )


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_probe_being_answered_is_always_fully_in_view(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("b", "down", "enter")  # the leases card
        await pilot.press(*ANSWER)
        await pilot.pause()
        screen = drill(app)
        assert screen.query_one("#prompt", VerticalScroll).scroll_y == 0  # the question's start
        await pilot.press("ctrl+n")
        for key in ("ctrl+o", "ctrl+r"):
            await pilot.press(key)
            await pilot.pause()
            probe = screen.query_one("#probes", Static)
            editor = screen.query_one("#follow-up", AnswerEditor)
            assert inside(probe.region, app.screen.region) and probe.region.height >= 2
            assert editor.region.y >= probe.region.bottom and editor.region.height >= 3
        assert "Bar-raiser:" in screen_text(app)
        assert screen.session.reply_to == "bar_raiser"
        # What was said before scrolls above, newest last; ctrl+up reaches the question.
        prompt = screen.query_one("#prompt", VerticalScroll)
        assert prompt.scroll_y == prompt.max_scroll_y
        if prompt.max_scroll_y:
            await pilot.press("ctrl+up", "ctrl+up", "ctrl+up", "ctrl+up")
            assert prompt.scroll_y == 0
        assert "Your answer" in str(screen.query_one("#said", Transcript).render())


async def test_pause_hides_the_question_and_locks_the_editor(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", "down", "enter")
        screen = drill(app)
        assert "Pause" in footer_keys(app)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert not screen.query_one("#prompt").display
        assert "Paused" in screen_text(app)
        assert "Resume" in footer_keys(app) and "Pause" not in footer_keys(app)
        await pilot.press(*"free")
        assert screen.session.answer == ""  # read-only while paused
        await pilot.press("ctrl+t")
        await pilot.press(*"now")
        assert screen.session.answer == "now" and screen.query_one("#prompt").display
        screen.tick()
        assert str(screen.query_one("#stats").render()).startswith("1 word ·")


@pytest.mark.parametrize(("alerts", "bell"), [(True, True), (False, True), (True, False)])
async def test_each_bound_of_the_answer_budget_is_announced_once(
    make_app: MakeApp,
    clock: FakeClock,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    alerts: bool,
    bell: bool,
) -> None:
    store.update_settings("ana", Settings(fuzz=False, time_alerts=alerts, bell=bell))
    app = make_app()
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")  # 3-4 min answer
        screen = drill(app)

        def toasts() -> list[str]:
            return [t.message for t in app._notifications if "Answer time" in t.message]

        for step in (100, 90, 10, 30, 30, 120):  # 1:40, 3:10, 3:20, 3:50, 4:20, 6:20
            clock.advance(step)
            screen.tick()
        await pilot.pause()
        assert len(toasts()) == (2 if alerts else 0)
        assert len(rings) == (2 if bell else 0)


async def test_blind_by_default_keeps_the_checklist_off_screen(
    make_app: MakeApp, store: Store
) -> None:
    store.update_settings("ana", Settings(fuzz=False, blind_by_default=True))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", "down", "enter")
        await pilot.pause()
        screen = drill(app)
        assert screen.session.blind
        assert not screen.query_one("#checklist").display
        assert "Core (60%)" not in screen_text(app)
        editor = screen.query_one("#answer", AnswerEditor)
        assert editor.region.width >= 76  # the side panel gave its width to the editor
        assert "Answer" in str(screen.query_one("#timer").render())
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.query_one("#checklist").display and editor.region.width < 60


async def test_review_one_scroll_pane_replies_paired_and_overtime(
    make_app: MakeApp, clock: FakeClock
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", "down", "enter")  # 3-4 min answer
        await pilot.press(*ANSWER)
        clock.advance(400)  # 6:40: more than half past 4 min
        await pilot.press("ctrl+n")
        await pilot.press(*"tokens")
        await pilot.press("ctrl+r", *"compare and set")
        await pilot.press("ctrl+n")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("3")
        await pilot.pause()
        timing = str(review.query_one("#timing", Static).render())
        assert "ran 2:40 over its 3-4 min budget" in timing and "drops one step" in timing
        assert "one step lower for time" in str(review.query_one("#score", Static).render())
        said = str(review.query_one("#review-answer", Transcript).render())
        assert "Bar-raiser:" in said and "compare and set" in said
        assert said.index("tokens") < said.index("Bar-raiser:") < said.index("compare and set")
        scrollers = [w for w in review.query("#review-right *") if isinstance(w, VerticalScroll)]
        assert scrollers == []  # one scroll container, nothing nested in it
        pane = review.query_one("#review-right", VerticalScroll)
        before = pane.scroll_y
        await pilot.press("ctrl+down")
        assert pane.scroll_y > before
        await pilot.press("ctrl+s")
    [attempt] = app.store.attempts("ana")
    assert [(r.kind, r.answer) for r in attempt.replies][-1] == ("bar_raiser", "compare and set")


async def test_review_at_80x24_keeps_the_highlighted_concept_and_its_why_in_view(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b", "down", "enter")
        await pilot.press(*ANSWER, "ctrl+n", "ctrl+n", "2")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        pane = review.query_one("#verdict", VerticalScroll)
        concepts = review.query_one("#concepts", OptionList)
        assert inside(review.query_one("#score").region, pane.region)
        for _ in range(len(concepts.options) - 1):
            await pilot.press("down")
            await pilot.pause()
            assert inside(review.query_one("#concepts-title").region, pane.region)
            assert inside(concepts.region, pane.region)
            why = review.query_one("#why").region
            assert why.y < pane.region.bottom  # its first lines at least
        highlighted = concepts.get_option_at_index(concepts.highlighted or 0)
        assert str(highlighted.id).split()[0] in screen_text(app)
        await pilot.press(*["up"] * (len(concepts.options) - 1))
        await pilot.pause()
        assert concepts.highlighted == 0
        assert inside(review.query_one("#score").region, pane.region)


async def test_a_draft_left_in_the_review_does_not_ask_again(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        await pilot.press(*ANSWER, "ctrl+n", "ctrl+n")
        await pilot.press("s")  # skip the self-assessment: the score is shown
        await pilot.press("escape", "y")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        if not isinstance(app.screen, ReviewScreen):
            await pilot.press("enter")  # the resume dialog
            await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Before you see the score" not in screen_text(app)
        assert "Score" in str(app.screen.query_one("#score", Static).render())


async def test_a_resumed_draft_puts_the_cursor_where_it_was(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        await pilot.press(*"first second", "left", "left", "left")
        await pilot.press("escape", "y")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        if not isinstance(app.screen, DrillScreen):
            await pilot.press("enter")
            await pilot.pause()
        editor = drill(app).query_one("#answer", AnswerEditor)
        assert editor.cursor_location == (0, len("first sec"))
        await pilot.press("X")
        assert editor.text == "first secXond"


async def test_the_attempt_view_shows_each_reply_under_its_question(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        await pilot.press(*ANSWER, "ctrl+n", *"first reply")
        await pilot.press("ctrl+r", *"raised reply", "ctrl+n", "s", "ctrl+s", "escape")
        await pilot.press("h", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AttemptScreen)
        assert [e.text for e in screen.query(AnswerEditor)][1:] == ["first reply", "raised reply"]
        text = screen_text(app)
        assert "Bar-raiser:" in text and "bar_raiser" not in text
        assert "Probes asked: " in text and "bar-raiser" in text


async def test_the_timer_never_wraps_at_100_columns(make_app: MakeApp, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        screen = drill(app)
        timer = screen.query_one("#timer", Static)
        for step in (0, 200, 800):  # calm, wrap up, over by 16 minutes
            clock.advance(step)
            screen.tick()
            await pilot.pause()
            assert timer.content_region.height == 2, str(timer.render())
        await pilot.press("ctrl+t")  # over and paused
        await pilot.press("ctrl+n")  # the discussion clock, its longer title
        clock.advance(700)
        screen.tick()
        await pilot.pause()
        assert "Discussion" in str(timer.render()) and timer.content_region.height == 2


async def test_a_draft_resumed_mid_bar_raiser_keeps_each_reply(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        await pilot.press(*ANSWER, "ctrl+n", *"first reply", "ctrl+r", *"raised")
        await pilot.press("escape", "y")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        if not isinstance(app.screen, DrillScreen):
            await pilot.press("enter")
            await pilot.pause()
        screen = drill(app)
        editor = screen.query_one("#follow-up", AnswerEditor)
        assert editor.text == "raised" and editor.cursor_location == (0, 6)
        assert "Bar-raiser:" in str(screen.query_one("#probes", Static).render())
        await pilot.press(*" more")
        assert screen.session.bar_raiser_answer == "raised more"
        assert screen.session.follow_up_answer == "first reply"


async def test_remapping_pause_moves_resume_too(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_keymap({"drill.pause": "f5"})
        await pilot.press("b", "down", "enter")
        screen = drill(app)
        await pilot.press("f5")
        assert screen._paused() and "Resume" in footer_keys(app)
        await pilot.press("f5")
        assert not screen._paused() and "Pause" in footer_keys(app)
