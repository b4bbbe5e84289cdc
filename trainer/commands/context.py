"""What every command works with: the bank's folders, the database path, the profile and the
config file, each decided once from the options, the environment and the config."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from trainer.core.cards.bank import BUNDLED, bank_roots
from trainer.core.config.file import ConfigProblem, UserConfig, load_config, resolve_config_path
from trainer.core.resources import bundled_bank
from trainer.core.store.paths import resolve_db_path


class ContextError(Exception):
    """An option or variable that names something unusable (one line)."""


@dataclass(frozen=True)
class Context:
    """Where the cards and the data are, and whose data, for one run of `trainer`."""

    roots: list[Path]
    db: Path
    profile: str | None  # --profile, else the config's profile, else None (the first one)
    profile_option: str | None  # --profile as given (export: None means everyone)
    config: UserConfig


def resolve_context(args: argparse.Namespace, environ: Mapping[str, str], err: TextIO) -> Context:
    """Decide the bank, database and profile; config problems are warnings (the app shows its
    own), and a --bank or TRAINER_BANK folder that does not exist is an error."""
    config = load_config(resolve_config_path(environ.get("TRAINER_CONFIG")))
    problems: list[ConfigProblem] = list(config.problems)
    checking_paths = args.command == "bank" and args.bank_command == "check" and args.paths
    environment = environ.get("TRAINER_BANK")
    if args.bank or environment:
        roots = bank_roots(args.bank, environment, bundled_bank(), os.pathsep)
        missing = [root for root in roots if not root.exists()]
        if missing and not checking_paths:
            named = "--bank" if args.bank else "TRAINER_BANK names"
            raise ContextError(f"{named} {missing[0]}: no such directory")
    else:
        roots = []
        for entry in config.banks:
            root = _config_folder(entry, config.path)
            if root.exists():
                roots.append(root)
            else:
                problems.append(config.problem("banks", f"{root}: no such folder; left out"))
        roots = roots or [bundled_bank()]
    if args.command not in (None, "pair", "config"):
        for problem in problems:
            err.write(f"trainer: warning: {problem}\n")
    config = replace(config, problems=tuple(problems))
    db = resolve_db_path(args.db, environ.get("TRAINER_DB"))
    return Context(roots, db, args.profile or config.profile, args.profile, config)


def _config_folder(entry: str, config_path: Path) -> Path:
    """A bank folder named in the config file: `bundled`, `~/...`, or relative to the file."""
    if entry == BUNDLED:
        return bundled_bank()
    path = Path(entry).expanduser()
    return path if path.is_absolute() else config_path.parent / path
