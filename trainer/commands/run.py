"""Run one subcommand (everything but the app): plain text or JSON out, one line per failure."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from trainer.commands.context import Context
from trainer.commands.errors import CommandError, failure_line
from trainer.core.store.files import DataError
from trainer.core.terminal_text import visible

if TYPE_CHECKING:
    from trainer.core.store.database import Store


def run_command(
    args: argparse.Namespace, context: Context, stdin: TextIO, out: TextIO, err: TextIO
) -> int:
    """Run `args.command`; a failure is one line on `err` and exit code 2."""
    try:
        return _dispatch(args, context, stdin, out, err)
    except BrokenPipeError:
        raise  # the reader of our output left (`| head`): `cli.main` exits quietly
    except (CommandError, DataError, OSError) as error:
        err.write(visible(f"trainer: error: {failure_line(error, context.db)}\n"))
        return 2


def open_existing(db: Path) -> Store:
    """The store at `db` for a command that only reads: a path that does not exist is an error,
    never a new empty database (a mistyped --db would otherwise look like lost history)."""
    from trainer.core.store.database import Store

    if not db.exists():
        raise CommandError(
            f"no database at {db}: check --db or TRAINER_DB "
            "(the app creates one the first time it starts)"
        )
    return Store.open(db)


def _dispatch(
    args: argparse.Namespace, context: Context, stdin: TextIO, out: TextIO, err: TextIO
) -> int:
    command = args.command
    if command == "bank":
        from trainer.commands import bank_commands
        from trainer.core.cards.bank import CardFilter, load_cached_bank

        if args.bank_command == "check":
            return bank_commands.check(args.paths or context.roots, args.json, out)
        card_filter = CardFilter(args.topic, args.level, args.category, args.search)
        bank = load_cached_bank(context.roots, bank_commands.reading_progress(err))
        return bank_commands.list_cards(bank, card_filter, args.json, out)
    if command == "score":
        from trainer.commands.score_command import score_answer
        from trainer.commands.sources import read_answer, resolve_card

        card, problem = resolve_card(args.card, context.roots)
        answer, answer_problem = read_answer(args.answer, stdin)
        if card is None or problem or answer_problem:
            raise CommandError(problem or answer_problem)
        return score_answer(card, answer, args.json, out)
    if command in {"stats", "export", "backup", "restore"}:
        return _history(args, context, out, err)
    if command in {"settings", "undo"}:
        return _profile_command(args, context, out)
    if command == "import":
        from functools import partial

        from trainer.commands.import_command import import_file
        from trainer.core.store.database import Store

        opener = partial(Store.open, context.db)  # opened only once the file is found good
        return import_file(opener, args.file, context.profile_option, out)
    if command == "export-cards":
        from trainer.commands.cards_export import export_cards
        from trainer.core.cards.bank import CardFilter, load_cached_bank

        card_filter = CardFilter(args.topic, args.level, args.category, args.search)
        target = args.out or Path("trainer-cards.apkg")
        from trainer.commands.bank_commands import reading_progress

        bank = load_cached_bank(context.roots, reading_progress(err))
        return export_cards(bank, card_filter, target, out)
    if command == "config":
        from trainer.commands import config_commands

        if args.config_command == "path":
            out.write(f"{context.config.path}\n")
            return 0
        return config_commands.init(context.config.path, args.force, out)
    if command == "completion":
        from trainer.commands.completion import completion_script

        out.write(completion_script(args.shell))
        return 0
    if command == "serve":
        from trainer.commands.serve_command import serve

        return serve(context, args.host, args.port, out)
    raise CommandError(f"unknown command {command!r} (see --help)")


def _history(args: argparse.Namespace, context: Context, out: TextIO, err: TextIO) -> int:
    from trainer.commands import history_commands
    from trainer.core.store.paths import StorePaths
    from trainer.core.store.records import utc_now

    if args.command == "restore":
        code, error = history_commands.restore(StorePaths(context.db), args.path, out)
        if error:
            raise CommandError(error)
        return code
    store = open_existing(context.db)
    if args.command == "backup":
        return history_commands.backup(store, args.path, out, args.force, err)
    from trainer.commands.profile_check import known_profile

    if args.command == "export":
        # No --profile: everyone's attempts; a name the database does not know is refused.
        profile = context.profile_option and known_profile(store, context.profile_option)
        form, target = args.format, args.out
        return history_commands.export(store, profile, form, target, out, args.force, err)
    from trainer.core.cards.bank import load_cached_bank

    profile = known_profile(store, context.profile)  # --profile, the config's, or the first
    card_ids = [card.id for card in load_cached_bank(context.roots).cards]
    now = utc_now().astimezone()
    return history_commands.stats(store, profile, card_ids, now, args.json, out, err)


def _profile_command(args: argparse.Namespace, context: Context, out: TextIO) -> int:
    """`settings` and `undo`: one profile's settings or last rating."""
    if args.command == "settings":
        from trainer.commands.settings_command import settings

        store = open_existing(context.db) if not args.assignments else _open(context.db)
        return settings(store, context.profile, args.assignments, out)
    from trainer.commands.undo_command import undo_last
    from trainer.core.store.records import utc_now

    return undo_last(open_existing(context.db), context.profile, utc_now().astimezone(), out)


def _open(db: Path) -> Store:
    from trainer.core.store.database import Store

    return Store.open(db)
