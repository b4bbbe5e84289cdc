"""Command line: parse arguments, then run a subcommand or the app. Nothing else lives here."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from trainer.core.cards.bank import Progress

# Options every command takes, before or after its name (`trainer --db X stats` and
# `trainer stats --db X`). Each level of subcommand keeps them under its own dest, so one given
# after the name never silently replaces one given before; `global_options` merges them.
GLOBAL_OPTIONS = ("bank", "db", "profile")
SHELLS = ("bash", "zsh", "fish")


class _OneLineErrorParser(argparse.ArgumentParser):
    """argparse, but a bad option is one line naming it, not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"trainer: error: {message} (see --help)\n")


def _add_global_options(parser: argparse.ArgumentParser, level: int) -> None:
    group = parser.add_argument_group("options every command takes (before or after its name)")
    suffix = f"_{level}" if level else ""
    unset = argparse.SUPPRESS if level else None
    group.add_argument(
        "--bank",
        action="append",
        dest=f"bank{suffix}",
        default=unset if level else [],
        metavar="DIR",
        help="a folder of cards (repeatable; 'bundled' names the bundled bank; "
        "default: $TRAINER_BANK, else the config file's banks, else the bundled bank)",
    )
    group.add_argument(
        "--db",
        dest=f"db{suffix}",
        default=unset,
        metavar="PATH",
        help="the database file (default: $TRAINER_DB, else the user data folder)",
    )
    group.add_argument(
        "--profile",
        dest=f"profile{suffix}",
        default=unset,
        metavar="NAME",
        help="whose progress (default: the config file's profile, else the first one)",
    )


def global_options(args: argparse.Namespace) -> argparse.Namespace:
    """Fold the global options given after a subcommand into `bank`, `db` and `profile`."""
    for level in (1, 2):
        args.bank = [*args.bank, *getattr(args, f"bank_{level}", [])]
        for name in ("db", "profile"):
            given = getattr(args, f"{name}_{level}", None)
            if given is not None:
                setattr(args, name, given)
    return args


