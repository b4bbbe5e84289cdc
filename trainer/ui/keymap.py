"""Every binding the config file's `[keys]` table may remap (by id), and the theme names it
may choose: read from the app's own classes, so the list never drifts from the code."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode
from textual.theme import BUILTIN_THEMES

import trainer.ui


@dataclass(frozen=True)
class BindingInfo:
    """One remappable binding: its id, its default keys, and what it does where."""

    id: str
    keys: str
    description: str
    where: str


def bindings() -> list[BindingInfo]:
    """Every binding with an id in trainer's screens, widgets and app, sorted by id."""
    for module in pkgutil.walk_packages(trainer.ui.__path__, "trainer.ui."):
        importlib.import_module(module.name)  # every screen and widget class exists once imported
    found: dict[str, BindingInfo] = {}
    for cls in _subclasses(DOMNode):
        if not cls.__module__.startswith("trainer.ui"):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.id and binding.id not in found:
                description = binding.description or binding.action
                found[binding.id] = BindingInfo(binding.id, binding.key, description, cls.__name__)
    return sorted(found.values(), key=lambda info: info.id)


def binding_ids() -> set[str]:
    return {info.id for info in bindings()}


def theme_names() -> set[str]:
    return set(BUILTIN_THEMES)


def describe_bindings() -> str:
    """A table for `trainer config keys`: id, default keys, where, what it does."""
    rows = [(info.id, info.keys, info.where, info.description) for info in bindings()]
    widths = [max(len(row[i]) for row in [("ID", "KEYS", "WHERE", ""), *rows]) for i in range(3)]
    lines = [
        "  ".join(
            [
                cells[0].ljust(widths[0]),
                cells[1].ljust(widths[1]),
                cells[2].ljust(widths[2]),
                cells[3],
            ]
        ).rstrip()
        for cells in [("ID", "KEYS", "WHERE", "WHAT IT DOES"), *rows]
    ]
    lines.append('\nRemap one in config.toml: [keys] then "ID" = "KEY" (several: "KEY1,KEY2").')
    return "\n".join(lines) + "\n"


def _subclasses(root: type) -> list[type]:
    seen: list[type] = []
    pending = [root]
    while pending:
        sub: type
        for sub in pending.pop().__subclasses__():
            if sub not in seen:
                seen.append(sub)
                pending.append(sub)
    return seen
