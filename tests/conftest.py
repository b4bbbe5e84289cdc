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


@pytest.fixture(autouse=True, scope="session")
def _never_touch_the_users_data(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test, and every process a test starts, keeps its data and config in a temporary
    folder (never the user's)."""
    home = tmp_path_factory.mktemp("user-data")
    os.environ["XDG_DATA_HOME"] = str(home)
    os.environ["TRAINER_DB"] = str(home / "trainer" / "trainer.json")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")  # the parsed-card cache
    # The documents folder (rescued answers, exports) is the temporary one too, never ~/Documents.
    (home / "config").mkdir(exist_ok=True)
    (home / "documents").mkdir(exist_ok=True)
    (home / "config" / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{home / "documents"}"\n')
    os.environ["TRAINER_CONFIG"] = str(home / "config" / "trainer" / "config.toml")
