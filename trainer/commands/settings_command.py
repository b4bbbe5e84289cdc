"""`trainer settings`: print a profile's settings, or change some with `--set KEY=VALUE`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from trainer.commands.errors import CommandError
from trainer.commands.profile_check import known_profile
from trainer.core.schedule.setting_values import (
    SETTING_KEYS,
    SettingError,
    parse_assignment,
    shown_value,
    with_values,
)
from trainer.core.store.database import Store
from trainer.core.terminal_text import visible


def settings(store: Store, profile: str | None, assignments: Sequence[str], out: TextIO) -> int:
    """Apply the `KEY=VALUE` assignments (all checked before any is saved), then print the
    profile's settings."""
    name = known_profile(store, profile)
    current = store.settings(name)
    try:
        values = dict(parse_assignment(text) for text in assignments)
        changed = with_values(current, values)
    except SettingError as error:
        raise CommandError(str(error)) from None
    if changed != current:
        store.ensure_profile(name)
        store.update_settings(name, changed)
    out.write(visible(f"Settings of {name}") + ("  (saved)\n" if changed != current else "\n"))
    width = max(len(setting.key) for setting in SETTING_KEYS)
    for setting in SETTING_KEYS:
        value = shown_value(changed, setting)
        out.write(f"  {setting.key:<{width}}  {value:<5}  {setting.label} ({setting.allowed})\n")
    out.write("Change one: trainer settings --set KEY=VALUE (repeatable)\n")
    return 0
