"""Command-line conventions: global options anywhere, a summary for every command, read-only
commands that never create files, errors that name the path, .txt cards, an empty bank said."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cardtext import MINIMAL_CARD
from trainer.cli import build_parser, global_options, main


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def parsed(*argv: str) -> argparse.Namespace:
    return global_options(build_parser().parse_args(list(argv)))


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "x.json", "--profile", "ana", "--bank", "a", "export"],
        ["export", "--db", "x.json", "--profile", "ana", "--bank", "a"],
        ["--bank", "a", "export", "--profile", "ana", "--db", "x.json"],
    ],
)
def test_global_options_work_before_and_after_the_command(argv: list[str]) -> None:
    args = parsed(*argv)
    assert (args.db, args.profile, args.bank) == ("x.json", "ana", ["a"])


def test_global_options_after_a_nested_command_add_up() -> None:
    args = parsed("--bank", "a", "bank", "--bank", "b", "list", "--bank", "c", "--db", "d")
    assert args.bank == ["a", "b", "c"] and args.db == "d"
    args = parsed("--profile", "ana", "config", "path", "--profile", "ben")
    assert args.profile == "ben"


def test_bank_list_takes_bank_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mine.md").write_text(MINIMAL_CARD)
    assert main(["bank", "list", "--json", "--bank", str(tmp_path)]) == 0
    assert [card["id"] for card in json.loads(capsys.readouterr().out)] == ["test-L4-001"]


def test_every_command_has_a_one_line_summary_in_help() -> None:
    parser = build_parser()
    help_text = parser.format_help()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name in commands.choices:
        [line] = [line for line in help_text.splitlines() if line.split()[:1] == [name]]
        assert len(line.split()) > 2, f"{name} has no summary in --help"
    assert {"serve", "import", "export-cards", "config", "completion"} <= set(commands.choices)


@pytest.mark.parametrize(
    "command",
    [["stats"], ["export"], ["export", "--format", "csv"], ["backup", "b.json"]],
)
def test_read_only_commands_never_create_a_database(tmp_path: Path, command: list[str]) -> None:
    mistyped = tmp_path / "tpyo" / "trainer.json"
    result = run(*command, "--db", str(mistyped), env={"HOME": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr == (
        f"trainer: error: no database at {mistyped}: check --db or TRAINER_DB "
        "(the app creates one the first time it starts)\n"
    )
    assert not (tmp_path / "tpyo").exists()


def test_pair_with_an_unknown_card_fails_on_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    result = run(
        "pair", "--interviewer", "ana", "--candidate", "ben", "--card", "nope", "--db", str(db)
    )
    assert result.returncode == 2
    assert result.stderr == (
        "trainer: error: --card nope: no such card in the bank (see `trainer bank list`)\n"
    )
    assert not db.exists()


def test_a_write_error_names_the_path_and_what_to_do(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    from trainer.core.store.database import Store

    Store.open(db)
    target = tmp_path / "missing-folder" / "out.csv"
    result = run("export", "--format", "csv", "--out", str(target), "--db", str(db))
    assert result.returncode == 2
    assert result.stderr == (
        f"trainer: error: could not write {target}: no such file or directory "
        "(check the path: its folder must exist)\n"
    )
    assert "Errno" not in result.stderr


def test_txt_cards_are_read_when_they_open_with_front_matter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "card.txt").write_text(MINIMAL_CARD)
    (tmp_path / "notes.txt").write_text("Things to read about leases.\n")
    (tmp_path / "other.md").write_text(MINIMAL_CARD.replace("test-L4-001", "test-L4-002"))
    assert main(["bank", "check", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "2 files checked: 2 cards usable, 0 errors, 0 warnings"
    )


def test_bank_check_says_plainly_when_there_is_no_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("Not a card.\n")
    assert main(["bank", "check", str(tmp_path)]) == 1
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith(f"no cards in {tmp_path}: a card is a .md file, or a .txt file")
