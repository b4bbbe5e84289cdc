"""Running `trainer` on hostile data, and the faults to run it under: a full disk, a read-only
folder, a file-size limit.

`run_trainer` runs the command in this process by default; with `TRAINER_PYTHON` set (for
instance to the previous release's interpreter, `/work/stable/.venv/bin/python`) it runs that
interpreter's `trainer` as a subprocess, so the same tests measure the code as it was.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import io
import os
import resource
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

UNDER_TEST = os.environ.get("TRAINER_PYTHON", "")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def crashed(self) -> bool:
        return "Traceback" in self.err or self.code not in (0, 1, 2)


def run_trainer(*args: str, cwd: Path | None = None, file_limit: int | None = None) -> Run:
    """`trainer ARGS`: in this process, or as a subprocess of `TRAINER_PYTHON` (always a
    subprocess under a file-size limit)."""
    if UNDER_TEST or file_limit is not None:
        return _subprocess(args, cwd, file_limit)
    from trainer.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        except Exception:  # a crash: what a user would see as a traceback
            traceback.print_exc(file=err)
            code = 1
    return Run(code, out.getvalue(), err.getvalue())


@functools.cache
def force() -> tuple[str, ...]:
    """`--force` where the trainer under test has it (the previous release overwrote without
    asking, so it has none: the fault tests then measure what it did)."""
    return ("--force",) if "--force" in run_trainer("backup", "--help").out else ()


def _subprocess(args: tuple[str, ...], cwd: Path | None, file_limit: int | None) -> Run:
    python = UNDER_TEST or sys.executable

    def limit() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    done = subprocess.run(
        [python, "-m", "trainer", *args],
        capture_output=True,
        text=True,
        cwd=cwd or Path("/"),  # never this checkout: `-m` would import it instead
        preexec_fn=limit,
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


STORE_PRELUDE = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
try:
    from trainer.core.store.database import Store
    from trainer.core.store.drafts import Draft, DraftStore
    from trainer.core.store.records import Attempt
except ImportError:  # the previous release's layout
    from trainer.core.store import Store
    from trainer.core.drafts import Draft, DraftStore
    from trainer.core.records import Attempt
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
def attempt(card_id):
    return Attempt("ana", card_id, "h", NOW - timedelta(minutes=9), NOW, "an answer", 70.0, "good")
"""


def run_store_script(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A few lines against the store API of the code under test (`sys.argv[1:]` = `args`)."""
    return subprocess.run(
        [UNDER_TEST or sys.executable, "-c", STORE_PRELUDE + script, *args],
        capture_output=True,
        text=True,
        cwd="/",
        timeout=120,
        check=False,
    )


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative path -> content hash): to prove nothing changed."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftover_temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if p.name.endswith((".tmp", ".trainer-tmp"))]


# -- faults ---------------------------------------------------------------------------------------


def _run(*command: str) -> bool:
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


@contextlib.contextmanager
def small_disk(mountpoint: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of `size_kib` at `mountpoint` (skips when it cannot be mounted)."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    if not _run(
        "mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(mountpoint)
    ):
        pytest.skip("cannot mount a tmpfs here (needs root and mount rights; CI runs as root)")
    try:
        yield mountpoint
    finally:
        _run("umount", "-l", str(mountpoint))


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte; returns the filler (delete it to free the space)."""
    filler = disk / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(descriptor, b"\0" * size)
    finally:
        os.close(descriptor)
    return filler


class FullDisk:
    """A folder whose disk can be filled and freed: a small tmpfs when it can be mounted
    (root), else the real disk with `os.fsync` patched to fail with ENOSPC for files in it
    while "full" (the same error the writes of a full tmpfs meet, one call later)."""

    def __init__(self, folder: Path, mounted: bool) -> None:
        self.folder = folder
        self.mounted = mounted
        self._filler: Path | None = None
        self.full = False

    def fill(self) -> None:
        self.full = True
        if self.mounted:
            self._filler = fill(self.folder)

    def free(self) -> None:
        self.full = False
        if self._filler is not None:
            self._filler.unlink()
            self._filler = None


@contextlib.contextmanager
def full_disk(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FullDisk]:
    folder.mkdir(parents=True, exist_ok=True)
    mount = os.environ.get("TRAINER_FAULTS_WITHOUT_MOUNT") != "1"  # "1": try the patch path
    if mount and _run("mount", "-t", "tmpfs", "-o", "size=2048k,mode=0700", "tmpfs", str(folder)):
        try:
            yield FullDisk(folder, mounted=True)
        finally:
            _run("umount", "-l", str(folder))
        return
    disk = FullDisk(folder, mounted=False)
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        where = os.readlink(f"/proc/self/fd/{descriptor}")
        if disk.full and where.startswith(str(folder)):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), where)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    yield disk


@contextlib.contextmanager
def read_only(folder: Path, mountpoint: Path) -> Iterator[Path]:
    """`folder`'s content seen read-only at `mountpoint`. Root ignores permission bits, so
    a read-only bind mount it is; else every file and folder made immutable (chattr +i);
    else the test skips, with the reason."""
    mountpoint.mkdir(parents=True, exist_ok=True)
    if _run("mount", "--bind", str(folder), str(mountpoint)):
        if _run("mount", "-o", "remount,ro,bind", str(mountpoint)):
            try:
                yield mountpoint
            finally:
                _run("umount", "-l", str(mountpoint))
            return
        _run("umount", "-l", str(mountpoint))
    if os.geteuid() != 0:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
        try:
            yield folder
        finally:
            for path in [folder, *folder.rglob("*")]:
                path.chmod(path.stat().st_mode | 0o200)
        return
    if shutil.which("chattr") and _run("chattr", "-R", "+i", str(folder)):
        try:
            yield folder
        finally:
            _run("chattr", "-R", "-i", str(folder))
        return
    pytest.skip("no read-only bind mount and no chattr here: root would ignore permissions")
