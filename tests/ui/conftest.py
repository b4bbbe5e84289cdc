"""Fixtures for the app: a clock tests can move, a store in a temporary folder, a small bank."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest
from textual.app import App
from textual.screen import Screen

from tests.conftest import BANK
from trainer.core.cards.bank import load_bank
from trainer.core.practice.plan import PairPlan
from trainer.core.schedule.scheduler import Settings
from trainer.core.store.database import Store
from trainer.ui.app import TrainerApp

# Dates on screen ("today", "in 2 days") are local: pin the zone so snapshots match anywhere.
os.environ["TZ"] = "UTC"
time.tzset()

CARDS = Path(__file__).resolve().parent.parent / "data" / "cards"
START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class FakeClock:
    """Time only moves when the test says so."""

    def __init__(self) -> None:
        self.seconds = 1000.0
        self.wall = START

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.seconds += seconds
        self.wall += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "db" / "trainer.json")
    opened.ensure_profile("ana")
    opened.update_settings("ana", Settings(fuzz=False))
    return opened


class MakeApp(Protocol):
    """The `make_app` fixture: a fresh app over a bank, the test's store and its clock."""

    def __call__(self, bank_dir: Path = CARDS, *, pair: PairPlan | None = None) -> TrainerApp: ...


@pytest.fixture
def make_app(store: Store, clock: FakeClock) -> MakeApp:
    def make(bank_dir: Path = CARDS, *, pair: PairPlan | None = None) -> TrainerApp:
        return TrainerApp(load_bank([bank_dir]), store, "ana", clock, pair=pair)

    return make


S = TypeVar("S", bound=Screen[Any])


def screen_as(app: App[Any], kind: type[S]) -> S:
    """The app's current screen, checked to be a `kind`."""
    screen = app.screen
    assert isinstance(screen, kind), f"expected {kind.__name__}, the screen is {screen!r}"
    return screen


__all__ = ["BANK", "CARDS", "FakeClock", "MakeApp", "screen_as"]
