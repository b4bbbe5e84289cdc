"""Benchmark: from the command to the first painted home screen, beside a minimal Textual app.

Both run in a pseudo-terminal (100x30) read through a terminal emulator, interleaved, each
with a new temporary database: `trainer --db ...` (the installed command, the bundled bank)
until home says "Press enter to start it", and a minimal Textual app (a header, that line,
a footer: tests/perf/baseline_apps.py) until it shows the same line.

Both start from compiled bytecode (`compile_bytecode`), as installed apps do.

Run: python tests/perf/bench_startup.py [RUNS]   (not part of the test run)
Target: trainer's median <= 2x the minimal app's.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.perf.pty_screen import PERF, VENV_BIN, PtyScreen

SIZE = (100, 30)
HOME = "Press enter to start it"
TARGET_RATIO = 2.0


def first_paint(
    argv: Sequence[str], needle: str = HOME, env: dict[str, str] | None = None
) -> float:
    """Seconds from spawning the command to the output that shows `needle`."""
    screen = PtyScreen(argv, SIZE, env)
    try:
        return screen.wait_for_text(needle, timeout=60) - screen.started
    finally:
        screen.close()


def trainer_home(db: Path, *options: str, env: dict[str, str] | None = None) -> float:
    return first_paint([str(VENV_BIN / "trainer"), *options, "--db", str(db)], env=env)


def minimal_home() -> float:
    return first_paint([sys.executable, str(PERF / "baseline_apps.py"), "home"])


def spread(times: Sequence[float]) -> str:
    return (
        f"min {min(times):.2f} s, median {statistics.median(times):.2f} s, max {max(times):.2f} s"
    )


def compile_bytecode() -> None:
    """Both apps start from compiled modules, as on a user's machine: pip compiles what it
    installs, and an editable install writes its bytecode on the first start. Here
    PYTHONDONTWRITEBYTECODE may be set (it is on this workplace's machines), and the editable
    `trainer` would then compile its 150 modules from source at every start (0.08 s) while
    Textual's, compiled at install, would not."""
    import compileall

    package = Path(__file__).resolve().parents[2] / "trainer"
    compileall.compile_dir(package, quiet=1)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    compile_bytecode()
    trainer: list[float] = []
    minimal: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):  # interleaved: a busy spell hits both alike
            minimal.append(minimal_home())
            trainer.append(trainer_home(Path(folder) / f"run-{run}" / "trainer.json"))
    ratios = [mine / base for mine, base in zip(trainer, minimal, strict=True)]
    print(f"command to first painted home screen, {runs} runs each, terminal 100x30:")
    print(f"  minimal Textual app: {spread(minimal)}")
    print(f"  trainer:             {spread(trainer)}")
    print(
        f"  ratio of medians {statistics.median(trainer) / statistics.median(minimal):.2f}x "
        f"(run by run: median {statistics.median(ratios):.2f}x, min {min(ratios):.2f}x, "
        f"max {max(ratios):.2f}x; target <= {TARGET_RATIO}x)"
    )


if __name__ == "__main__":
    main()
