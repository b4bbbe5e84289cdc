"""The solo drill end to end, with a clock the test moves: phases, warnings, pause, review."""

from __future__ import annotations

from rich.style import Style
from textual import events
from textual.widgets import OptionList, Static

from tests.ui.conftest import BANK, FakeClock, MakeApp, screen_as
from trainer.core.store.records import Phase
from trainer.ui.app import TrainerApp
from trainer.ui.screens.drill import DrillScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.modals import ResumeScreen
from trainer.ui.screens.review import ReviewScreen
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.phase_timer import PhaseTimer

ANSWER = (
    "A lease makes a lock expire: a holder that stops renewing loses the lock after a bounded "
    "time. Fencing tokens grow with each grant and the storage checks them."
)


def timer(app: TrainerApp) -> PhaseTimer:
    return app.screen.query_one("#timer", PhaseTimer)


async def test_complete_drill_with_moving_clock(make_app: MakeApp, clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")  # the leases card: 3-4 min answer
        screen = app.screen
        assert isinstance(screen, DrillScreen)
        await pilot.press(*"Leases expire. ")
        clock.advance(150)
        screen.tick()
        assert timer(app).has_class("-calm") and "2:30 / 3-4 min" in str(timer(app).render())
        clock.advance(60)  # 3:30: inside the budget, time to wrap up
        screen.tick()
        assert timer(app).has_class("-warning") and "wrap up" in str(timer(app).render())
        await pilot.press("ctrl+t")  # pause: time stops counting
        clock.advance(600)
        screen.tick()
        assert "3:30" in str(timer(app).render()) and "paused" in str(timer(app).render())
        await pilot.press("ctrl+t")
        clock.advance(90)  # 5:00: over the 4-minute budget, counting on
        screen.tick()
        assert timer(app).has_class("-over") and "over by 1:00" in str(timer(app).render())

        await pilot.press(*"Fencing tokens grow with each grant and the storage checks them.")
        await pilot.press("ctrl+n")
        assert screen.session.phase is Phase.DISCUSSION
        probes = str(screen.query_one("#probes", Static).render())
        assert "Follow-up" in probes
        assert screen.query_one("#follow-up", AnswerEditor).has_focus
        clock.advance(30)
        screen.tick()
        assert "Discussion 0:30 / 5-7 min" in str(timer(app).render())
        await pilot.press("ctrl+o")  # ask for another probe too
        assert len(screen.session.probes_shown) == 2
        await pilot.press("ctrl+r")  # time is left: the bar-raiser
        assert "Bar-raiser:" in str(screen.query_one("#probes", Static).render())
        await pilot.press(*"Check the token at the storage with compare-and-set.")
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, ReviewScreen)

        await pilot.press("3")  # self-assessment: good
        review = app.screen
        score = str(review.query_one("#score", Static).render())
        assert "Score" in score and "Rating:" in score
        assert "answer     5:00 of 3-4 min  (over by 1:00)" in str(
            review.query_one("#timing", Static).render()
        )
        await pilot.press("e")  # override the rating: Easy
        await pilot.press("ctrl+s")
        assert "Saved. This card comes back" in str(review.query_one("#score", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)

    [attempt] = app.store.attempts("ana")
    assert attempt.card_id == "test-L4-001"
    assert attempt.answer.startswith("Leases expire.")
    # The reply typed after the bar-raiser is its reply, not the first probe's; only what
    # was replied to counts as asked (the two probes were shown, never answered).
    assert attempt.bar_raiser_answer.startswith("Check the token")
    assert attempt.follow_up_answer == ""
    assert [r.kind for r in attempt.replies][-1] == "bar_raiser" and len(attempt.replies) == 3
    assert attempt.replies[-1].answer.startswith("Check the token")
    assert attempt.probes_asked == ("bar_raiser",)
    assert attempt.self_assessment == "good" and attempt.rating == 4
    assert [round(p.seconds_used) for p in attempt.phases] == [300, 30]
    assert app.drafts.load("ana") is None  # saving removes the draft
    assert "test-L4-001" in app.store.schedule("ana")


async def test_overrides_change_the_score_live(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter", *"Leases.", "ctrl+n", "ctrl+n", "s")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        before = review.session.final_report().final
        concepts = review.query_one("#concepts", OptionList)
        assert concepts.has_focus
        for index in range(concepts.option_count):  # mark every concept as covered
            if str(concepts.get_option_at_index(index).prompt).startswith("[ ]"):
                await pilot.press("space")
            await pilot.press("down")
        assert all(
            str(concepts.get_option_at_index(i).prompt).startswith("[x]")
            for i in range(concepts.option_count)
        )
        after = review.session.final_report().final
        assert after.band.value == "excellent" and after.score > before.score
        assert "verdicts changed by you" in str(review.query_one("#score", Static).render())


async def test_leaving_keeps_a_draft_that_the_next_start_offers(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter", *"Fencing tokens matter.")
        await pilot.press("escape", "y")
        assert isinstance(app.screen, HomeScreen)
        assert "Unfinished drill" in str(app.screen.query_one("#today", Static).render())
    draft = app.drafts.load("ana")
    assert draft is not None and draft.answer == "Fencing tokens matter."

    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("r")
        screen = again.screen
        assert isinstance(screen, DrillScreen)
        assert screen.query_one("#answer", AnswerEditor).text == "Fencing tokens matter."


async def test_typed_markup_and_escapes_show_literally(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        editor = app.screen.query_one("#answer", AnswerEditor)
        editor.insert("[bold red]lease[/] \x1b[31m")
        await pilot.pause()
        assert editor.text == "[bold red]lease[/] \x1b[31m"
        line = editor.get_line(0)  # stored exactly, shown with the escape visible
        assert line.plain == "[bold red]lease[/] ␛[31m"
        assert not any("red" in str(span.style) for span in line.spans)


async def test_blind_mode_hides_highlights_and_checklist(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter", *"The lease expires.")
        editor = app.screen.query_one("#answer", AnswerEditor)
        assert editor.get_line(0).spans  # "lease" is highlighted
        await pilot.press("ctrl+b")
        assert not editor.get_line(0).spans
        assert not app.screen.query_one("#checklist").display


async def test_start_next_due_from_home(make_app: MakeApp) -> None:
    app = make_app(BANK)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, DrillScreen)
        first_new = app.today_queue().new[0]
        assert app.screen.session.card.id == first_new


async def test_light_and_dark_themes_both_style_keywords(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter", *"The lease expires.")
        editor = app.screen.query_one("#answer", AnswerEditor)
        dark = editor.get_line(0).spans[0].style
        app.theme = "textual-light"
        await pilot.pause()
        light = editor.get_line(0).spans[0].style
        assert isinstance(dark, Style) and isinstance(light, Style)
        assert dark.bold and light.bold  # the meaning never rests on colour alone
        assert dark.color != light.color


async def test_quitting_mid_drill_keeps_the_latest_typing(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter", *"Leases expire")
        await pilot.press("ctrl+q")
    draft = app.drafts.load("ana")
    assert draft is not None and draft.answer == "Leases expire"


def test_the_timer_line_shortens_to_fit_the_side_panel() -> None:
    from trainer.ui.widgets.phase_timer import fitted

    assert fitted("Discussion", "0:01 / 5-7 min", 0) == "Discussion 0:01 / 5-7 min"
    assert fitted("Discussion", "0:01 / 5-7 min", 40) == "Discussion 0:01 / 5-7 min"
    assert fitted("Discussion", "0:01 / 5-7 min", 22) == "Discussion 0:01 / 5-7m"
    assert fitted("Discussion", "12:01 / 10-12 min", 22) == "Discuss 12:01 / 10-12m"
    assert fitted("Discussion", "12:01 / 10-12 min", 12) == "12:01 / 10-12m"
    assert fitted("Answer", "0:01 / 2-3 min", 22) == "Answer 0:01 / 2-3 min"


def burst(app: TrainerApp, text: str, then: str) -> None:
    """Keys as a fast typist or a terminal sends them: all queued before any is handled."""
    for character in text:
        app.post_message(events.Key("space" if character == " " else character, character))
    app.post_message(events.Key(then, None))


async def test_keys_typed_right_before_a_shortcut_are_never_lost(make_app: MakeApp) -> None:
    """ctrl+n, a priority key, once ran before the keys typed just before it reached the
    editor: the answer went to the discussion without its last words (or empty)."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        screen = screen_as(app, DrillScreen)
        burst(app, "Leases expire fast", "ctrl+n")
        await pilot.pause()
        await pilot.pause()
        assert screen.session.phase is Phase.DISCUSSION
        assert screen.session.answer == "Leases expire fast"
        burst(app, "A reply", "ctrl+n")
        await pilot.pause()
        await pilot.pause()
        review = screen_as(app, ReviewScreen)
        assert review.session.reply(None) == "A reply"


async def test_keys_typed_right_before_quitting_are_in_the_draft(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "down", "enter")
        burst(app, "Leases expire", "ctrl+q")
        await pilot.pause()
    draft = app.drafts.load("ana")
    assert draft is not None and draft.answer == "Leases expire"
