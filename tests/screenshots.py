"""Regenerate the README's screenshots in assets/screenshots (run: python tests/screenshots.py)."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from trainer.core.cards.bank import load_bank
from trainer.core.resources import bundled_bank
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp
from trainer.ui.widgets.answer_editor import AnswerEditor

OUT = Path(__file__).resolve().parent.parent / "assets" / "screenshots"
ANSWER = (
    "Raft divides time into terms; each term number works as a logical clock. When a follower "
    "hears no heartbeat before its election timeout, it becomes a candidate, increments its "
    "term and sends RequestVote to every peer. A candidate that collects votes from a majority "
    "becomes leader. If the vote splits, randomized timeouts make a second collision unlikely."
)


async def shoot() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = TrainerApp(load_bank([bundled_bank()]), Store.open(Path(folder) / "t.json"))
        async with app.run_test(size=(110, 32)) as pilot:
            await pilot.pause()
            app.save_screenshot(str(OUT / "home.svg"))
            await pilot.press("b", "slash", *"raft leader", "enter")
            await pilot.pause()
            app.save_screenshot(str(OUT / "bank-browser.svg"))
            await pilot.press("enter")
            editor = app.screen.query_one("#answer", AnswerEditor)
            editor.cursor_blink = False
            editor.insert(ANSWER)
            await pilot.pause(0.5)
            app.save_screenshot(str(OUT / "drill.svg"))
            await pilot.press("ctrl+n", "ctrl+n", "3")
            await pilot.pause()
            app.save_screenshot(str(OUT / "review.svg"))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    asyncio.run(shoot())
