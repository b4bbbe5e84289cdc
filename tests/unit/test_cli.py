"""The `trainer` command line, in process (fast) and as a real process (no Textual import)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cardtext import MINIMAL_CARD
from tests.conftest import BANK
from trainer.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "trainer", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_bank_check_on_bundled_bank_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "check"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].endswith("0 errors, 0 warnings")


def test_bank_check_reports_one_line_per_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.md").write_text(MINIMAL_CARD)
    (tmp_path / "bad.md").write_text(MINIMAL_CARD.replace("level: L4", "level: [L4"))
    assert main(["bank", "check", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tmp_path / 'bad.md'}:4: bad YAML in the front matter: ")
    assert "expected ',' or ']'" in lines[0]
    assert lines[1] == "2 files checked: 1 cards usable, 1 errors, 0 warnings"


def test_bank_check_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.md").write_text(MINIMAL_CARD)
    (tmp_path / "empty.md").write_text("")
    assert main(["bank", "check", "--json", str(tmp_path)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert [card["id"] for card in report["cards"]] == ["test-L4-001"]
    assert report["cards"][0]["answer_seconds"] == [180, 240]
    assert report["problems"] == [
        {
            "path": str(tmp_path / "empty.md"),
            "line": 1,
            "severity": "error",
            "message": "the file is empty",
        }
    ]


def test_bank_list_filters_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bank", "list", "--level", "L3", "--json"]) == 0
    cards = json.loads(capsys.readouterr().out)
    assert cards and all(card["level"] == "L3" for card in cards)
    assert main(["bank", "list", "--topic", "consensus"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "LEVEL", "CATEGORY", "TOPIC", "ANSWER", "TITLE"]
    assert all(" consensus " in line for line in lines[1:-1])
    assert lines[-1].endswith("cards")


def test_bank_from_environment_and_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mine.md").write_text(MINIMAL_CARD)
    os.environ["TRAINER_BANK"] = str(tmp_path)
    try:
        assert main(["bank", "list", "--json"]) == 0
        assert [c["id"] for c in json.loads(capsys.readouterr().out)] == ["test-L4-001"]
        assert main(["--bank", "bundled", "--bank", str(tmp_path), "bank", "list", "--json"]) == 0
        ids = [c["id"] for c in json.loads(capsys.readouterr().out)]
        assert "test-L4-001" in ids and len(ids) > 30
    finally:
        del os.environ["TRAINER_BANK"]


def test_bad_option_is_one_line_naming_it() -> None:
    result = run("bank", "list", "--levle", "L3")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "trainer: error: unrecognized arguments: --levle L3 (see --help)"
    ]
    missing = run("--bank", "/no/such/dir", "bank", "list")
    assert missing.returncode == 2
    assert missing.stderr == "trainer: error: --bank /no/such/dir: no such directory\n"


def test_cli_bank_commands_do_not_import_textual() -> None:
    code = (
        "import sys; from trainer.cli import main; main(['bank', 'list']); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "print('IMPORTED', bad)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("IMPORTED []")


def test_bundled_bank_is_found_from_another_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "bank", "check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert str(BANK.name) in result.stdout or "files checked" in result.stdout


def test_pair_needs_two_different_people() -> None:
    result = run("pair", "--interviewer", "ana", "--candidate", "ana")
    assert result.returncode == 2
    assert result.stderr == "trainer: error: --interviewer and --candidate must differ\n"
    missing = run("pair", "--interviewer", "ana")
    assert missing.returncode == 2
    assert "--candidate" in missing.stderr and missing.stderr.count("\n") == 1
