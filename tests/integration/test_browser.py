"""`trainer serve` in a real headless Chromium (Debian's `chromium`, driven by Playwright):
the page opens, a drill starts, a typed sentence lights up a keyword and ticks a concept, and
nothing is fetched from anywhere but the local server.

The terminal is drawn on a canvas, so what the page shows is read where the browser reads it:
every byte the app sends over the page's websocket goes into a terminal emulator (pyte)."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlparse

import pyte
import pytest

from tests.conftest import REPO
from trainer.core.cards.parser import load_card
from trainer.core.grading.scoring import Scorer

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = Path("/usr/bin/chromium")
CARDS = REPO / "tests" / "data" / "cards"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_browser() -> None:
    """Skip when Chromium or Playwright is missing here; CI installs both and insists."""
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if not missing:
        return
    reason = f"the browser test needs {' and '.join(missing)}"
    if os.environ.get("TRAINER_REQUIRE_BROWSER") == "1":
        pytest.fail(f"TRAINER_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    _require_browser()
    port = _free_port()
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "trainer", "serve", "--port", str(port)),
            *("--db", str(tmp_path / "trainer.json"), "--bank", str(CARDS), "--profile", "web"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "TRAINER_CONFIG": str(tmp_path / "config.toml")},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    raise AssertionError(f"trainer serve did not start:\n{output}") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


class Screen:
    """The terminal the page shows, rebuilt from the bytes its websocket receives."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)

    def resize(self, columns: int, rows: int) -> None:
        self.screen.resize(rows, columns)

    def feed(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            self.stream.feed(payload)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def bold_words(self, word: str) -> int:
        """How many on-screen occurrences of `word` are drawn bold."""
        found = 0
        for y, line in enumerate(self.screen.display):
            for match in re.finditer(re.escape(word), line):
                cells = [self.screen.buffer[y][x] for x in range(match.start(), match.end())]
                found += all(cell.bold for cell in cells)
        return found


def sentence_that_ticks_a_concept() -> tuple[str, str, str]:
    """A sentence from the clocks card's model answer that covers a core concept on its own,
    the concept's name and a core keyword in it (chosen by the grader, not by hand)."""
    card = load_card(CARDS / "clocks.md").card
    assert card is not None
    scorer = Scorer(card)
    sentences = re.split(r"(?<=[.!?])\s+", card.sample_excellent.replace("\n", " "))
    for sentence in sorted(sentences, key=len):
        text = f"{sentence.strip()} {sentence.strip()}"
        report = scorer.score(text)
        covered = [c.name for c in report.concepts if c.covered and c.tier.value == "core"]
        core_hits = [hit.text for hit in report.keywords if hit.tier.value == "core"]
        if covered and core_hits and len(text) < 400:
            return text, covered[0], core_hits[0]
    raise AssertionError("no sentence of the model answer covers a core concept alone")


def wait_for(
    screen: Screen, page: Page, check: Callable[[Screen], bool], what: str, timeout: float = 30
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check(screen):
            return
        page.wait_for_timeout(200)  # not a sleep: Playwright delivers the frames meanwhile
    raise AssertionError(f"never saw {what} in the page; it showed:\n{screen.text()}")


def test_a_drill_in_the_browser_highlights_and_ticks(server: str) -> None:
    from playwright.sync_api import Request, Route, WebSocket, sync_playwright

    sentence, concept, keyword = sentence_that_ticks_a_concept()
    screen = Screen()
    outside: list[str] = []

    def local_only(route: Route, request: Request) -> None:
        if request.url.startswith(server) or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    def on_websocket(socket: WebSocket) -> None:
        size = parse_qs(urlparse(socket.url).query)
        screen.resize(int(size["width"][0]), int(size["height"][0]))
        socket.on("framereceived", screen.feed)
        socket.on("framesent", on_sent)

    def on_sent(payload: bytes | str) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            screen.resize(size["width"], size["height"])

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1400, "height": 900},
        )
        try:
            browser.route("**/*", local_only)
            page = browser.new_page()
            page.on("websocket", on_websocket)
            page.goto(server)
            wait_for(screen, page, lambda s: "Press enter to start it" in s.text(), "home")
            page.click("#terminal")
            page.keyboard.press("Enter")
            wait_for(screen, page, lambda s: "Core (60%) 0/" in s.text(), "the drill's checklist")
            page.keyboard.type(sentence, delay=5)
            wait_for(screen, page, lambda s: f"[x] {concept}" in s.text(), f"[x] {concept}")
            wait_for(screen, page, lambda s: s.bold_words(keyword) > 0, f"{keyword!r} in bold")
            shot = page.screenshot()
            assert len(shot) > 10_000  # the canvas was drawn, not a blank page
        finally:
            browser.close()
    assert outside == [], f"the page asked the internet for {outside}"


def test_serve_refuses_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "trainer", "serve", "--port", str(port), "--db", "t.json"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"trainer: error: port {port} on 127.0.0.1 is already in use: choose another with --port"
    )
