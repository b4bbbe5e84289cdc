"""A command in a pseudo-terminal, its screen read through pyte, with the arrival time of the
output that made the screen show something: what the benchmarks time (a user waits for the
screen, not for a function to return)."""

from __future__ import annotations

import contextlib
import math
import os
import select
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pexpect
import pyte

VENV_BIN = Path(sys.executable).parent
PERF = Path(__file__).resolve().parent


def terminal_env(**extra: str) -> dict[str, str]:
    """The same terminal for every command measured."""
    return {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **extra}


class PtyScreen:
    """A spawned command and what it has drawn so far."""

    def __init__(
        self,
        argv: Sequence[str],
        size: tuple[int, int],
        env: dict[str, str] | None = None,
    ) -> None:
        columns, rows = size
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            argv[0], list(argv[1:]), dimensions=(rows, columns), env=env or terminal_env()
        )
        self.fd: int = self.child.child_fd
        self.output_bytes = 0

    def pump(self, timeout: float) -> float | None:
        """Read what is there (waiting at most `timeout`); the arrival time, or None."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        chunks: list[bytes] = []
        while ready:  # the whole frame first, then the emulator (its time is not the app's)
            try:
                chunks.append(os.read(self.fd, 1 << 20))
            except OSError:
                break
            ready, _, _ = select.select([self.fd], [], [], 0)
        arrived = time.perf_counter()
        chunk = b"".join(chunks)
        if not chunk:
            return None
        self.output_bytes += len(chunk)
        self.stream.feed(chunk)
        return arrived

    def wait(self, shown: Callable[[PtyScreen], bool], timeout: float = 30.0) -> float:
        """The arrival time of the output after which `shown` holds."""
        if shown(self):
            return time.perf_counter()
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            arrived = self.pump(0.2)
            if arrived is not None and shown(self):
                return arrived
        raise TimeoutError(f"never shown within {timeout} s:\n{self.text()}")

    def wait_for_text(self, needle: str, timeout: float = 30.0) -> float:
        return self.wait(lambda screen: needle in screen.text(), timeout)

    def settle(self, seconds: float) -> None:
        """Keep reading for `seconds` (a blinking cursor is never silent for long)."""
        until = time.perf_counter() + seconds
        while (left := until - time.perf_counter()) > 0:
            self.pump(left)

    def send(self, keys: str) -> float:
        """Write keys; the time just before they were written."""
        sent = time.perf_counter()
        os.write(self.fd, keys.encode())
        return sent

    def cpu_seconds(self) -> float:
        """User and system CPU time the command has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def row(self, y: int) -> str:
        return str(self.screen.display[y])

    def cell_style(self, x: int, y: int) -> tuple[str, str, bool]:
        cell = self.screen.buffer[y][x]
        return (cell.fg, cell.bg, cell.reverse)

    def close(self) -> None:
        self.child.sendcontrol("q")
        with contextlib.suppress(pexpect.ExceptionPexpect):
            self.child.expect(pexpect.EOF, timeout=10)
        self.child.close(force=True)


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p95 of 50 samples is the 48th smallest)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]
