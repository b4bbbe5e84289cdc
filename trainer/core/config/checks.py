"""Checks that need to know what the app offers: binding ids and theme names (passed in, so
this stays free of the UI)."""

from __future__ import annotations

import difflib
from collections.abc import Collection

from trainer.core.config.file import ConfigProblem, UserConfig


def setting_problems(
    config: UserConfig, binding_ids: Collection[str], themes: Collection[str]
) -> list[ConfigProblem]:
    """Key remaps naming no binding, and a theme that does not exist."""
    problems = []
    for binding_id in config.keys:
        if binding_id not in binding_ids:
            problems.append(
                config.problem(
                    f"keys.{binding_id}",
                    f"no binding has this id{_guess(binding_id, binding_ids)} "
                    "(`trainer config keys` lists them); ignored",
                )
            )
    if config.theme is not None and config.theme not in themes:
        problems.append(
            config.problem(
                "theme",
                f"no theme {config.theme!r}{_guess(config.theme, themes)}; using the default",
            )
        )
    return problems


def known_keymap(config: UserConfig, binding_ids: Collection[str]) -> dict[str, str]:
    """The remaps that name a real binding."""
    return {key: value for key, value in config.keys.items() if key in binding_ids}


def _guess(name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
