"""`config.toml`: read with tomllib, checked setting by setting, every problem one line naming
the file, the line and the key. A bad setting is dropped (its default stands); nothing here
stops the app from starting."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "trainer"
CONFIG_FILE = "config.toml"
SETTINGS = ("theme", "profile", "banks")
_KEY_PART = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
_KEY_LINE = re.compile(rf"^\s*({_KEY_PART}(?:\s*\.\s*{_KEY_PART})*)\s*=")
_TABLE_LINE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")


def default_config_path() -> Path:
    """config.toml in the user's config folder (e.g. ~/.config/trainer/config.toml)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE


def resolve_config_path(environment: str | None) -> Path:
    """`TRAINER_CONFIG`, else the default."""
    return Path(environment).expanduser() if environment else default_config_path()


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong in the config file, as `path:line: key: message`."""

    path: Path
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


@dataclass(frozen=True)
class UserConfig:
    """What the config file says, each setting already checked (None: not set)."""

    path: Path
    theme: str | None = None
    profile: str | None = None
    banks: tuple[str, ...] = ()
    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[ConfigProblem, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)  # "theme", "keys.home.browse" -> line

    def problem(self, key: str, message: str) -> ConfigProblem:
        """A problem with a setting this file holds, at its line."""
        return ConfigProblem(self.path, self.lines.get(key, 0), key, message)


def load_config(path: Path) -> UserConfig:
    """The config at `path` (a missing file is an empty config, not a problem)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return UserConfig(path)
    except UnicodeDecodeError:
        return UserConfig(path, problems=(ConfigProblem(path, 0, "", _IGNORED_FILE),))
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        return UserConfig(path, problems=(ConfigProblem(path, 0, "", f"{reason}; {_IGNORED}"),))
    return parse_config(path, text)


_IGNORED = "using the defaults"
_IGNORED_FILE = f"not UTF-8 text; {_IGNORED}"


def parse_config(path: Path, text: str) -> UserConfig:
    """Check every setting in `text`; bad ones become problems and keep their defaults."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = _error_line(str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        problem = ConfigProblem(path, line, "", f"not valid TOML ({message}); {_IGNORED}")
        return UserConfig(path, problems=(problem,))
    lines = key_lines(text)
    problems: list[ConfigProblem] = []

    def bad(key: str, message: str, outcome: str = "using the default") -> None:
        problems.append(ConfigProblem(path, lines.get(key, 0), key, f"{message}; {outcome}"))

    theme = _text_setting(data, "theme", bad)
    profile = _text_setting(data, "profile", bad)
    banks: tuple[str, ...] = ()
    if "banks" in data:
        value = data["banks"]
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            banks = tuple(value)
        else:
            bad("banks", 'expected a list of folder paths, e.g. ["bundled", "~/cards"]')
    keys: dict[str, str] = {}
    if "keys" in data:
        if isinstance(data["keys"], dict):
            for binding_id, value in _flatten(data["keys"]).items():
                name = f"keys.{binding_id}"
                if isinstance(value, str) and value.strip():
                    keys[binding_id] = value
                else:
                    bad(name, 'expected the keys as text, e.g. "ctrl+n" or "enter,n"')
        else:
            bad("keys", 'expected a table: [keys] then lines like "home.browse" = "b"')
    for key in data:
        if key not in (*SETTINGS, "keys"):
            bad(key, f"unknown setting (known: {', '.join((*SETTINGS, 'keys'))})", "ignored")
    problems.sort(key=lambda problem: problem.line)
    return UserConfig(path, theme, profile, banks, keys, tuple(problems), lines)


def _text_setting(data: Mapping[str, Any], key: str, bad: Any) -> str | None:
    if key not in data:
        return None
    value = data[key]
    if isinstance(value, str) and value.strip():
        return value.strip()
    bad(key, f"expected a name in quotes, got {value!r}")
    return None


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """`home.browse = "b"` unquoted is a nested table in TOML: read it as the id it spells."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def key_lines(text: str) -> dict[str, int]:
    """The line of each `key = value`, as its dotted name under its table ("keys.home.browse").

    tomllib gives values, not positions: this small scan finds where a problem is."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_LINE.match(line)
        if header:
            table = _dotted(header.group(1))
            lines.setdefault(table, number)
            continue
        found = _KEY_LINE.match(line)
        if found:
            name = _dotted(found.group(1))
            lines.setdefault(f"{table}.{name}" if table else name, number)
    return lines


def _dotted(key: str) -> str:
    parts = re.findall(r""""([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+)""", key)
    return ".".join(next(part for part in groups if part) for groups in parts)


def _error_line(message: str) -> int:
    found = re.search(r"at line (\d+)", message)
    return int(found.group(1)) if found else 0
