"""config.toml: every problem one line naming the file, the line and the key; defaults kept;
`config init` writes a commented file that parses; a chosen theme is written back."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.core.config.checks import known_keymap, setting_problems
from trainer.core.config.file import load_config, parse_config
from trainer.core.config.template import TEMPLATE, save_theme

PATH = Path("/home/ana/.config/trainer/config.toml")


def test_a_good_file_is_read_setting_by_setting() -> None:
    text = (
        'theme = "nord"\nprofile = "ana"\nbanks = ["bundled", "~/cards"]\n'
        '[keys]\n"home.browse" = "B"\n'
    )
    config = parse_config(PATH, text)
    assert (config.theme, config.profile, config.banks) == ("nord", "ana", ("bundled", "~/cards"))
    assert config.keys == {"home.browse": "B"} and config.problems == ()


def test_an_unquoted_dotted_binding_id_is_read_as_the_id_it_spells() -> None:
    config = parse_config(PATH, '[keys]\nhome.browse = "B"\ndrill . pause = "ctrl+p"\n')
    assert config.keys == {"home.browse": "B", "drill.pause": "ctrl+p"}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("theme = 3\n", f"{PATH}:1: theme: expected a name in quotes, got 3; using the default"),
        (
            '\n\nprofil = "ana"\n',
            f"{PATH}:3: profil: unknown setting (known: theme, profile, banks, keys); ignored",
        ),
        (
            'banks = "~/cards"\n',
            f'{PATH}:1: banks: expected a list of folder paths, e.g. ["bundled", "~/cards"]; '
            "using the default",
        ),
        (
            '[keys]\n"home.browse" = 5\n',
            f'{PATH}:2: keys.home.browse: expected the keys as text, e.g. "ctrl+n" or '
            '"enter,n"; using the default',
        ),
        (
            'theme = "nord\n',
            f"{PATH}:1: not valid TOML (Illegal character '\\n'); using the defaults",
        ),
    ],
)
def test_each_problem_is_one_line_with_file_line_and_key(text: str, line: str) -> None:
    [problem] = parse_config(PATH, text).problems
    assert str(problem) == line


def test_bad_settings_keep_their_defaults_and_good_ones_still_apply() -> None:
    config = parse_config(PATH, 'theme = 3\nprofile = "ana"\n')
    assert config.theme is None and config.profile == "ana"


def test_unknown_binding_ids_and_themes_are_named_with_their_line() -> None:
    config = parse_config(
        PATH, 'theme = "nrod"\n[keys]\n"home.browse" = "B"\n"home.brwose" = "x"\n'
    )
    problems = [str(p) for p in setting_problems(config, {"home.browse"}, {"nord", "dracula"})]
    assert problems == [
        f"{PATH}:4: keys.home.brwose: no binding has this id (did you mean 'home.browse'?) "
        "(`trainer config keys` lists them); ignored",
        f"{PATH}:1: theme: no theme 'nrod' (did you mean 'nord'?); using the default",
    ]
    assert known_keymap(config, {"home.browse"}) == {"home.browse": "B"}


def test_a_missing_file_is_an_empty_config_and_not_utf8_is_a_problem(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml").problems == ()
    (tmp_path / "bad.toml").write_bytes(b"theme = '\xff'\n")
    [problem] = load_config(tmp_path / "bad.toml").problems
    assert str(problem) == f"{tmp_path / 'bad.toml'}: not UTF-8 text; using the defaults"


def test_the_template_parses_to_nothing_set() -> None:
    assert tomllib.loads(TEMPLATE) == {"keys": {}}
    assert parse_config(PATH, TEMPLATE).problems == ()


def test_saving_a_theme_keeps_comments_and_other_settings(tmp_path: Path) -> None:
    path = tmp_path / "trainer" / "config.toml"
    path.parent.mkdir()
    path.write_text(TEMPLATE.replace('# "home.start_next"', '"home.start_next"'))
    save_theme(path, "nord")
    save_theme(path, "gruvbox")
    text = path.read_text()
    assert [line for line in text.splitlines() if line.startswith("theme =")] == [
        'theme = "gruvbox"'
    ]
    assert "# Remap any key" in text
    config = parse_config(path, text)
    assert config.theme == "gruvbox" and config.keys == {"home.start_next": "enter,n"}
    fresh = tmp_path / "new" / "config.toml"
    save_theme(fresh, "nord")
    assert tomllib.loads(fresh.read_text()) == {"theme": "nord"}


def test_config_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("TRAINER_CONFIG", str(path))
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out == f"{path}\n"
    assert main(["config", "check"]) == 0
    assert "no config file at" in capsys.readouterr().out
    assert main(["config", "init"]) == 0
    assert path.read_text() == TEMPLATE
    assert main(["config", "init"]) == 2
    assert "already exists: edit it, or add --force" in capsys.readouterr().err
    path.write_text('theme = "textual-light"\n[keys]\n"home.nope" = "x"\n')
    assert main(["config", "check"]) == 1
    assert capsys.readouterr().out.startswith(f"{path}:3: keys.home.nope: no binding has this id")
    assert main(["config", "keys"]) == 0
    listing = capsys.readouterr().out
    assert "home.start_next" in listing and "drill.pause" in listing


def test_config_banks_and_profile_apply_and_a_missing_folder_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.cardtext import MINIMAL_CARD

    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "mine.md").write_text(MINIMAL_CARD)
    path = tmp_path / "config.toml"
    path.write_text('banks = ["cards", "gone"]\n')
    monkeypatch.setenv("TRAINER_CONFIG", str(path))
    monkeypatch.delenv("TRAINER_BANK", raising=False)
    assert main(["bank", "list", "--json"]) == 0
    captured = capsys.readouterr()
    assert '"id": "test-L4-001"' in captured.out
    assert captured.err == (
        f"trainer: warning: {path}:1: banks: {tmp_path / 'gone'}: no such folder; left out\n"
    )
