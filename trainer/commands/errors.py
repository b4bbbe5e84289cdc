"""One line for a failure the user can act on: the path, what went wrong in words, what to do."""

from __future__ import annotations

import errno
from pathlib import Path

from trainer.core.store.files import describe

_ADVICE = {
    errno.EACCES: "check its permissions, or choose another path",
    errno.EPERM: "check its permissions, or choose another path",
    errno.ENOENT: "check the path: its folder must exist",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "give a file name, not a folder",
    errno.ENOSPC: "free some disk space and try again",
    errno.EROFS: "choose a path on a writable disk",
    errno.EEXIST: "choose another path, or move the existing one away",
}


class CommandError(Exception):
    """A command that cannot go on: its message is the one line the user sees."""


def failure_line(error: BaseException, path: Path | None = None) -> str:
    """The line to print for an error met while working on `path` (an OSError names its own)."""
    if not isinstance(error, OSError):
        # The store's write errors name the path and keep the errno: add what to do.
        advice = _ADVICE.get(getattr(error, "errno", None) or 0, "")
        return f"{error} ({advice})" if advice and "(" not in str(error) else str(error)
    where = error.filename or path or "a file"
    advice = _ADVICE.get(error.errno or 0, "")
    return f"{where}: {describe(error)}" + (f" ({advice})" if advice else "")
