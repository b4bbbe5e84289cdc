"""Where the bundled bank and assets are, installed from a wheel or run from a source tree."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_dir(name: str) -> Path:
    """`bank` or `assets`: inside the installed package, else beside it in the source tree."""
    installed = _PACKAGE_DIR / "_bundled" / name
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / name


def bundled_bank() -> Path:
    """The directory of cards that ships with the app."""
    return bundled_dir("bank")
