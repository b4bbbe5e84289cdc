"""History, attempt, compare, progress and missed-concepts screens over a seeded store."""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypedDict

import pytest
from fsrs import Rating
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import START, FakeClock, MakeApp, screen_as
from tests.ui.screen_text import screen_text
from trainer.core.grading.scoring import Band
from trainer.core.history import digest_cache
from trainer.core.store.database import Store
from trainer.core.store.records import Attempt, Mode, Phase, PhaseTiming
from trainer.ui.app import TrainerApp
from trainer.ui.collector import COLLECTOR
from trainer.ui.screens import history as history_screen
from trainer.ui.screens.attempt import AttemptScreen, CompareScreen
from trainer.ui.screens.drill import DrillScreen
from trainer.ui.screens.export_dialog import ExportDialog
from trainer.ui.screens.history import SEARCH_PAUSE, HistoryScreen
from trainer.ui.screens.progress import MissedConceptsScreen, ProgressScreen
from trainer.ui.widgets.answer_editor import AnswerEditor
from trainer.ui.widgets.attempt_table import AttemptTable
from trainer.ui.widgets.charts import forecast_text

SIZE = (110, 32)
TITLES = {
    "test-L4-001": "Leases In One Page",
    "test-L5-002": "Sizing Read And Write Quorums",
    "test-L3-003": "Ordering Events Without Clocks",
}
TOPICS = {"test-L4-001": "testing", "test-L5-002": "quorums", "test-L3-003": "clocks"}
LEVELS = {"test-L4-001": "L4", "test-L5-002": "L5", "test-L3-003": "L3"}


class Extra(TypedDict, total=False):
    """The fields a seeded attempt sets beyond the common ones."""

    mode: Mode
    interviewer: str
    overrides: dict[str, bool]


def seed(store: Store) -> None:
    """Six attempts over three weeks: one card improves, one is paired, one keeps failing."""
    plan: list[tuple[str, int, float, tuple[str, ...], Extra]] = [
        ("test-L4-001", -20, 42.0, ("Lease Expiry",), {}),
        ("test-L3-003", -15, 30.0, (), {}),
        (
            "test-L5-002",
            -10,
            77.0,
            ("Lease Expiry", "Fencing Tokens"),
            {"mode": Mode.PAIR, "interviewer": "ivy"},
        ),
        ("test-L4-001", -6, 91.0, ("Lease Expiry", "Fencing Tokens", "Clock Assumptions"), {}),
        ("test-L3-003", -3, 35.0, ("Lease Expiry",), {}),
        ("test-L5-002", -1, 55.0, ("Fencing Tokens",), {"overrides": {"Lease Expiry": True}}),
    ]
    for card_id, days, score, covered, extra in plan:
        started = START + timedelta(days=days)
        band = (
            Band.EXCELLENT
            if score >= 90
            else Band.GOOD
            if score >= 70
            else Band.NEEDS_IMPROVEMENT
            if score >= 50
            else Band.INSUFFICIENT
        )
        store.save_attempt(
            Attempt(
                profile="ana",
                card_id=card_id,
                card_hash="h",
                card_title=TITLES[card_id],
                topic=TOPICS[card_id],
                level=LEVELS[card_id],
                started=started,
                ended=started + timedelta(minutes=11),
                answer=f"The lease expires. Score {score:g}.",
                score=score,
                band=band,
                automatic_covered=covered,
                phases=(
                    PhaseTiming(Phase.ANSWER, 180, 240, 200.0 + days),
                    PhaseTiming(Phase.DISCUSSION, 300, 420, 330.0),
                ),
                **extra,
            ),
            Rating.Good if score >= 70 else Rating.Again,
            started,
        )


def table(app: TrainerApp) -> AttemptTable:
    return app.screen.query_one("#history", AttemptTable)


def first_column(app: TrainerApp, column: int) -> list[str]:
    grid = table(app)
    return [grid.cells(row)[column].strip() for row in range(grid.row_count)]


async def test_history_sorts_and_filters(make_app: MakeApp, store: Store) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        assert table(app).row_count == 6
        dates = first_column(app, 1)
        assert dates == sorted(dates, reverse=True)  # newest first
        await pilot.press("o")  # sort by card
        assert first_column(app, 2)[0] == "Leases In One Page"
        for _ in range(4):  # card -> topic -> level -> mode -> score
            await pilot.press("o")
        assert [float(s) for s in first_column(app, 6)] == [91, 77, 55, 42, 35, 30]
        await pilot.press("r")
        assert first_column(app, 6)[0] == "30"
        await pilot.press("slash", *"topic:clocks")
        assert table(app).row_count == 2
        await pilot.press("escape")
        await pilot.press("slash", *"mode:pair ivy")
        assert table(app).row_count == 1 and "pair (ivy)" in first_column(app, 5)[0]
        await pilot.press("escape")
        await pilot.press("slash", *"band:insufficient")
        assert table(app).row_count == 3


