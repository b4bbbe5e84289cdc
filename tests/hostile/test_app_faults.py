"""The app under faults: a full disk or any I/O error never closes it nor loses the answer; a
read-only database opens read-only with a banner; a restore under the running app is noticed;
a crash exits non-zero."""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from textual.app import App

from tests.hostile.database_corpus import (
    RECORD_CASES,
    SHARD_CASES,
    archive_data,
    write_archive,
    write_database,
)
from tests.hostile.store_faults import (
    FullDisk,
    full_disk,
    leftover_temporaries,
    read_only,
    run_store_script,
)
from tests.ui.conftest import CARDS, FakeClock, screen_as
from trainer.core.cards.bank import load_bank
from trainer.core.practice.plan import PairPlan
from trainer.core.store.archive import read_archive
from trainer.core.store.database import Store
from trainer.core.store.restore import restore
from trainer.ui.app import TrainerApp, run_app
from trainer.ui.screens.drill import DrillScreen
from trainer.ui.screens.home import HomeScreen
from trainer.ui.screens.pair import PairScreen, View
from trainer.ui.screens.review import ReviewScreen
from trainer.ui.widgets.status_banner import StatusBanner

SIZE = (100, 30)


def banner(app: TrainerApp) -> str:
    found = app.screen.query(StatusBanner)
    if not found or not found.first().has_class("-shown"):
        return ""
    return str(found.first().render())


@pytest.fixture(autouse=True)
def _rescues_stay_in_the_test_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An answer that cannot be saved is written to the current folder: the test's."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FullDisk]:
    with full_disk(tmp_path / "disk", monkeypatch) as mounted:
        yield mounted


def app_on(main: Path, clock: FakeClock, pair: PairPlan | None = None) -> TrainerApp:
    store = Store.open(main)
    return TrainerApp(load_bank([CARDS]), store, "ana", clock, pair=pair)


async def test_a_full_disk_while_typing_keeps_the_answer_and_says_so(
    disk: FullDisk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rescue_folder = Path(platformdirs.user_documents_dir())
    monkeypatch.chdir(tmp_path)
    clock = FakeClock()
    app = app_on(disk.folder / "trainer.json", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "down", "enter", *"Leases expire.")
        screen = screen_as(app, DrillScreen)
        disk.fill()
        clock.advance(4)
        screen.tick()  # the autosave is due: the disk refuses it
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert "Saves are failing" in banner(app) and "no space left on device" in banner(app)
        await pilot.press(*" Fencing tokens.")
        # The side panel is redrawn 0.25 s after typing; let it, before the app can close
        # (drill.py's panel timer otherwise races the shutdown under load).
        await pilot.pause(0.3)
        assert screen.session.answer == "Leases expire. Fencing tokens."
        await pilot.press("f3")  # save it elsewhere
        [rescued] = rescue_folder.glob("trainer-unsaved-*.md")
        assert "Leases expire. Fencing tokens." in rescued.read_text()
        disk.free()  # space again: the next retry saves the draft
        clock.advance(6)
        screen.tick()
        await pilot.pause()
        assert banner(app) == ""
        draft = app.drafts.load("ana")
        assert draft is not None and draft.answer == "Leases expire. Fencing tokens."
    assert leftover_temporaries(disk.folder) == []


async def test_a_full_disk_at_ctrl_s_keeps_the_attempt_until_a_retry_saves_it(
    disk: FullDisk,
) -> None:
    clock = FakeClock()
    app = app_on(disk.folder / "trainer.json", clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "down", "enter", *"Leases expire.", "ctrl+n", "ctrl+n", "s")
        review = screen_as(app, ReviewScreen)
        disk.fill()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.screen is review and review.saved is None
        assert "the attempt could not be saved" in banner(app)
        assert app.store.summaries() == []
        disk.free()
        await pilot.press("ctrl+s")
        assert review.saved is not None and banner(app) == ""
    assert len(Store.open(disk.folder / "trainer.json").attempts("ana")) == 1
    assert leftover_temporaries(disk.folder) == []


async def test_an_io_error_at_the_pair_reveal_keeps_the_interview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    plan = PairPlan("ivy", "cal", "test-L4-001", True)
    app = app_on(tmp_path / "db" / "trainer.json", clock, pair=plan)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_as(app, PairScreen)
        await pilot.press("enter", *"The lease expires.", "ctrl+g", "enter")
        await pilot.press("ctrl+n", "enter", "ctrl+g", "enter", "ctrl+g", "enter")
        await pilot.press("ctrl+n", "enter", "ctrl+s", "enter")
        assert screen.view is View.REVEAL
        real = Store.save_attempt

        def broken(*args: object, **kwargs: object) -> object:
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(Store, "save_attempt", broken)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and screen.saved is None
        assert "input/output error" in banner(app).lower()
        monkeypatch.setattr(Store, "save_attempt", real)
        await pilot.press("ctrl+s")
        assert screen.saved is not None
    assert len(app.store.attempts("cal")) == 1


async def test_a_read_only_database_opens_read_only_with_a_banner(tmp_path: Path) -> None:
    write_database(tmp_path / "data", attempts=5)
    clock = FakeClock()
    with read_only(tmp_path / "data", tmp_path / "ro") as folder:
        store = Store.open(folder / "trainer.json")
        assert store.read_only
        app = TrainerApp(load_bank([CARDS]), store, "ana", clock)
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, HomeScreen) and "Read-only" in banner(app)
            await pilot.press("b", "down", "enter", *"Leases.", "ctrl+n", "ctrl+n", "s")
            await pilot.press("ctrl+s")
            await pilot.pause()
            review = screen_as(app, ReviewScreen)
            assert app.is_running and review.saved is None
            assert "Read-only" in banner(app) and "could not be saved" in banner(app)


