"""A wheel built from the tree, installed in a fresh venv, finds the bundled bank from anywhere;
the sdist carries what its own tests read."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import tarfile
import venv
import zipfile
from pathlib import Path

from tests.conftest import BANK, REPO


def test_installed_wheel_ships_the_bank_but_not_the_screenshots(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("interview_trainer-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert not [name for name in names if name.endswith(".svg")], "screenshots in the wheel"
    assert any(name.endswith("dist-info/licenses/LICENSE") for name in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # Dependencies come from the test environment: a path line in a .pth file adds its
    # site-packages without running that directory's own .pth files (so not our editable copy).
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site_packages / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "trainer"), "bank", "check"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    cards = len(list(BANK.rglob("*.md"))) - len(list(BANK.rglob("GUIDELINES.md")))
    assert result.stdout.splitlines()[-1] == (
        f"{cards} files checked: {cards} cards usable, 0 errors, 0 warnings"
    )

    where = subprocess.run(
        [
            str(python),
            "-c",
            "import trainer.core.resources as r; print(r.bundled_bank())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(path).is_relative_to(site_packages) for path in where), where
    assert all(Path(path).is_dir() for path in where)


def test_sdist_holds_what_its_tests_read(tmp_path: Path) -> None:
    """The README test compares the README with .ci/run: both must be in the sdist."""
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    [sdist] = tmp_path.glob("interview_trainer-*.tar.gz")
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path, filter="data")
    [root] = (path for path in tmp_path.iterdir() if path.is_dir())
    assert (root / "LICENSE").is_file()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/unit/test_readme.py",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
