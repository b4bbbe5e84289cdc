"""The README's test command is exactly what CI runs."""

from __future__ import annotations

from tests.conftest import REPO


def test_ci_runs_the_readme_test_command() -> None:
    ci_lines = (REPO / ".ci" / "run").read_text().splitlines()
    command = ci_lines[-1]
    assert command.startswith("python3 -m venv .venv && ")
    assert "pytest" in command and "lint-imports" in command
    readme = (REPO / "README.md").read_text()
    assert f"```bash\n{command}\n```" in readme
