"""Pair interviews: the candidate never sees the rubric; hand-over hides both views; ticks
change the score; the attempt lands on the candidate, naming the interviewer; roles swap."""

from __future__ import annotations

import re

import pytest
from fsrs import Rating
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.ui.conftest import FakeClock, MakeApp, screen_as
from tests.ui.screen_text import screen_text
from trainer.core.cards.bank import load_bank
from trainer.core.cards.model import Card, ProbeKind
from trainer.core.grading.matching import keywords_of
from trainer.core.practice.plan import PairPlan
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.pair import PairScreen, View
from trainer.ui.screens.pair_setup import PairSetupScreen

CANDIDATE, HANDOVER, INTERVIEWER, REVEAL = (
    View.CANDIDATE,
    View.HANDOVER,
    View.INTERVIEWER,
    View.REVEAL,
)

SIZE = (100, 30)
NEUTRAL = "Locks must end somehow, and storage should refuse old holders."  # no rubric words


def rubric_words(card: Card, asked: str = "") -> list[str]:
    """Every concept name, keyword and common mistake of the card, except words that the title,
    the question and the questions asked so far show (the candidate is meant to read those)."""
    shown = f"{card.title} {card.question} {asked}".lower()
    names = [c.name for c in (*card.core_concepts, *card.bonus_concepts)]
    words = names + [k.text for k in keywords_of(card)] + list(card.common_mistakes)
    return [word for word in words if word.lower() not in shown]


def asked_question(card: Card, kind: ProbeKind) -> str:
    """The question of a probe the session showed (a shown probe is one the card has)."""
    probe = card.probe(kind)
    assert probe is not None, f"{card.id} has no {kind} probe"
    return probe.question


def pair_app(store: Store, clock: FakeClock, typed: bool = True) -> TrainerApp:
    from tests.ui.conftest import CARDS

    plan = PairPlan("ivy", "cal", "test-L4-001", typed)
    return TrainerApp(load_bank([CARDS]), store, "ana", clock, pair=plan)


def assert_no_rubric(app: TrainerApp) -> None:
    text = re.sub(r"\s+", " ", screen_text(app)).lower()
    session = screen_as(app, PairScreen).session
    asked = " ".join(asked_question(session.card, kind) for kind in session.probes_shown)
    for word in rubric_words(session.card, asked):
        assert word.lower() not in text, f"the candidate can see {word!r}"


async def test_candidate_view_never_shows_rubric_text(store: Store, clock: FakeClock) -> None:
    app = pair_app(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, PairScreen) and screen.view == HANDOVER
        await pilot.press("enter")
        assert screen.view == CANDIDATE
        assert_no_rubric(app)
        await pilot.press(*NEUTRAL)
        clock.advance(200)
        screen.tick()
        assert_no_rubric(app)
        # the interviewer starts the discussion and asks the suggested probe
        await pilot.press("ctrl+g", "enter", "ctrl+n", "enter", "ctrl+g", "enter")
        assert screen.view == CANDIDATE
        text = screen_text(app)
        assert "Your interviewer asks:" in text
        assert_no_rubric(app)