class _PrintVersion(argparse.Action):
    """--version: the version is read only when asked for (see `trainer.__getattr__`)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        from trainer import __version__

        parser.exit(message=f"trainer {__version__}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineErrorParser(
        prog="trainer",
        description="Rehearse senior technical interview questions. "
        "Without a command, open the app.",
    )
    parser.add_argument("--version", action=_PrintVersion, nargs=0, help="print the version")
    _add_global_options(parser, 0)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_OneLineErrorParser
    )

    def command(name: str, summary: str, level: int = 1, under: object = commands) -> Parser:
        added: Parser = under.add_parser(name, help=summary, description=summary)  # type: ignore[attr-defined]
        _add_global_options(added, level)
        return added

    bank = command("bank", "check or list question cards")
    bank_commands = bank.add_subparsers(
        dest="bank_command", metavar="ACTION", required=True, parser_class=_OneLineErrorParser
    )
    check = command("check", "validate cards; exit 1 on any error or no card", 2, bank_commands)
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    listing = command("list", "print a table of cards", 2, bank_commands)
    _card_filters(listing)
    listing.add_argument("--json", action="store_true", help="print a JSON list")

    score = command("score", "score an answer against a card")
    card = score.add_argument("card", metavar="CARD", help="a card id or the path of a card file")
    card.completer = _card_ids  # type: ignore[attr-defined]  # argcomplete reads this attribute
    score.add_argument(
        "answer", nargs="?", default="-", metavar="ANSWER_FILE", help="the answer (default: stdin)"
    )
    score.add_argument("--json", action="store_true", help="print one JSON object")

    pair = command("pair", "a pair interview: one interviews, one answers")
    pair.add_argument("--interviewer", required=True, metavar="NAME", help="who interviews")
    pair.add_argument("--candidate", required=True, metavar="NAME", help="who answers")
    pair_card = pair.add_argument(
        "--card", metavar="ID", help="a card id (default: the candidate's next due)"
    )
    pair_card.completer = _card_ids  # type: ignore[attr-defined]
    pair.add_argument("--aloud", action="store_true", help="the candidate answers aloud")

    stats = command("stats", "attempts, cards seen, what is due")
    stats.add_argument("--json", action="store_true", help="print one JSON object")

    export = command("export", "write attempts as markdown, JSON, CSV, or FSRS review logs")
    export.add_argument(
        "--format",
        choices=("md", "json", "csv", "fsrs"),
        default="md",
        help="md (readable), json (complete; `trainer import` reads it), csv (one row per "
        "attempt), fsrs (review logs for FSRS tools); default: md",
    )
    export.add_argument("--out", type=Path, metavar="PATH", help="a file (default: stdout)")
    export.add_argument("--force", action="store_true", help="replace an existing --out file")

    settings = command("settings", "print a profile's settings, or change them")
    settings.add_argument(
        "--set",
        action="append",
        default=[],
        dest="assignments",
        metavar="KEY=VALUE",
        help="change one (repeatable): new-per-day, desired-retention, maximum-interval, "
        "blind-by-default, time-alerts, bell (on/off)",
    )
    command("undo", "undo the last rating, restoring the card's schedule from before it")

    imported = command("import", "merge the attempts of a JSON export into the database")
    imported.add_argument(
        "file", type=Path, metavar="FILE", help="a `trainer export --format json`"
    )

    cards = command("export-cards", "write the bank's cards as an Anki deck (.apkg)")
    cards.add_argument("--format", choices=("apkg",), default="apkg", help="default: apkg")
    cards.add_argument("--out", type=Path, metavar="PATH", help="default: trainer-cards.apkg")
    _card_filters(cards)

    backup = command("backup", "copy the whole database into one file")
    backup.add_argument("path", type=Path, metavar="PATH")
    backup.add_argument("--force", action="store_true", help="replace an existing file")
    restore = command("restore", "replace the database with a backup")
    restore.add_argument("path", type=Path, metavar="PATH")

    config = command("config", "the config file: where it is, a commented one, its keys")
    config_commands = config.add_subparsers(
        dest="config_command", metavar="ACTION", required=True, parser_class=_OneLineErrorParser
    )
    command("path", "print where the config file is (or would be)", 2, config_commands)
    init = command("init", "write a commented config file", 2, config_commands)
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    command("check", "report every problem in the config file", 2, config_commands)
    command("keys", "list every binding id, its keys and what it does", 2, config_commands)

    completion = command("completion", "print the shell completion script (bash, zsh, fish)")
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help=", ".join(SHELLS))

    serve = command("serve", "serve the app in a web browser (textual-serve)")
    serve.add_argument("--port", type=int, default=8000, metavar="N", help="default: 8000")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="HOST",
        help="default: 127.0.0.1; anything else lets other machines in, with no password",
    )
    return parser


Parser = argparse.ArgumentParser


def _card_ids(prefix: str, parsed_args: argparse.Namespace, **_: object) -> list[str]:
    """Completion of a card id: the ids of the bank the command would use."""
    from trainer.commands.context import resolve_context

    args = global_options(parsed_args)
    roots = resolve_context(args, os.environ, open(os.devnull, "w")).roots  # noqa: SIM115
    from trainer.core.cards.bank import load_cached_bank

    return [card.id for card in load_cached_bank(roots).cards if card.id.startswith(prefix)]


def _card_filters(command: argparse.ArgumentParser) -> None:
    command.add_argument("--topic", default="", help="only this topic")
    command.add_argument("--level", default="", help="only this level, e.g. L5")
    command.add_argument("--category", default="", help="baseline or bar-raiser")
    command.add_argument("--search", default="", metavar="TEXT", help="words in title or question")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `trainer` command."""
    try:
        return _main(argv)
    except BrokenPipeError:  # `trainer bank list | head`: the reader left; leave quietly
        # Python would flush stdout again at exit and print a second error: point it nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a command killed by the closed pipe would exit


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions: answer, then exit
        import argcomplete

        argcomplete.autocomplete(parser)
    args = global_options(parser.parse_args(argv))
    from trainer.commands.context import ContextError, resolve_context

    try:
        context = resolve_context(args, os.environ, sys.stderr)
    except ContextError as error:
        print(f"trainer: error: {error}", file=sys.stderr)
        return 2
    if args.command == "config" and args.config_command in {"keys", "check"}:
        return _config_against_the_app(args.config_command, context)
    if args.command is not None and args.command != "pair":
        from trainer.commands.run import run_command

        return run_command(args, context, sys.stdin, sys.stdout, sys.stderr)
    return _run_app(args, context)


