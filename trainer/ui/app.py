"""The Textual application: loads the bank and opens the browser."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from trainer.core.bank import Bank, load_bank
from trainer.ui.screens.bank_browser import BankBrowser


class TrainerApp(App[None]):
    """Rehearse interview questions; every screen is pushed from here."""

    CSS_PATH = "app.tcss"
    TITLE = "trainer"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False)]

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank

    def on_mount(self) -> None:
        self.push_screen(BankBrowser(self.bank))


def run_app(roots: Sequence[Path]) -> int:
    """Load the bank from these roots and run the app until the user quits."""
    TrainerApp(load_bank(roots)).run()
    return 0
