"""`trainer config init` and `trainer config check`."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TextIO

from trainer.commands.errors import CommandError
from trainer.core.config.checks import setting_problems
from trainer.core.config.file import UserConfig
from trainer.core.config.template import write_template


def init(path: Path, force: bool, out: TextIO) -> int:
    """Write the commented config file; an existing one is kept unless `force`."""
    if path.exists() and not force:
        raise CommandError(f"{path} already exists: edit it, or add --force to replace it")
    write_template(path)
    out.write(f"wrote a commented config file to {path}\n")
    return 0


def check(
    config: UserConfig, binding_ids: Collection[str], themes: Collection[str], out: TextIO
) -> int:
    """Every problem in the config file, one line each; exit 1 when there is any."""
    problems = [*config.problems, *setting_problems(config, binding_ids, themes)]
    for problem in problems:
        out.write(f"{problem}\n")
    if not config.path.exists():
        out.write(f"no config file at {config.path} (`trainer config init` writes one)\n")
    elif not problems:
        out.write(f"{config.path}: no problems\n")
    return 1 if problems else 0
