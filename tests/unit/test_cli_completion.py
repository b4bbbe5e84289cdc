"""Shell completion: the scripts `trainer completion` prints, driven by real shells where
they are installed, and argcomplete's protocol (which every shell's script speaks) directly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
TRAINER = BIN / "trainer"


def completions(line: str, tmp_path: Path, shell: str = "bash") -> list[str]:
    """What trainer answers a shell asking to complete `line` (argcomplete's protocol)."""
    out = tmp_path / "completions"
    subprocess.run(
        [str(TRAINER)],
        env={
            **os.environ,
            "_ARGCOMPLETE": "1",
            "_ARGCOMPLETE_SHELL": shell,
            "_ARGCOMPLETE_IFS": "\n",
            "COMP_LINE": line,
            "COMP_POINT": str(len(line)),
            "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
        },
        check=False,
        timeout=60,
    )
    return sorted(filter(None, out.read_text().split("\n")))


def test_commands_options_values_and_card_ids_complete(tmp_path: Path) -> None:
    assert completions("trainer ex", tmp_path) == ["export", "export-cards"]
    assert completions("trainer export --format ", tmp_path) == ["csv", "fsrs", "json", "md"]
    assert "--db" in completions("trainer stats --", tmp_path)  # global options after it too
    ids = completions("trainer score consensus-L", tmp_path)
    assert ids and all(card_id.startswith("consensus-L") for card_id in ids)
    zsh = completions("trainer completion ", tmp_path, "zsh")  # "value:description" in zsh
    assert [item.split(":")[0] for item in zsh if not item.startswith("-")] == [
        "bash",
        "fish",
        "zsh",
    ]


def shell_run(shell: str, script: str) -> str:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed here")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        [shell, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bash_completes_through_the_printed_script() -> None:
    out = shell_run(
        "bash",
        'source <(trainer completion bash); COMP_LINE="trainer ex"; COMP_POINT=${#COMP_LINE}; '
        "COMP_WORDS=(trainer ex); COMP_CWORD=1; _python_argcomplete trainer; "
        'printf "%s\\n" "${COMPREPLY[@]}"',
    )
    assert out.split() == ["export", "export-cards"]


def test_fish_completes_through_the_printed_script() -> None:
    out = shell_run("fish", 'trainer completion fish | source; complete -C "trainer ex"')
    assert [line.split("\t")[0] for line in out.splitlines()] == ["export", "export-cards"]


def test_zsh_registers_the_printed_script() -> None:
    out = shell_run(
        "zsh",
        'autoload -U compinit && compinit -u; eval "$(trainer completion zsh)"; '
        "print ${_comps[trainer]}",
    )
    assert out.strip() == "_python_argcomplete"
