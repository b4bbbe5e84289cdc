"""Command line: parse arguments, then run a subcommand or the app. Nothing else lives here."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from trainer import __version__


class _OneLineErrorParser(argparse.ArgumentParser):
    """argparse, but a bad option is one line naming it, not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineErrorParser(
        prog="trainer", description="Rehearse senior technical interview questions."
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    parser.add_argument(
        "--bank",
        action="append",
        default=[],
        metavar="DIR",
        help="a directory of cards (repeatable; 'bundled' names the bundled bank; "
        "default: $TRAINER_BANK, else the bundled bank)",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None,
        help="the database file (default: $TRAINER_DB, else the user data directory)",
    )
    parser.add_argument(
        "--profile", metavar="NAME", default=None, help="whose progress (default: the first one)"
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_OneLineErrorParser
    )

    bank = commands.add_parser("bank", help="check or list question cards")
    bank_commands = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)
    check = bank_commands.add_parser("check", help="validate cards; exit 1 on any error")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or directories")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    listing = bank_commands.add_parser("list", help="print a table of cards")
    listing.add_argument("--topic", default="", help="only this topic")
    listing.add_argument("--level", default="", help="only this level, e.g. L5")
    listing.add_argument("--category", default="", help="baseline or bar-raiser")
    listing.add_argument("--search", default="", metavar="TEXT", help="words in title or question")
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    score = commands.add_parser("score", help="score an answer against a card")
    score.add_argument("card", metavar="CARD", help="a card id or the path of a card file")
    score.add_argument(
        "answer", nargs="?", default="-", metavar="ANSWER_FILE", help="the answer (default: stdin)"
    )
    score.add_argument("--json", action="store_true", help="print one JSON object")
    score.add_argument(
        "--bank", action="append", default=argparse.SUPPRESS, metavar="DIR", help=argparse.SUPPRESS
    )
    pair = commands.add_parser("pair", help="a pair interview: one interviews, one answers")
    pair.add_argument("--interviewer", required=True, metavar="NAME", help="who interviews")
    pair.add_argument("--candidate", required=True, metavar="NAME", help="who answers")
    pair.add_argument("--card", metavar="ID", help="a card id (default: the candidate's next due)")
    pair.add_argument("--aloud", action="store_true", help="the candidate answers aloud")
    stats = commands.add_parser("stats", help="attempts, cards seen, what is due")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    _profile_option(stats)
    export = commands.add_parser("export", help="write every attempt as markdown or JSON")
    export.add_argument("--format", choices=("md", "json"), default="md", help="default: md")
    export.add_argument("--out", type=Path, metavar="PATH", help="a file (default: stdout)")
    _profile_option(export)
    backup = commands.add_parser("backup", help="copy the whole database into one file")
    backup.add_argument("path", type=Path, metavar="PATH")
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("path", type=Path, metavar="PATH")
    return parser


def _profile_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--profile", metavar="NAME", default=argparse.SUPPRESS, help="whose attempts"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `trainer` command."""
    args = build_parser().parse_args(argv)
    from trainer.core.cards.bank import bank_roots
    from trainer.core.resources import bundled_bank

    roots = bank_roots(args.bank, os.environ.get("TRAINER_BANK"), bundled_bank(), os.pathsep)
    missing = [root for root in roots if not root.exists()]
    if missing and not (args.command == "bank" and args.bank_command == "check" and args.paths):
        print(f"trainer: error: --bank {missing[0]}: no such directory", file=sys.stderr)
        return 2

    if args.command == "bank":
        from trainer.commands import bank_commands
        from trainer.core.cards.bank import CardFilter, load_bank

        if args.bank_command == "check":
            return bank_commands.check(args.paths or roots, args.json, sys.stdout)
        card_filter = CardFilter(args.topic, args.level, args.category, args.search)
        return bank_commands.list_cards(load_bank(roots), card_filter, args.json, sys.stdout)

    if args.command == "score":
        from trainer.commands.score_command import score_answer
        from trainer.commands.sources import read_answer, resolve_card

        card, problem = resolve_card(args.card, roots)
        answer, answer_problem = read_answer(args.answer, sys.stdin)
        if card is None or problem or answer_problem:
            print(f"trainer: error: {problem or answer_problem}", file=sys.stderr)
            return 2
        return score_answer(card, answer, args.json, sys.stdout)

    if args.command in {"stats", "export", "backup", "restore"}:
        return _history_command(args, roots)

    if args.command == "pair" and args.interviewer.strip() == args.candidate.strip():
        print("trainer: error: --interviewer and --candidate must differ", file=sys.stderr)
        return 2
    from trainer.core.store.database import Store
    from trainer.core.store.files import DataError
    from trainer.core.store.paths import resolve_db_path

    try:
        store = Store.open(resolve_db_path(args.db, os.environ.get("TRAINER_DB")))
    except DataError as error:
        print(f"trainer: error: {error}", file=sys.stderr)
        return 2
    from trainer.core.practice.plan import PairPlan
    from trainer.ui.app import run_app

    plan = None
    if args.command == "pair":
        plan = PairPlan(args.interviewer, args.candidate, args.card, not args.aloud)
    return run_app(roots, store, args.profile, plan)


def _history_command(args: argparse.Namespace, roots: list[Path]) -> int:
    from trainer.core.store.files import DataError

    try:
        return _run_history_command(args, roots)
    except (DataError, OSError) as error:
        print(f"trainer: error: {error}", file=sys.stderr)
        return 2


def _run_history_command(args: argparse.Namespace, roots: list[Path]) -> int:
    from trainer.commands import history_commands
    from trainer.core.store.database import Store
    from trainer.core.store.paths import StorePaths, resolve_db_path
    from trainer.core.store.records import utc_now

    db = resolve_db_path(args.db, os.environ.get("TRAINER_DB"))
    if args.command == "restore":
        code, error = history_commands.restore(StorePaths(db), args.path, sys.stdout)
        if error:
            print(f"trainer: error: {error}", file=sys.stderr)
        return code
    store = Store.open(db)
    if args.command == "backup":
        return history_commands.backup(store.paths, args.path, sys.stdout)
    from trainer.core.practice.plan import default_profile

    profile = args.profile or default_profile(store.profiles())
    if args.command == "export":
        return history_commands.export(store, args.profile, args.format, args.out, sys.stdout)
    from trainer.core.cards.bank import load_bank

    card_ids = [card.id for card in load_bank(roots).cards]
    now = utc_now().astimezone()
    return history_commands.stats(store, profile, card_ids, now, args.json, sys.stdout)
