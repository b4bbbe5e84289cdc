"""A profile's settings as people name and type them: one key per setting, its value as text,
parsed and checked with a one-line reason (the CLI's `--set KEY=VALUE` and the settings screen
share this, so both accept and refuse the same values)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from trainer.core.schedule.scheduler import Settings

ON_WORDS = {"on", "true", "yes", "1"}
OFF_WORDS = {"off", "false", "no", "0"}


@dataclass(frozen=True)
class SettingKey:
    """One setting a user may change: its key, the `Settings` field, and what it means."""

    key: str
    field: str
    label: str
    kind: type  # int, float or bool
    allowed: str  # the range in words, for help and errors


SETTING_KEYS = (
    SettingKey("new-per-day", "new_per_day", "New cards per day", int, "0 to 100"),
    SettingKey(
        "desired-retention", "desired_retention", "Desired retention", float, "0.70 to 0.99"
    ),
    SettingKey(
        "maximum-interval", "maximum_interval", "Maximum interval (days)", int, "1 to 36500"
    ),
    SettingKey("blind-by-default", "blind_by_default", "Blind by default", bool, "on or off"),
    SettingKey("time-alerts", "time_alerts", "Time alerts", bool, "on or off"),
    SettingKey("bell", "bell", "Bell with the time alerts", bool, "on or off"),
)
BY_KEY = {setting.key: setting for setting in SETTING_KEYS}


class SettingError(ValueError):
    """A key or value that cannot be used; its message is the one line to show."""


def setting_key(name: str) -> SettingKey:
    """The setting a user's key names (`new_per_day` and `New-Per-Day` work too)."""
    found = BY_KEY.get(name.strip().lower().replace("_", "-"))
    if found is None:
        raise SettingError(f"unknown setting {name!r} (settings: {', '.join(BY_KEY)})")
    return found


def parse_value(setting: SettingKey, text: str) -> int | float | bool:
    """The value a user typed for `setting`, or `SettingError` naming the key."""
    typed = text.strip().lower()
    if setting.kind is bool:
        if typed in ON_WORDS | OFF_WORDS:
            return typed in ON_WORDS
        raise SettingError(f"{setting.key}: {text!r} is not on or off")
    try:
        value: int | float = int(typed) if setting.kind is int else float(typed)
    except ValueError:
        kind = "a whole number" if setting.kind is int else "a number"
        raise SettingError(f"{setting.key}: {text!r} is not {kind} ({setting.allowed})") from None
    if value != value or value in {float("inf"), float("-inf")}:  # nan and infinities
        raise SettingError(f"{setting.key}: {text!r} is not a number ({setting.allowed})")
    return value


def with_values(settings: Settings, values: dict[str, str]) -> Settings:
    """`settings` with the typed values (by key) applied and checked; `SettingError` names
    the first key that cannot be used."""
    changed = settings
    for name, text in values.items():
        setting = setting_key(name)
        value: dict[str, Any] = {setting.field: parse_value(setting, text)}
        changed = replace(changed, **value)
        problems = replace(settings, **value).problems()  # this key alone, so it is named
        if problems:
            raise SettingError(f"{setting.key}: {problems[0]}")
    return changed


def parse_assignment(text: str) -> tuple[str, str]:
    """`KEY=VALUE` as (key, value); `SettingError` when there is no `=`."""
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise SettingError(f"--set {text!r}: expected KEY=VALUE, e.g. new-per-day=8")
    return setting_key(key).key, value


def shown_value(settings: Settings, setting: SettingKey) -> str:
    """A setting's value as the user would type it."""
    value = getattr(settings, setting.field)
    if setting.kind is bool:
        return "on" if value else "off"
    return f"{value:.2f}" if setting.kind is float else str(value)
