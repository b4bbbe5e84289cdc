"""The commented config file `trainer config init` writes, and writing back a chosen theme."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import tomlkit

TEMPLATE = """\
# trainer's settings. Every line is optional; delete or comment out what you do not need.
# A setting that is misspelt or has a bad value is reported (file, line, key) when trainer
# starts, and its default is used: the app always starts.

# The colour theme. Choosing one in the app (ctrl+p, "theme") writes it here.
# theme = "textual-dark"

# The profile used when --profile is not given (default: the first one ever created).
# profile = "me"

# Where cards come from when neither --bank nor TRAINER_BANK is given. "bundled" is the
# bank that ships with trainer; add your own folders of .md or .txt cards after it.
# banks = ["bundled", "~/interview-cards"]

# Remap any key by its binding id (`trainer config keys` lists every id, its keys and what
# it does). Several keys for one binding are separated by commas.
[keys]
# "home.start_next" = "enter,n"
# "drill.done" = "ctrl+n"
"""


def write_template(path: Path) -> None:
    """Write the commented config file (the caller decides whether to overwrite)."""
    _write_atomically(path, TEMPLATE)


def save_theme(path: Path, theme: str) -> None:
    """Set `theme` in the config file, keeping every comment and other setting as it was."""
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    document = tomlkit.parse(text)
    if document.get("theme") == theme:
        return
    document["theme"] = theme  # tomlkit puts a new top-level key before the first [table]
    _write_atomically(path, tomlkit.dumps(document))


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
