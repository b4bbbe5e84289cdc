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

    def wait_for(self, needle: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read()
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} never appeared on screen:\n{self.text()}")


def test_trainer_runs_in_a_terminal_filters_and_quits() -> None:
    terminal = Terminal("--bank", str(CARDS))
    try:
        screen = terminal.wait_for("Ordering Events Without Clocks")
        assert "3 cards" in screen
        terminal.child.send("/")
        terminal.child.send("quorum")
        screen = terminal.wait_for("test-L5-002 · L5 · baseline")
        assert "Leases In One Page" not in screen
        terminal.child.sendcontrol("q")
        terminal.child.expect(pexpect.EOF, timeout=15)
        terminal.read()
    finally:
        terminal.child.close(force=True)
    assert terminal.child.exitstatus == 0
    assert b"Traceback" not in terminal.output
