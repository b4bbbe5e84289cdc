"""Shared fixtures: where ../shared is, and the seed card."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_357613c140811e12.txt"
CORPUS = SHARED / "corpus"
BANK = REPO / "bank"


def require_shared(path: Path) -> Path:
    """Skip when ../shared is absent (a user's clone); fail instead when CI demands it."""
    if path.exists():
        return path
    reason = f"{path} is absent: ../shared is only beside the repository in CI and dev sandboxes"
    if os.environ.get("TRAINER_REQUIRE_SHARED") == "1":
        pytest.fail(f"TRAINER_REQUIRE_SHARED=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture
def seed_path() -> Path:
    return require_shared(SEED)


@pytest.fixture
def corpus_dir() -> Path:
    return require_shared(CORPUS)
