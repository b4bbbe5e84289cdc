"""`trainer completion SHELL`: the script that makes the shell complete trainer's commands,
options and values (argcomplete: the shell asks `trainer` itself, so it never goes stale)."""

from __future__ import annotations

from argcomplete.shell_integration import shellcode

INSTALL = {
    "bash": 'eval "$(trainer completion bash)"  # in ~/.bashrc',
    "zsh": 'eval "$(trainer completion zsh)"  # in ~/.zshrc, after compinit',
    "fish": "trainer completion fish | source  # in ~/.config/fish/config.fish",
}


def completion_script(shell: str) -> str:
    """The completion code for `shell` (bash, zsh or fish), with how to install it on top."""
    code: str = shellcode(["trainer"], shell=shell)
    return f"# trainer completion for {shell}; to install: {INSTALL[shell]}\n{code}"