async def test_a_restore_under_the_running_app_is_noticed_before_writing(tmp_path: Path) -> None:
    main = write_database(tmp_path / "data", attempts=5)
    backup = write_archive(tmp_path / "backup.json", archive_data(12))
    clock = FakeClock()
    app = app_on(main, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "down", "enter", *"Leases.", "ctrl+n", "ctrl+n", "s")
        review = screen_as(app, ReviewScreen)
        restore(main, read_archive(backup))  # another process restores meanwhile
        await pilot.press("ctrl+s")  # before the watch noticed: refused, nothing written
        await pilot.pause()
        assert review.saved is None and "replaced (restored)" in banner(app)
        assert len(Store.open(main).summaries()) == 12
        await pilot.press("ctrl+s")  # now knowingly into the restored database
        assert review.saved is not None
    assert len(Store.open(main).summaries()) == 13


async def test_the_watch_reloads_a_restored_database(tmp_path: Path) -> None:
    main = write_database(tmp_path / "data", attempts=5)
    backup = write_archive(tmp_path / "backup.json", archive_data(12))
    app = app_on(main, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        assert len(app.store.summaries()) == 5
        restore(main, read_archive(backup))
        app.data_watch.check_database()
        await pilot.pause()
        assert "replaced (restored)" in banner(app) and len(app.store.summaries()) == 12


def test_a_crash_of_the_app_exits_non_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(self: HomeScreen) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(HomeScreen, "refresh_today", explode)
    headless = App.run

    def run(self: App[None], **kwargs: object) -> None:
        headless(self, headless=True)

    monkeypatch.setattr(TrainerApp, "run", run)
    store = Store.open(tmp_path / "db" / "trainer.json")
    assert run_app(load_bank([CARDS]), store, "ana") == 1


def test_the_draft_of_each_window_is_its_own(tmp_path: Path) -> None:
    """Two drills on one profile (two windows), each autosaving: both answers are on disk, and
    a second window's save never overwrites the first's draft (run through the store API of
    the code under test, so the previous release measures too)."""
    done = run_store_script(
        "import json\n"
        "folder = Path(sys.argv[1])\n"
        "one, two = DraftStore(folder), DraftStore(folder)\n"
        "one.save(Draft('ana', 'card-a', NOW, answer='window one'))\n"
        "two.save(Draft('ana', 'card-b', NOW, answer='window two'))\n"
        "print(json.dumps(sorted(json.loads(p.read_text())['answer'] "
        "for p in folder.glob('draft-*.json'))))",
        str(tmp_path / "drafts"),
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["window one", "window two"]


async def test_quitting_while_saves_fail_writes_the_answer_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_database(tmp_path / "data", attempts=2)
    monkeypatch.chdir(tmp_path)
    with read_only(tmp_path / "data", tmp_path / "ro") as folder:
        app = app_on(folder / "trainer.json", FakeClock())
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("b", "down", "enter", *"Typed on a read-only disk.")
            await pilot.press("ctrl+n")  # the draft cannot be written: kept in memory
            await app.action_quit()
    [line] = app.data_watch.exit_lines
    documents = Path(platformdirs.user_documents_dir())
    [rescued] = [p for p in documents.glob("trainer-unsaved-*.md") if str(p) in line]
    assert not list(tmp_path.glob("trainer-unsaved-*.md"))  # never the current folder
    assert str(rescued) in line and "Typed on a read-only disk." in rescued.read_text()


@pytest.mark.parametrize("case", sorted(RECORD_CASES) + sorted(SHARD_CASES))
async def test_the_app_starts_on_a_damaged_history_and_says_so(tmp_path: Path, case: str) -> None:
    folder = tmp_path / "data"
    main = RECORD_CASES[case](folder)[0] if case in RECORD_CASES else SHARD_CASES[case](folder)[0]
    app = app_on(main, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # every shard is read after the first screen
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "could not be read and were skipped" in banner(app)
        await pilot.press("h")  # the history lists what can be read
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
