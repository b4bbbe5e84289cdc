"""Find card files under bank roots, and read one card file, without trusting the filesystem.

A bank is a folder someone shared, or a path typed by mistake (`--bank /`, `--bank /proc`). So
the walk reads only regular files (a FIFO named `card.md` would block a read forever, a link to
`/dev/zero` would never end), never follows links to folders (no loops), stops at the limits in
`limits` and says where it stopped, and turns every filesystem error into a problem line.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from trainer.core.cards.limits import (
    MAX_BANK_DEPTH,
    MAX_BANK_ENTRIES,
    MAX_BANK_FILES,
    MAX_CARD_BYTES,
    size_in_words,
)
from trainer.core.cards.model import Problem, Severity

CARD_SUFFIXES = (".md", ".txt")
# A .txt file in a bank folder is a card only when it opens with front matter (notes, licences
# and such are not); a .md file always is, so a card that lost its `---` is reported, not lost.
_FRONT_MATTER_ONLY = ".txt"
DOCUMENT_NAMES = frozenset({"readme.md", "guidelines.md"})
_MAX_FOLDER_PROBLEMS = 3  # unreadable folders named one by one; the rest are counted


def discover(
    roots: Iterable[Path], statuses: dict[Path, os.stat_result] | None = None
) -> tuple[list[Path], list[Problem]]:
    """Card files under each root (a root may itself be a file), sorted, without documents;
    `statuses` receives each file's stat (the cache needs it: one stat per file, not two)."""
    found: list[Path] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    for root in roots:
        for path in _card_files(root, problems):
            # The same file reached twice (two roots, a link): one stat, where resolving the
            # path would look up every folder on the way (a fifth of a warm start at 5,000).
            try:
                status = os.stat(path)
            except OSError:
                found.append(path)  # gone or unreadable: reading it says why
                continue
            if (status.st_dev, status.st_ino) not in seen:
                seen.add((status.st_dev, status.st_ino))
                found.append(path)
                if statuses is not None:
                    statuses[path] = status
    return found, problems


def _card_files(root: Path, problems: list[Problem]) -> list[Path]:
    try:
        status = root.stat()
    except FileNotFoundError:
        problems.append(Problem(root, 0, "no such file or directory"))
        return []
    except OSError as error:
        problems.append(Problem(root, 0, f"cannot read it: {_reason(error)}"))
        return []
    if stat.S_ISREG(status.st_mode):
        return [root]
    if not stat.S_ISDIR(status.st_mode):
        problems.append(Problem(root, 0, f"{_kind(status.st_mode)}, not a card file or folder"))
        return []
    walk = _Walk(root)
    walk.run()
    problems.extend(walk.problems())
    if not walk.files and not walk.stopped:
        problems.append(
            Problem(
                root,
                0,
                f"no card files here ({' or '.join('*' + s for s in CARD_SUFFIXES)}, "
                f"searched {MAX_BANK_DEPTH} folders deep)",
                Severity.WARNING,
            )
        )
    return sorted(walk.files)


@dataclass
class _Walk:
    """One bounded walk of a folder: what it found, and where and why it stopped."""

    root: Path
    files: list[Path] = field(default_factory=list)
    entries: int = 0
    stopped: str = ""
    too_deep: Path | None = None
    not_regular: list[tuple[Path, str]] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)

    def run(self) -> None:
        pending: list[tuple[Path, int]] = [(self.root, 0)]
        while pending and not self.stopped:
            folder, depth = pending.pop()
            for entry in self._entries(folder):
                self.entries += 1
                if self.entries > MAX_BANK_ENTRIES:
                    self.stopped = f"stopped after {MAX_BANK_ENTRIES:,} entries (the limit)"
                    return
                if entry.name.startswith("."):
                    continue
                self._visit(entry, depth, pending)
                if len(self.files) >= MAX_BANK_FILES:
                    self.stopped = f"stopped at {MAX_BANK_FILES:,} card files (the limit)"
                    return

    def _entries(self, folder: Path) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(folder) as listing:
                return sorted(listing, key=lambda entry: entry.name, reverse=True)
        except FileNotFoundError:  # gone while walking (a process under /proc)
            return []
        except OSError as error:
            self.unreadable.append((folder, _reason(error)))
            return []

    def _visit(self, entry: os.DirEntry[str], depth: int, pending: list[tuple[Path, int]]) -> None:
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                if depth + 1 > MAX_BANK_DEPTH:
                    self.too_deep = self.too_deep or path
                else:
                    pending.append((path, depth + 1))
                return
            if not entry.name.lower().endswith(CARD_SUFFIXES):
                return
            if entry.name.lower() in DOCUMENT_NAMES:
                return
            mode = entry.stat().st_mode  # follows a link to a file: it must be regular too
        except FileNotFoundError:  # a dangling link, or gone while walking
            return
        except OSError as error:
            self.unreadable.append((path, _reason(error)))
            return
        if stat.S_ISREG(mode):
            if not entry.name.lower().endswith(_FRONT_MATTER_ONLY) or _opens_front_matter(path):
                self.files.append(path)
        elif not stat.S_ISDIR(mode):
            self.not_regular.append((path, _kind(mode)))

    def problems(self) -> list[Problem]:
        problems = [
            Problem(path, 0, f"{kind}, not a regular file: skipped", Severity.WARNING)
            for path, kind in self.not_regular
        ]
        for path, reason in self.unreadable[:_MAX_FOLDER_PROBLEMS]:
            problems.append(Problem(path, 0, f"cannot read it: {reason}", Severity.WARNING))
        if len(self.unreadable) > _MAX_FOLDER_PROBLEMS:
            more = len(self.unreadable) - _MAX_FOLDER_PROBLEMS
            problems.append(
                Problem(self.root, 0, f"{more} more paths could not be read", Severity.WARNING)
            )
        if self.too_deep is not None:
            problems.append(
                Problem(
                    self.root,
                    0,
                    f"folders more than {MAX_BANK_DEPTH} levels deep were not searched "
                    f"(the limit), e.g. {self.too_deep}",
                    Severity.WARNING,
                )
            )
        if self.stopped:
            problems.append(
                Problem(
                    self.root,
                    0,
                    f"{self.stopped}, {len(self.files):,} card files found so far: "
                    "is this the folder of cards you meant?",
                )
            )
        return problems


def read_card_bytes(path: Path) -> bytes | str:
    """The bytes of a card file, or why it cannot be read: not a regular file, or too big."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return f"cannot read the file: {_reason(error)}"
    with os.fdopen(descriptor, "rb") as file:
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode):
                return f"{_kind(status.st_mode)}, not a regular file: not a card"
            if status.st_size > MAX_CARD_BYTES:
                return (
                    f"the file is {size_in_words(status.st_size)}: a card may be at most "
                    f"{size_in_words(MAX_CARD_BYTES)} (the limit)"
                )
            raw = file.read(MAX_CARD_BYTES + 1)  # a file growing while read stays bounded
        except OSError as error:
            return f"cannot read the file: {_reason(error)}"
    if len(raw) > MAX_CARD_BYTES:
        return f"the file is larger than {size_in_words(MAX_CARD_BYTES)} (the limit)"
    return raw


def _opens_front_matter(path: Path) -> bool:
    """Whether a file starts with `---` (after a byte-order mark): read only its first bytes."""
    try:
        with path.open("rb") as file:
            head = file.read(8)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"---")


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "a special file"


def _reason(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return error.strerror or str(error)
