"""`trainer score`: the JSON contract, the readable report, and one-line errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BANK
from trainer.cli import main

ANSWER = (
    "Raft splits time into terms that work as a logical clock. When the election timeout fires, "
    "a follower becomes a candidate and asks for votes. Each server grants one vote per term, "
    "and a candidate that gathers votes from a majority becomes leader. "
    "Randomized timeouts break split votes."
)


def score_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["score", *args, "--json"]) == 0
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def test_json_has_the_documented_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER)
    report = score_json(capsys, "consensus-L3-001", str(answer))
    assert report["card_id"] == "consensus-L3-001"
    assert 0 <= report["score"] <= 100
    assert report["band"] in {"excellent", "good", "needs_improvement", "insufficient"}
    for tier in ("core", "bonus"):
        assert set(report[tier]) == {"covered", "missed"}
    assert "Majority Vote Wins" in report["core"]["covered"]
    assert "Pre-Vote Extension" in report["bonus"]["missed"]
    first = report["keywords"][0]
    assert set(first) >= {"keyword", "tier", "start", "end", "text", "exact"}
    assert ANSWER[first["start"] : first["end"]] == first["text"]
    assert report["follow_up"]["kind"] in {"depth", "guided", "foundation"}
    assert report["follow_up"]["question"]


def test_card_by_path_and_answer_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = next(BANK.glob("consensus/L3-*.md"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(ANSWER))
    report = score_json(capsys, str(path), "-")
    assert report["card_id"] == "consensus-L3-001"


def test_readable_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER)
    assert main(["score", "consensus-L3-001", str(answer)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Raft Leader Election (consensus-L3-001, L3 baseline)\nScore ")
    assert "[x] covered  Majority Vote Wins" in out
    assert "Keywords found" in out and "Next, the " in out


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["nope-L9-999", "-"], "an answer", "unknown card 'nope-L9-999'"),
        (["consensus-L3-001", "/no/such/answer.txt"], "", "answer file /no/such/answer.txt"),
        (["consensus-L3-001", "-"], "   \n", "the answer on standard input is empty"),
        (["missing-card.md", "-"], "an answer", "card file missing-card.md does not exist"),
    ],
)
def test_errors_are_one_line_with_exit_code_2(args: list[str], stdin: str, message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "score", *args],
        input=stdin,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("trainer: error: ") and message in line


def test_a_broken_card_file_is_reported_with_its_line(tmp_path: Path) -> None:
    card = tmp_path / "broken.md"
    card.write_text("---\nid: x\nlevel: [L4\n---\n")
    result = subprocess.run(
        [sys.executable, "-m", "trainer", "score", str(card), "-"],
        input="some answer",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"trainer: error: {card}:3: bad YAML")