def _config_against_the_app(action: str, context: object) -> int:
    """`config keys` and `config check` need the app's binding ids and themes."""
    from trainer.commands import config_commands
    from trainer.commands.context import Context
    from trainer.ui.keymap import binding_ids, describe_bindings, theme_names

    assert isinstance(context, Context)
    if action == "keys":
        sys.stdout.write(describe_bindings())
        return 0
    return config_commands.check(context.config, binding_ids(), theme_names(), sys.stdout)


READY_WAIT = 0.4
"""Seconds the app's start waits for the bank before showing the loading screen instead."""


def _run_app(args: argparse.Namespace, context: object) -> int:

    from trainer.commands.context import Context
    from trainer.commands.errors import failure_line
    from trainer.core.cards.bank import Bank, BankInBackground, load_cached_bank
    from trainer.core.store.database import Store
    from trainer.core.store.files import DataError

    assert isinstance(context, Context)
    if args.command == "pair" and args.interviewer.strip() == args.candidate.strip():
        print("trainer: error: --interviewer and --candidate must differ", file=sys.stderr)
        return 2
    roots = context.roots
    bank = Bank((), (), 0)
    # Read while the store opens and the interface is imported; if it is not done by then
    # the app reads the rest behind a first screen (painted at once, with the progress).
    bank_loader: Callable[[Progress], Bank] | None = None
    if args.command == "pair":  # its card is checked before the app starts
        bank = load_cached_bank(roots)
    else:
        bank_loader = BankInBackground(roots)
    if args.command == "pair" and args.card and bank.by_id(args.card) is None:
        print(
            f"trainer: error: --card {args.card}: no such card in the bank "
            "(see `trainer bank list`)",
            file=sys.stderr,
        )
        return 2
    # Checked before the store is opened. Without a terminal the app would draw into a pipe
    # and spin; a browser session (trainer serve) has none either, but sets Textual's driver.
    if not (sys.stdin.isatty() and sys.stdout.isatty()) and "TEXTUAL_DRIVER" not in os.environ:
        print(
            "trainer: error: the app needs a terminal (standard input and output are not one);"
            " in a script use a command such as `trainer bank list` or `trainer score`",
            file=sys.stderr,
        )
        return 2
    created = not context.db.exists()
    try:
        store = Store.open(context.db)
    except (OSError, DataError) as error:
        print(f"trainer: error: {failure_line(error, context.db)}", file=sys.stderr)
        return 2
    from trainer.core.practice.plan import PairPlan
    from trainer.ui.app import run_app

    plan = None
    if args.command == "pair":
        plan = PairPlan(args.interviewer, args.candidate, args.card, not args.aloud)
    new_database = context.db if created and context.db.exists() else None  # not read-only
    # A warm cache is read by now or nearly (waiting leaves the thread the interpreter to
    # itself): home is then the first screen. A cold one goes on behind the loading screen.
    if isinstance(bank_loader, BankInBackground) and bank_loader.ready(wait=READY_WAIT):
        bank, bank_loader = bank_loader(), None
    return run_app(bank, store, context.profile, plan, context.config, new_database, bank_loader)