async def test_open_an_attempt_and_drill_it_again(make_app: MakeApp, store: Store) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "enter")  # the newest: the overridden quorum attempt
        screen = app.screen
        assert isinstance(screen, AttemptScreen)
        text = screen_text(app)
        assert "Score 55 · needs improvement" in text
        assert "core 2/2 = 60 of 60 · bonus 0/1 = 0 of 40" in text
        assert "(automatic: missed; changed by a person)" in text
        assert "Time against budget" in text and "answer" in text
        assert "Model answer" in text
        editor = screen.query_one("#attempt-answer", AnswerEditor)
        assert editor.read_only and editor.get_line(0).spans  # "lease" highlighted again
        await pilot.press("d")
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.session.card.id == "test-L5-002"


async def test_compare_two_attempts(make_app: MakeApp, store: Store) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "slash", *"leases", "enter")
        assert table(app).row_count == 2
        await pilot.press("space", "down", "space", "c")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.comparison.score_change == 49.0
        assert screen.comparison.gained == ("Fencing Tokens", "Clock Assumptions")
        text = screen_text(app)
        assert "Score +49 (42 → 91)" in text and "Lost: nothing" in text


def home_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A home of the test's own (no user-dirs file): exports are offered in its Documents."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    return home


def export_status(app: TrainerApp) -> str:
    return str(screen_as(app, ExportDialog).query_one("#export-status", Static).render())


def export_field(app: TrainerApp) -> Input:
    screen = screen_as(app, ExportDialog)
    return screen.query_one("#export-path", Input)


