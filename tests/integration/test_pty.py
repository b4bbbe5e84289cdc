"""The real `trainer` command in a pseudo-terminal, read through a terminal emulator."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pexpect
import pyte

from tests.conftest import REPO

COLUMNS, ROWS = 100, 30
CARDS = REPO / "tests" / "data" / "cards"


class Terminal:
    """A spawned command and the screen it has drawn so far."""

    def __init__(self, *args: str) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.output = b""
        trainer = Path(sys.executable).parent / "trainer"
        self.child = pexpect.spawn(
            str(trainer),
            list(args),
            dimensions=(ROWS, COLUMNS),
            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS)},
        )

    def read(self) -> None:
        while True:
            try:
                chunk = self.child.read_nonblocking(65536, timeout=0.05)
            except (pexpect.TIMEOUT, pexpect.EOF):
                return
            self.output += chunk
            self.stream.feed(chunk)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def quit_cleanly(self) -> None:
        """ctrl+q, then the command must end with status 0 and no traceback on screen."""
        self.child.sendcontrol("q")
        self.child.expect(pexpect.EOF, timeout=15)
        self.read()
        self.child.close()
        assert self.child.exitstatus == 0
        assert b"Traceback" not in self.output

    def is_bold(self, word: str) -> bool:
        """Whether the first on-screen occurrence of `word` is drawn bold."""
        for y, line in enumerate(self.screen.display):
            x = line.find(word)
            if x >= 0:
                return all(self.screen.buffer[y][x + i].bold for i in range(len(word)))
        raise AssertionError(f"{word!r} is not on screen")

    def wait_for(self, needle: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read()
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} never appeared on screen:\n{self.text()}")


def test_trainer_drills_a_bundled_card_in_a_terminal(tmp_path: Path) -> None:
    terminal = Terminal("--db", str(tmp_path / "trainer.json"), "--profile", "pty")
    try:
        terminal.wait_for("Press enter to start it")
        terminal.child.send("b")
        terminal.wait_for("Filter: words, topic or level")
        terminal.child.send("/raft leader election")  # in one write: nothing typed is lost
        terminal.wait_for("raft leader election")
        terminal.wait_for("consensus-L3-001 · L3")
        terminal.child.send("\r\r")  # back to the table, then drill: no key is lost
        terminal.wait_for("Your answer")
        terminal.child.send("A candidate needs a majority of votes to become leader.")
        screen = terminal.wait_for("majority of votes to become leader.")
        assert "A candidate needs" in screen
        terminal.wait_for("words")
        assert terminal.is_bold("majority")  # a keyword of the card, only in the answer
        assert not terminal.is_bold("needs")
        terminal.quit_cleanly()
    finally:
        terminal.child.close(force=True)


def test_trainer_filters_the_bank_and_quits(tmp_path: Path) -> None:
    terminal = Terminal("--bank", str(CARDS), "--db", str(tmp_path / "trainer.json"))
    try:
        terminal.wait_for("Ordering Events Without Clocks")
        terminal.child.send("b")
        terminal.wait_for("Filter: words, topic or level")
        terminal.child.send("/quorum")  # in one write: the keys after "/" reach the filter
        screen = terminal.wait_for("test-L5-002 · L5 · baseline")
        assert "Leases In One Page" not in screen
        terminal.quit_cleanly()
    finally:
        terminal.child.close(force=True)


def test_trainer_pair_opens_on_the_hand_over(tmp_path: Path) -> None:
    terminal = Terminal(
        "--bank",
        str(CARDS),
        "--db",
        str(tmp_path / "t.json"),
        "pair",
        "--interviewer",
        "ivy",
        "--candidate",
        "cal",
        "--card",
        "test-L4-001",
    )
    try:
        screen = terminal.wait_for("Pass the keyboard to cal (candidate)")
        assert "Lease Expiry" not in screen
        terminal.child.send("\r")
        terminal.wait_for("Why do distributed locks need leases")
        terminal.quit_cleanly()
    finally:
        terminal.child.close(force=True)


def test_an_answer_sent_in_one_write_with_ctrl_n_reaches_the_discussion_whole(
    tmp_path: Path,
) -> None:
    """A paste, or a fast typist, then ctrl+n in the same read: ctrl+n is a priority key and
    once ran before the editor had the keys ahead of it (the answer went on empty)."""
    terminal = Terminal("--db", str(tmp_path / "trainer.json"), "--profile", "pty")
    try:
        terminal.wait_for("Press enter to start it")
        terminal.child.send("\r")
        terminal.wait_for("Your answer")
        terminal.child.send("Every word of this answer arrives, LASTWORD\x0e")  # \x0e: ctrl+n
        terminal.wait_for("Discussion")
        screen = terminal.wait_for("LASTWORD")
        assert "(empty)" not in screen
        terminal.quit_cleanly()
    finally:
        terminal.child.close(force=True)
