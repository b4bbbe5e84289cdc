"""Two app windows on one profile, as real `trainer` processes in two terminals: the second is
told the first is open, each drill keeps its own draft, saving in one never touches the
other's, and when the first terminal dies its answer is offered on the next start."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pexpect
import pyte

from tests.hostile.store_faults import UNDER_TEST
from tests.integration.test_pty import CARDS, COLUMNS, ROWS, Terminal
from trainer.core.store.drafts import DraftStore
from trainer.core.store.paths import StorePaths

ANSWER_A = "Window one: the lease expires and fencing tokens grow."
ANSWER_B = "Window two: a different answer entirely."


class Window(Terminal):
    """A terminal running the `trainer` under test (this tree, or `TRAINER_PYTHON`'s)."""

    def __init__(self, *args: str) -> None:
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.output = b""
        trainer = Path(UNDER_TEST or sys.executable).parent / "trainer"
        self.child = pexpect.spawn(
            str(trainer),
            list(args),
            dimensions=(ROWS, COLUMNS),
            env={**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS)},
            cwd="/",
        )


def _drill(terminal: Terminal, answer: str) -> None:
    terminal.child.send("b")
    terminal.wait_for("Filter: words, topic or level")
    terminal.child.send("/leases")
    terminal.wait_for("Leases In One Page")
    terminal.child.send("\r\r")
    terminal.wait_for("Your answer")
    terminal.child.send(answer)
    terminal.wait_for(answer[-20:])


def _answers_on_disk(main: Path) -> set[str]:
    drafts = DraftStore(StorePaths(main).drafts, read_only=True)
    return {
        draft.answer
        for path in sorted(drafts.folder.glob("draft-*.json"))
        if (draft := drafts._read(path)) is not None
    }


def test_two_windows_keep_their_own_drafts(tmp_path: Path) -> None:
    main = tmp_path / "trainer.json"
    args = ("--bank", str(CARDS), "--db", str(main), "--profile", "ana")
    first = Window(*args)
    second: Window | None = None
    third: Window | None = None
    try:
        first.wait_for("Press enter to start it")
        _drill(first, ANSWER_A)
        second = Window(*args)
        screen = second.wait_for("Another trainer window is open")
        assert "Resume" not in screen  # the first window's drill is not offered here
        _drill(second, ANSWER_B)
        deadline = time.monotonic() + 20  # both autosave after 3 s of idle
        while _answers_on_disk(main) != {ANSWER_A, ANSWER_B} and time.monotonic() < deadline:
            first.read()
            second.read()
            time.sleep(0.2)
        assert _answers_on_disk(main) == {ANSWER_A, ANSWER_B}
        second.child.sendcontrol("n")  # the second window finishes and saves its attempt
        second.wait_for("Your reply to the")
        second.child.sendcontrol("n")
        second.wait_for("how did it go")
        second.child.send("s")
        second.wait_for("Save & schedule")
        second.child.sendcontrol("s")
        second.wait_for("Saved.")
        assert _answers_on_disk(main) == {ANSWER_A}  # its own draft retired, not the other's
        first.child.close(force=True)  # the first terminal dies
        third = Window(*args)
        third.wait_for("Resume")
        third.child.send("r")
        third.wait_for(ANSWER_A[-20:])  # its answer, whole
        third.quit_cleanly()
        second.quit_cleanly()
    finally:
        for terminal in (first, second, third):
            if terminal is not None:
                terminal.child.close(force=True)
