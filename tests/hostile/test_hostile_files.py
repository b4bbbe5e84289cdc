"""The files around the database: export and backup never overwrite silently nor leave
partial files; a full disk, a file-size limit and a read-only folder give one line (or work,
for readers); a symlinked database stays one database; only our own temporaries are swept;
nobody else can read the data."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest

from tests.hostile.database_corpus import write_database
from tests.hostile.store_faults import (
    fill,
    force,
    leftover_temporaries,
    read_only,
    run_store_script,
    run_trainer,
    small_disk,
    tree_digest,
)

KILLS = int(os.environ.get("TRAINER_DRAFT_KILLS", "30"))
OLD = "the user's own file, not to be lost\n" * 200


@pytest.mark.parametrize("command", [("export", "--out"), ("backup",)])
def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    main = write_database(tmp_path / "data", attempts=30)
    target = tmp_path / "mine.txt"
    target.write_text(OLD)
    refused = run_trainer("--db", str(main), *command, str(target))
    assert refused.code == 2 and not refused.crashed
    assert str(target) in refused.err and "--force" in refused.err
    assert target.read_text() == OLD
    forced = run_trainer("--db", str(main), *command, str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_text() != OLD and not leftover_temporaries(tmp_path)


@pytest.mark.parametrize("command", [("export", "--out"), ("backup",)])
def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    main = write_database(tmp_path / "data", attempts=200)
    with small_disk(tmp_path / "disk", 256) as disk:
        target = disk / "out.txt"
        target.write_text(OLD)
        fill(disk)
        run = run_trainer("--db", str(main), *command, str(target), *force())
        assert run.code == 2 and not run.crashed, run.err
        assert str(target) in run.err and "no space left on device" in run.err.lower()
        assert "Errno" not in run.err
        assert target.read_text() == OLD
        assert leftover_temporaries(disk) == []


def test_a_file_size_limit_leaves_the_old_export_whole(tmp_path: Path) -> None:
    main = write_database(tmp_path / "data", attempts=200)
    assert run_trainer("--db", str(main), "stats").code == 0  # upgraded once, without a limit
    target = tmp_path / "export.md"
    target.write_text(OLD)
    run = run_trainer(
        "--db", str(main), "export", "--out", str(target), *force(), file_limit=20_000
    )
    assert run.code == 2 and not run.crashed, run.err
    assert str(target) in run.err and "Errno" not in run.err
    assert target.read_text() == OLD  # not a truncated partial
    assert leftover_temporaries(tmp_path) == []


def test_readers_work_on_a_read_only_folder_and_create_nothing(tmp_path: Path) -> None:
    write_database(tmp_path / "data", attempts=50)
    with read_only(tmp_path / "data", tmp_path / "ro") as folder:
        before = tree_digest(folder)
        main = folder / "trainer.json"
        stats = run_trainer("--db", str(main), "stats", "--profile", "ana")
        assert stats.code == 0 and stats.out.startswith("Profile ana: 50 attempts"), stats.err
        export = run_trainer("--db", str(main), "export", "--format", "json")
        assert export.code == 0 and len(json.loads(export.out)["attempts"]) == 50, export.err
        backup = run_trainer("--db", str(main), "backup", str(tmp_path / "backup.json"))
        assert backup.code == 0, backup.err
        restore = run_trainer("--db", str(main), "restore", str(tmp_path / "backup.json"))
        assert restore.code == 2 and not restore.crashed and str(folder) in restore.err
        assert tree_digest(folder) == before


def test_a_symlinked_database_stays_one_database(tmp_path: Path) -> None:
    real = write_database(tmp_path / "real", attempts=10)
    link = tmp_path / "elsewhere" / "trainer.json"
    link.parent.mkdir()
    link.symlink_to(real)
    done = run_store_script(
        "store = Store.open(Path(sys.argv[1]))\n"
        "store.save_attempt(attempt('card-x'), None, NOW)\n"
        "print(len(Store.open(Path(sys.argv[2])).summaries()))",
        str(link),
        str(real),
    )
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and link.resolve() == real  # a save never replaces the link
    assert sorted(p.name for p in link.parent.iterdir()) == ["trainer.json"]  # no lock, no shards
    assert done.stdout.split() == ["11"]  # one database, seen the same through both paths


def test_opening_sweeps_only_our_own_temporaries(tmp_path: Path) -> None:
    main = write_database(tmp_path / "data", attempts=5)
    theirs = [main.parent / ".vimrc.tmp", main.parent / ".notes.123.tmp"]
    dead = 2**22 + 12345  # above the default pid_max: no such process
    ours = [
        main.parent / f".trainer.json.{dead}-0123abcd.trainer-tmp",
        main.parent / f".trainer.json.{dead}.tmp",  # an earlier release's name for ours
        main.parent / "trainer.d" / "drafts" / f".draft-0a1b.json.{dead}-0123abcd.trainer-tmp",
        main.parent / "trainer.d" / "drafts" / f".draft-0a1b2c.json.{dead}.tmp",
        main.parent / "trainer.d" / "attempts" / f".0000.json.{dead}.tmp",
    ]
    for path in [*theirs, *ours]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    done = run_store_script("Store.open(Path(sys.argv[1]))", str(main))
    assert done.returncode == 0, done.stderr
    assert [path.name for path in theirs if not path.exists()] == []  # other programs' files
    assert [path.name for path in ours if path.exists()] == []  # our own orphans, all of them


def test_the_data_folder_is_private(tmp_path: Path) -> None:
    main = tmp_path / "new" / "data" / "trainer.json"
    done = run_store_script(
        "store = Store.open(Path(sys.argv[1]))\n"
        "for n in range(3): store.save_attempt(attempt(f'card-{n}'), None, NOW)\n"
        "DraftStore(store.paths.drafts).save(Draft('ana', 'card', NOW))",
        str(main),
    )
    assert done.returncode == 0, done.stderr
    for path in [main.parent, *main.parent.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"


AUTOSAVE_FOREVER = """
import dataclasses
store = Store.open(Path(sys.argv[1]))
drafts = DraftStore(store.paths.drafts)
draft = Draft("ana", "card", NOW)
drafts.save(draft)
print("typing", flush=True)
while True:
    draft = dataclasses.replace(draft, answer=draft.answer + "word ")
    drafts.save(draft)
"""


def test_autosaves_killed_mid_write_leave_no_temporary_once_reopened(tmp_path: Path) -> None:
    """SIGKILL an autosaving process many times: every temporary it left in drafts/ is ours,
    and the next opening of the store removes them all."""
    import random
    import signal
    import subprocess
    import time

    from tests.hostile.store_faults import STORE_PRELUDE, UNDER_TEST

    main = write_database(tmp_path / "data", attempts=3)
    python = UNDER_TEST or sys.executable
    rng = random.Random(5)
    orphaned = 0  # temporaries left by a kill (each new start sweeps the earlier ones)
    for _ in range(KILLS):
        child = subprocess.Popen(
            [python, "-c", STORE_PRELUDE + AUTOSAVE_FOREVER, str(main)],
            stdout=subprocess.PIPE,
            text=True,
            cwd="/",  # never this checkout: `-c` would import it instead
        )
        assert child.stdout is not None and child.stdout.readline() == "typing\n"
        time.sleep(rng.uniform(0.0, 0.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        orphaned += len(leftover_temporaries(main.parent))
    done = run_store_script("Store.open(Path(sys.argv[1]))", str(main))
    assert done.returncode == 0, done.stderr
    assert leftover_temporaries(main.parent) == []
    assert orphaned, "no kill landed mid-write: the test proved nothing"
