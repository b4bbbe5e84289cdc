"""Which trainer apps are running on a database, and which drill each one is typing.

The store's lock is held only for the moment of a write; this is the other kind: every
running app holds a lock on a marker file of its own for as long as it runs, and says in a
small file beside it which drill (attempt id) it has open. Another app can then tell that it
is not alone, and never offers to resume a draft that a live window is still typing. A marker
whose lock nobody holds belongs to an app that is gone (killed, or its terminal closed) and is
removed by whoever finds it.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from trainer.core.store.files import FILE_MODE, atomic_write_text, private_folder


@dataclass(frozen=True)
class OtherWindow:
    """Another running app on the same database."""

    pid: int
    profile: str
    attempt_id: str | None  # the drill it has open, if any


class WindowMarker:
    """This app's marker: held from `open` to `close`."""

    def __init__(self, folder: Path, token: str, lock: FileLock) -> None:
        self.folder = folder
        self.token = token
        self._lock = lock

    @classmethod
    def open(cls, folder: Path, profile: str) -> WindowMarker | None:
        """Register this app; None where the folder cannot be written (read-only data)."""
        token = f"{os.getpid()}-{secrets.token_hex(4)}"
        try:
            private_folder(folder)
            lock = FileLock(str(folder / f"{token}.lock"), mode=FILE_MODE)
            lock.acquire(timeout=0)
        except (OSError, Timeout):
            return None
        marker = cls(folder, token, lock)
        marker.claim(profile, None)
        return marker

    def claim(self, profile: str, attempt_id: str | None) -> None:
        """Say which profile this app is on and which drill it has open (None: none)."""
        info = {"pid": os.getpid(), "profile": profile, "attempt_id": attempt_id}
        with contextlib.suppress(OSError):  # a marker that cannot be updated only informs less
            atomic_write_text(self.folder / f"{self.token}.json", json.dumps(info))

    def others(self) -> list[OtherWindow]:
        """The other apps still running on this database (stale markers are removed)."""
        found = []
        for lock_path in sorted(self.folder.glob("*.lock")):
            token = lock_path.stem
            if token == self.token:
                continue
            probe = FileLock(str(lock_path), mode=FILE_MODE)
            try:
                probe.acquire(timeout=0)
            except Timeout:
                found.append(_read_info(self.folder / f"{token}.json"))
                continue
            except OSError:
                continue
            probe.release()  # nobody holds it: that app is gone
            for leftover in (lock_path, self.folder / f"{token}.json"):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        return found

    def close(self) -> None:
        """Unregister (the app is quitting)."""
        for leftover in (self.folder / f"{self.token}.json",):
            with contextlib.suppress(OSError):
                leftover.unlink()
        with contextlib.suppress(OSError):
            self._lock.release()
            (self.folder / f"{self.token}.lock").unlink()


def _read_info(path: Path) -> OtherWindow:
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        attempt_id = info.get("attempt_id")
        return OtherWindow(
            int(info.get("pid", 0)),
            str(info.get("profile", "")),
            attempt_id if isinstance(attempt_id, str) else None,
        )
    except (OSError, ValueError, TypeError, AttributeError):
        return OtherWindow(0, "", None)