async def test_export_from_history(
    make_app: MakeApp, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(store)
    home = home_folder(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "space", "j")
        assert export_field(app).value == str(
            home / "Documents" / "trainer-export-20260302-093000.json"
        )
        assert "Export 1 attempt as JSON to:" in screen_text(app)
        await pilot.press("enter")
        exported = home / "Documents" / "trainer-export-20260302-093000.json"
        assert export_status(app) == f"Wrote 1 attempt to\n{exported}"
        await pilot.press("enter")
        assert screen_as(app, HistoryScreen).last_export == exported
        data = json.loads(exported.read_text())
        assert len(data["attempts"]) == 1 and len(data["review_logs"]) == 1
        assert not list(tmp_path.glob("trainer-export-*"))  # never where the app started

        await pilot.press("space", "x")  # unmarked again: everything shown, as markdown
        field = export_field(app)
        field.value = str(tmp_path / "mine.md")
        await pilot.press("enter", "escape")
        text_export = screen_as(app, HistoryScreen).last_export
        assert text_export == tmp_path / "mine.md"
        assert text_export.read_text().startswith("# trainer export: profile ana, 6 attempts")


async def test_export_asks_before_replacing_and_says_bad_paths(
    make_app: MakeApp, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(store)
    home = home_folder(monkeypatch, tmp_path)
    (home / "Documents").rmdir()  # no documents folder: the home folder is offered
    kept = home / "kept.md"
    kept.write_text("mine, not an export\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "x")
        field = export_field(app)
        assert field.value.startswith(f"{home}/trainer-export-")
        field.value = str(tmp_path / "no" / "such" / "folder" / "x.md")
        await pilot.press("enter")
        assert export_status(app) == (
            f"{tmp_path}/no/such/folder: no such folder (create it, or choose another path)."
        )
        field.value = "kept.md"  # relative: from the offered folder, not the current one
        await pilot.press("enter")
        assert export_status(app) == (
            "kept.md already exists: enter again replaces it, or edit the path."
        )
        assert kept.read_text() == "mine, not an export\n"
        await pilot.press("end", "backspace", "backspace", "m", "d")  # edited: asks again
        await pilot.press("enter")
        assert kept.read_text() == "mine, not an export\n"
        await pilot.press("enter")  # the second enter replaces it
        assert kept.read_text().startswith("# trainer export: profile ana, 6 attempts")
        await pilot.press("escape")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("x")
        export_field(app).value = str(tmp_path / "nothing.md")
        await pilot.press("escape")  # cancelled: nothing written
        assert isinstance(app.screen, HistoryScreen) and not (tmp_path / "nothing.md").exists()


async def test_export_shows_a_long_path_whole(
    make_app: MakeApp, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(store)
    home_folder(monkeypatch, tmp_path)
    folder = tmp_path / ("a-rather-long-folder-name-" * 3) / "and-another-one-below-it"
    folder.mkdir(parents=True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "x")
        export_field(app).value = str(folder)  # a folder: the offered name goes into it
        await pilot.press("enter")
        written = screen_as(app, ExportDialog).written
        assert written is not None and written.parent == folder and written.exists()
        shown = "".join(line.strip(" ▊▎█") for line in screen_text(app).splitlines())
        assert str(written) in shown.replace(" ", "")  # every character, folded, none elided
        assert "…" not in shown


async def test_missed_concepts_ranking_and_drill(make_app: MakeApp, store: Store) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "k")
        screen = app.screen
        assert isinstance(screen, MissedConceptsScreen)
        await app.workers.wait_for_complete()  # counted off the event loop
        await pilot.pause()
        ranking = [(m.name, m.misses, m.seen) for m in screen.ranking]
        assert ranking == [
            ("Clock Assumptions", 5, 6),
            ("Fencing Tokens", 3, 6),
            ("Lease Expiry", 1, 6),
        ]
        assert screen.ranking[0].weakest_card == "test-L3-003"  # last score 35
        await pilot.press("enter")
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.session.card.id == "test-L3-003"


async def test_missed_concepts_keep_a_card_that_left_the_bank(
    make_app: MakeApp, store: Store
) -> None:
    started = START - timedelta(days=4)
    store.save_attempt(
        Attempt(
            profile="ana",
            card_id="gone-L5-009",
            card_hash="h",
            card_title="Quorums We Retired",
            started=started,
            ended=started + timedelta(minutes=9),
            answer="Sloppy quorums.",
            score=20.0,
            band=Band.INSUFFICIENT,
            missed_core=("Read Repair", "Hinted Handoff"),
        ),
        None,
        START,
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "k")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Hinted Handoff" in text and "Quorums We Retired" in text
        assert "(not in your bank)" in text
        await pilot.press("enter")  # nothing to drill: it says why instead
        await pilot.pause()
        assert isinstance(app.screen, MissedConceptsScreen)
        toasts = [toast.message for toast in app._notifications]  # no public list of toasts
        assert any("Quorums We Retired is no longer in your bank" in t for t in toasts)


async def test_progress_shows_charts(make_app: MakeApp, store: Store, clock: FakeClock) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "g")
        assert isinstance(app.screen, ProgressScreen)
        text = screen_text(app)
        assert "all topics" in text and "6 attempts, last 55" in text
        assert "2 attempts, last 91" in text
        assert "scale ▁ 0 … █ 100; a column is 1 day" in text
        assert re.search(r"2026-02-10 +today", text)  # the strips' time axis
        assert re.search(r"Nov +Dec +Jan +Feb +Mar", text)  # the heatmap's months
        assert "(1 in a day)" in text  # the heatmap's legend
        await pilot.press("pagedown", "pagedown")  # the charts scroll from the keyboard
        text = screen_text(app)
        assert "Due in the next 14 days, from today: 3 cards" in text
        assert "2026-02" in text and "2026-03" in text  # retention by month
        assert "0% of 1 review" in text and "of 5 reviews" in text


async def test_a_long_history_is_charted_from_a_worker(
    make_app: MakeApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(store)
    monkeypatch.setattr(digest_cache, "AT_ONCE", 0)  # its one shard counts as long here
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "g")
        assert isinstance(app.screen, ProgressScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Reading your attempts" not in text
        assert "6 attempts, last 55" in text and "(1 in a day)" in text


def test_forecast_counts_stand_over_their_bars() -> None:
    counts = (3, 0, 12, 1, 0, 0, 7)
    lines = forecast_text(counts, date(2026, 3, 30), height=4).plain.splitlines()
    numbers, bars, weekdays, days, months = lines[0], lines[1:5], lines[6], lines[7], lines[8]
    for day, count in enumerate(counts):
        cell = slice(4 * day, 4 * day + 4)
        assert numbers[cell].strip() == str(count)
        assert bool(bars[-1][cell].strip()) == bool(count)  # a bar right under its number
    assert bars[0][8:12].strip() == "██"  # the busiest fills the chart
    assert weekdays.split() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert days.split() == ["30", "31", "1", "2", "3", "4", "5"]
    assert months.split() == ["Mar", "Apr"] and months.index("Apr") == 8


@pytest.mark.parametrize(
    "keys", [["h"], ["h", "enter"], ["h", "g"]], ids=["history", "attempt", "progress"]
)
def test_history_snapshots(
    snap_compare: Callable[..., bool], make_app: MakeApp, store: Store, keys: list[str]
) -> None:
    seed(store)

    async def no_blink(pilot: Pilot[None]) -> None:
        for editor in pilot.app.screen.query(AnswerEditor):
            editor.cursor_blink = False

    assert snap_compare(make_app(), terminal_size=SIZE, press=keys, run_before=no_blink)


async def test_empty_history_says_what_to_do(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert "No attempts yet" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


def seed_ben(store: Store) -> None:
    """Ben's interview at the leases card, answered aloud, with ana interviewing."""
    store.ensure_profile("ben")
    started = START - timedelta(days=2)
    store.save_attempt(
        Attempt(
            profile="ben",
            card_id="test-L4-001",
            card_hash="h",
            card_title=TITLES["test-L4-001"],
            topic="testing",
            level="L4",
            started=started,
            ended=started + timedelta(minutes=9),
            answer="A zookeeper session stands in for the lease.",
            score=60.0,
            band=Band.NEEDS_IMPROVEMENT,
            mode=Mode.PAIR,
            interviewer="ana",
            typed=False,
        ),
        Rating.Hard,
        started,
    )


async def test_history_filter_prefix_unknown_key_and_empty(make_app: MakeApp, store: Store) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "slash", *"topic:clo")
        assert first_column(app, 3) == ["clocks", "clocks"]
        await pilot.press("escape", "slash", *"topic:qourums")  # mistyped
        assert table(app).row_count == 2
        await pilot.press("escape", "slash", *"foo:bar")
        text = screen_text(app)
        assert (
            "foo: is not a filter key (ignored); use topic: level: band: mode: who: card:" in text
        )
        assert table(app).row_count == 6
        await pilot.press("escape", "slash", *"topic:nowhere")
        assert table(app).row_count == 0
        assert "No attempt matches “topic:nowhere” (escape clears the filter)." in screen_text(app)


async def answers_searched(app: TrainerApp, pilot: Pilot[None]) -> None:
    await pilot.pause(SEARCH_PAUSE + 0.1)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_history_searches_the_answers_and_aloud(make_app: MakeApp, store: Store) -> None:
    seed(store)
    seed_ben(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", "a", "slash", *"zookeeper")
        # The fields are filtered at once; the answers once typing pauses, from a worker.
        assert table(app).row_count == 0
        assert "Searching the answers too" in screen_text(app)
        assert "No attempt matches “zookeeper” yet (searching the answers)" in screen_text(app)
        await answers_searched(app, pilot)
        assert table(app).row_count == 1
        assert "Searching the answers" not in screen_text(app)
        assert "No attempt matches" not in screen_text(app)
        await pilot.press("backspace")  # "zookeepe": searched again, found again
        await answers_searched(app, pilot)
        assert table(app).row_count == 1
        await pilot.press("escape", "slash", *"mode:aloud")
        assert table(app).row_count == 1 and first_column(app, 2) == ["ben"]
        await pilot.press("escape", "slash", *"mode:typed")
        assert table(app).row_count == 1 and first_column(app, 6) == ["pair (ivy)"]


async def test_everyone_shows_whose_and_compare_names_both(make_app: MakeApp, store: Store) -> None:
    seed(store)
    seed_ben(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert "Who" not in screen_text(app).splitlines()[4]
        await pilot.press("a")
        header = next(line for line in screen_text(app).splitlines() if "Date" in line)
        assert "Who" in header and "Score" in header and "Band" in header
        assert sorted(set(first_column(app, 2))) == ["ana", "ben"]
        await pilot.press("slash", *"card:leases", "enter")
        assert first_column(app, 2) == ["ben", "ana", "ana"]
        await pilot.press("space", "down", "space", "c")
        screen = screen_as(app, CompareScreen)
        assert screen.comparison.people == ("ana", "ben")
        text = screen_text(app)
        assert "ana then ben" in text
        assert "ben · 2026-02-28" in text and "ana · 2026-02-24" in text


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_history_fits_score_and_band(
    make_app: MakeApp, store: Store, size: tuple[int, int]
) -> None:
    seed(store)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("h")
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "Date" in line)
        assert "Score" in header and "Band" in header and len(header.rstrip()) <= size[0]
        assert any("needs improvement" in line for line in lines)
        assert any("Sizing Read And" in line for line in lines)  # titles cut, still read
        await pilot.press("a")
        header = next(line for line in screen_text(app).splitlines() if "Date" in line)
        assert "Who" in header and "Score" in header and "Band" in header


async def test_history_footer_fits_80_columns(make_app: MakeApp, store: Store) -> None:
    # Issue 13: at 80x24 the last keys (Back) were cut off; the rarer keys are on "?".
    seed(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "esc Back" in footer and "k Missed" in footer and "/ Filter" in footer


async def test_a_whole_history_is_kept_from_the_collector_while_it_is_open(
    make_app: MakeApp, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full collection walking 50,000 summaries landed on filter keys (0.5-1 s)."""
    seed(store)
    monkeypatch.setattr(history_screen, "FIRST_PAGE", 2)  # the rest read by the worker
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.complete
        assert COLLECTOR.frozen and gc.get_freeze_count() > 0
        await pilot.press("escape")
        await pilot.pause()
        assert not COLLECTOR.frozen and gc.get_freeze_count() == 0