async def test_hand_over_shows_neither_view(store: Store, clock: FakeClock) -> None:
    app = pair_app(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_as(app, PairScreen)
        await pilot.press("enter", *NEUTRAL, "ctrl+g")
        assert screen.view == HANDOVER
        text = screen_text(app)
        assert "Pass the keyboard to ivy (interviewer)" in text
        assert screen.session.card.question[:30] not in text  # not even the question
        assert NEUTRAL[:20] not in text
        assert_no_rubric(app)
        await pilot.press("enter")
        assert screen.view == INTERVIEWER
        assert "Fencing Tokens" in screen_text(app)
        await pilot.press("ctrl+g")
        assert screen.view == HANDOVER
        assert "Fencing Tokens" not in screen_text(app)
        assert "Pass the keyboard to cal (candidate)" in screen_text(app)


async def test_ticks_change_the_score_and_typed_answer_pre_ticks(
    store: Store, clock: FakeClock
) -> None:
    app = pair_app(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_as(app, PairScreen)
        await pilot.press("enter", *"The lease expires after a while.", "ctrl+g", "enter")
        report = screen.session.final_report()
        assert [c.name for c in report.concepts if c.covered] == ["Lease Expiry"]
        assert "Lease Expiry  (typed)" in screen_text(app)
        before = report.final.score
        await pilot.press("down", "enter")  # the interviewer heard fencing tokens
        after = screen.session.final_report()
        assert "Fencing Tokens" in [c.name for c in after.concepts if c.covered]
        assert after.final.score > before
        assert f"Score {after.final.score:g}" in screen_text(app)


async def test_attempt_is_stored_on_the_candidate_and_roles_swap(
    store: Store, clock: FakeClock
) -> None:
    app = pair_app(store, clock, typed=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_as(app, PairScreen)
        await pilot.press("enter")
        assert not screen.query_one("#cd-answer").display  # answering aloud: no editor
        clock.advance(190)
        await pilot.press("ctrl+g", "enter")
        await pilot.press("enter")  # tick Lease Expiry (heard aloud)
        await pilot.press("ctrl+n")  # discussion
        clock.advance(60)
        await pilot.press("enter")  # ask the suggested probe (guided: one of two core heard)
        notes = screen.query_one("#iv-notes")
        notes.focus()
        await pilot.press(*"Clear on leases")
        await pilot.press("ctrl+n")  # end: the candidate rates first
        assert screen.view == HANDOVER
        await pilot.press(
            "enter", "enter", "down", "enter", "4", "ctrl+s"
        )  # claims both, says excellent
        assert screen.view == HANDOVER
        await pilot.press("enter")
        assert screen.view == REVEAL
        text = screen_text(app)
        assert "cal thought" in text and "band: excellent" in text
        assert "Calibration:" in text and "too high" in text
        await pilot.press("ctrl+s")
        assert "Saved on cal's history" in screen_text(app)
        await pilot.press("w")
        swapped = app.screen
        assert isinstance(swapped, PairScreen) and swapped is not screen
        assert (swapped.session.profile, swapped.session.interviewer) == ("ivy", "cal")
        assert "Pass the keyboard to ivy (candidate)" in screen_text(app)

    [attempt] = app.store.attempts("cal")
    assert attempt.mode == "pair" and attempt.interviewer == "ivy" and attempt.typed is False
    assert attempt.notes == "Clear on leases"
    assert attempt.probes_asked == ("guided",)
    assert [round(p.seconds_used) for p in attempt.phases] == [190, 60]
    assert attempt.self_assessment == "excellent"
    assert set(attempt.self_covered or ()) == {"Lease Expiry", "Fencing Tokens"}
    assert attempt.overrides == {"Lease Expiry": True}
    assert "test-L4-001" in app.store.schedule("cal")
    assert app.store.schedule("ivy") == {}  # the interviewer's schedule is untouched
    assert app.store.attempts("ivy") == []


async def test_pair_setup_from_home(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, PairSetupScreen)
        await pilot.press(*"ana", "enter", *"bo", "ctrl+s")
        screen = app.screen
        assert isinstance(screen, PairScreen)
        assert (screen.session.profile, screen.session.interviewer) == ("bo", "ana")
        assert "bo" in [p.name for p in app.store.profiles()]


NOTES = (
    "Never mentioned fencing tokens: a number that grows with each grant, checked by the "
    "storage. Nothing on clock drift or GC pauses either."
)


@pytest.mark.parametrize("typed", [True, False], ids=["typed", "aloud"])
async def test_interviewer_notes_never_become_the_candidates_answer(
    store: Store, clock: FakeClock, typed: bool
) -> None:
    """Notes naming concepts the candidate never said stay notes: the stored answer and
    follow-up hold only the candidate's words, and nothing is credited from the notes."""
    app = pair_app(store, clock, typed=typed)
    answer = "The lease expires after a while." if typed else ""
    reply = "I would have to think about that." if typed else ""
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_as(app, PairScreen)
        await pilot.press("enter", *answer, "ctrl+g", "enter")  # to the interviewer
        screen.query_one("#iv-notes", TextArea).focus()
        await pilot.press(*NOTES[:60])
        await pilot.press("ctrl+n", "enter", "ctrl+g", "enter")  # ask the probe, hand back
        await pilot.press(*reply, "ctrl+g", "enter")
        screen.query_one("#iv-notes", TextArea).focus()
        await pilot.press(*NOTES[60:])
        await pilot.press("ctrl+n")  # end
        await pilot.press("enter", "ctrl+s", "enter")  # self-rating: nothing claimed; reveal
        assert screen.session.answer == answer
        assert screen.session.follow_up_answer == reply
        await pilot.press("ctrl+s")
    [attempt] = app.store.attempts("cal")
    assert attempt.answer == answer
    assert attempt.follow_up_answer == reply
    assert attempt.notes == NOTES
    assert "Fencing Tokens" not in attempt.automatic_covered
    assert "Clock Assumptions" not in attempt.automatic_covered
    assert attempt.automatic_covered == (("Lease Expiry",) if typed else ())


def assert_card_hidden(app: TrainerApp, card: Card) -> None:
    """Whatever screen is up (the palette included), no rubric text of `card` is on it."""
    text = re.sub(r"\s+", " ", screen_text(app)).lower()
    for word in rubric_words(card):
        assert word.lower() not in text, f"the candidate can see {word!r}"
    assert card.sample_excellent[:40].lower() not in text


async def back_to_candidate(app: TrainerApp, pilot: Pilot[None]) -> None:
    """Close whatever opened, and come back to the candidate's view through the hand-over."""
    while not isinstance(app.screen, PairScreen):
        await pilot.press("escape")
    pair = app.screen
    if pair.view is HANDOVER and pair.target is INTERVIEWER:
        await pilot.press("enter")  # the interviewer arrives ...
    if pair.view is INTERVIEWER:
        await pilot.press("ctrl+g")  # ... and hands back
    if pair.view is HANDOVER:
        await pilot.press("enter")
    assert pair.view is CANDIDATE


async def test_nothing_the_candidate_can_reach_shows_the_rubric(
    store: Store, clock: FakeClock
) -> None:
    """Every key bound in the candidate's view, and every palette command offered there, leads
    to a screen without a concept name, keyword, mistake or model-answer sentence."""
    app = pair_app(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        pair = screen_as(app, PairScreen)
        card = pair.session.card
        await pilot.press("enter", *NEUTRAL)
        keys = sorted(key for key in pair.active_bindings if key not in {"ctrl+q", "ctrl+c"})
        assert {"ctrl+g", "escape", "ctrl+p"} <= set(keys)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert_card_hidden(app, card)
            await back_to_candidate(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        offered = screen_text(app).lower()
        assert "history" not in offered and "bank" not in offered and "drill" not in offered
        for title in ("pair: hand over", "pair: leave", "theme", "keys"):
            await pilot.press(*title, "enter")
            await pilot.pause()
            assert_card_hidden(app, card)
            await back_to_candidate(app, pilot)
            await pilot.press("ctrl+p")
        await pilot.press("escape")


def flat_text(app: TrainerApp) -> str:
    """The screen's words on one line (wrapped lines and pane borders joined)."""
    return re.sub(r"[\s▏]+", " ", screen_text(app))


INTERVIEW = (
    *("enter", *"An answer.", "ctrl+g", "enter"),  # the candidate answers, hands over
    *("ctrl+n", "ctrl+n"),  # the interviewer starts the discussion, then ends it
    *("enter", "ctrl+s", "enter"),  # the candidate rates themselves; both see the verdicts
    "ctrl+s",  # saved
)


async def test_swap_never_gives_the_new_candidate_a_rubric_they_saw(
    store: Store, clock: FakeClock
) -> None:
    """Three interviews, roles swapped after each: every new candidate gets their next card
    but the ones they saw as the interviewer today, told which and why; when none is left,
    the setup opens with the names swapped."""
    from tests.ui.conftest import CARDS

    plan = PairPlan("ivy", "cal", "test-L3-003", True)
    app = TrainerApp(load_bank([CARDS]), store, "ana", clock, pair=plan)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*INTERVIEW)
        text = flat_text(app)
        assert "Next, ivy answers 'Leases In One Page': a new card" in text
        assert "not 'Ordering Events Without Clocks': they saw its rubric" in text
        await pilot.press("w")
        await pilot.pause()
        second = screen_as(app, PairScreen)
        assert (second.candidate, second.interviewer) == ("ivy", "cal")
        assert second.session.card.id == "test-L4-001"
        assert "ivy" in [profile.name for profile in app.store.profiles()]  # now answering
        assert "Roles swapped. Next, ivy answers 'Leases In One Page'" in flat_text(app)

        await pilot.press(*INTERVIEW)  # cal interviews ivy on the leases card
        assert "Next, cal answers 'Sizing Read And Write Quorums'" in flat_text(app)
        await pilot.press("w")
        third = screen_as(app, PairScreen)
        assert (third.candidate, third.session.card.id) == ("cal", "test-L5-002")

        await pilot.press(*INTERVIEW)  # ivy interviews cal on quorums: ivy saw both others
        assert "nothing due or new is left for them" in flat_text(app)
        await pilot.press("w")
        setup = screen_as(app, PairSetupScreen)
        assert setup.initial == ("cal", "ivy", True)
        # the setup replaced the interview: escape goes home
        assert [type(screen) for screen in app.screen_stack][-2:] == [HomeScreen, PairSetupScreen]
    assert [a.card_id for a in app.store.attempts("cal")] == ["test-L3-003", "test-L5-002"]
    assert [a.card_id for a in app.store.attempts("ivy")] == ["test-L4-001"]


async def test_after_the_reveal_the_rating_can_change_and_the_model_answer_shows(
    store: Store, clock: FakeClock
) -> None:
    """m and a/h/g/e do nothing before the reveal; in it, m shows the model answer (and
    back), e overrides the suggested rating, and the saved schedule uses the override."""
    app = pair_app(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_as(app, PairScreen)
        model = " ".join(screen.session.card.sample_excellent.split()[:6])
        await pilot.press("enter", *"The lease expires.", "ctrl+g", "enter")
        assert screen.view == INTERVIEWER
        await pilot.press("m", "e")  # on the checklist: not yet
        assert model not in flat_text(app)
        assert screen.session.chosen_rating is None
        await pilot.press("ctrl+n", "ctrl+n", "enter", "ctrl+s", "enter")
        assert screen.view == REVEAL
        assert "Rating: Again" in flat_text(app) and model not in flat_text(app)
        await pilot.press("m")
        assert "Model answer (excellent)" in flat_text(app) and model in flat_text(app)
        assert "cal thought" not in flat_text(app)
        await pilot.press("m")
        assert "cal thought" in flat_text(app) and model not in flat_text(app)
        await pilot.press("e")
        assert "Rating: Easy (suggested Again)" in flat_text(app)
        await pilot.press("ctrl+s")
        await pilot.press("a")  # saved: the rating no longer changes
        assert "Rating: Easy (suggested Again)" in flat_text(app)
    [attempt] = app.store.attempts("cal")
    assert attempt.rating == Rating.Easy


def focus_cues(app: TrainerApp) -> list[str]:
    """The focus cues on screen: there must be exactly one, on the focused pane."""
    text = screen_text(app)
    return [cue for cue in ("▶ keys go here", "▶ typing here") for _ in range(text.count(cue))]


async def test_every_pane_says_when_it_has_the_keys(store: Store, clock: FakeClock) -> None:
    """One cue on screen at a time, on the pane the instructions name: the candidate's
    editor, the interviewer's checklist (then the notes after tab, the probes when one is
    to be asked), the candidate's own checklist, the reveal's checklist."""
    app = pair_app(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_as(app, PairScreen)
        await pilot.press("enter")
        assert app.focused is screen.query_one("#cd-answer")
        assert focus_cues(app) == ["▶ typing here"]
        await pilot.press(*"The lease expires.", "ctrl+g", "enter")
        assert "Tick what you hear in the checklist" in flat_text(app)
        assert app.focused is screen.query_one("#iv-checklist")
        assert focus_cues(app) == ["▶ keys go here"]
        await pilot.press("tab")
        assert app.focused is screen.query_one("#iv-notes")
        assert focus_cues(app) == ["▶ typing here"]
        await pilot.press("ctrl+n")  # the discussion: a probe is to be asked
        assert "Ask a probe" in flat_text(app)
        assert app.focused is screen.query_one("#iv-probes")
        assert focus_cues(app) == ["▶ keys go here"]
        await pilot.press("enter", "ctrl+g", "enter", "ctrl+g", "enter")  # asked; back again
        assert app.focused is screen.query_one("#iv-checklist")
        await pilot.press("ctrl+n", "enter")
        assert app.focused is screen.query_one("#sr-concepts")
        assert focus_cues(app) == ["▶ keys go here"]
        await pilot.press("ctrl+s", "enter")
        assert app.focused is screen.query_one("#rv-checklist")
        assert focus_cues(app) == ["▶ keys go here"]


async def test_pair_setup_says_whether_the_candidate_types(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert "On: types the answer" in screen_text(app)
        app.screen.query_one("#typed").focus()
        await pilot.press("space")
        assert "Off: answers aloud" in screen_text(app)
        assert "On: types" not in screen_text(app)
