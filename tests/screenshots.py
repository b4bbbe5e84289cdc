"""Regenerate the README's screenshots in assets/screenshots (run: python tests/screenshots.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from trainer.core.bank import load_bank
from trainer.core.resources import bundled_bank
from trainer.ui.app import TrainerApp

OUT = Path(__file__).resolve().parent.parent / "assets" / "screenshots"


async def bank_browser() -> None:
    app = TrainerApp(load_bank([bundled_bank()]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"coordination", "enter", "down", "down", "down", "down")
        await pilot.pause()
        app.save_screenshot(str(OUT / "bank-browser.svg"))


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    asyncio.run(bank_browser())
