"""`visible`: every character a terminal could act on is replaced, one for one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainer.core.terminal_text import UNSAFE, describe, unsafe_characters, visible


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words, punctuation: ok?", "plain words, punctuation: ok?"),
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("dash – arrow → é ü 汉字 🙂", "dash – arrow → é ü 汉字 🙂"),
        ("\x1b]52;c;aGVsbG8=\x07", "␛]52;c;aGVsbG8=␇"),  # OSC 52: write the clipboard
        ("\x1b]0;PWNED\x07", "␛]0;PWNED␇"),  # OSC 0: set the window title
        ("\x1b]0;PWNED\x1b\\", "␛]0;PWNED␛\\"),  # the same, ended by ST
        ("\x1b[2J\x1b[H", "␛[2J␛[H"),  # clear the screen, cursor home
        ("\x9b31m red", "�31m red"),  # C1 CSI
        ("\x9d0;title\x9c", "�0;title�"),  # C1 OSC ... ST
        ("\x85next line", "�next line"),  # C1 NEL
        ("a\rb", "a␍b"),  # carriage return would overwrite the line
        ("back\x08\x08space", "back␈␈space"),
        ("nul\x00", "nul␀"),
        ("del\x7f", "del␡"),
        ("\x0b\x0c", "␋␌"),
        ("abc\u202edcba", "abc�dcba"),  # right-to-left override
        ("\u202a\u202b\u202c\u202d", "����"),
        ("\u2066\u2067\u2068\u2069", "����"),  # isolates
        ("\u200e\u200f\u061c", "���"),  # directional marks
        ("line\u2028sep\u2029", "line�sep�"),
        ("lone \ud800 surrogate", "lone � surrogate"),
    ],
)
def test_visible_replaces_controls(text: str, shown: str) -> None:
    assert visible(text) == shown
    assert len(visible(text)) == len(text)


@pytest.mark.parametrize(
    ("character", "words"),
    [
        ("\x1b", "ESC (U+001B)"),
        ("\x9b", "CSI (U+009B)"),
        ("\x07", "BEL (U+0007)"),
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE (U+202E)"),
        ("\x01", "U+0001"),
    ],
)
def test_describe_names_the_character(character: str, words: str) -> None:
    assert describe(character) == words


def test_unsafe_characters_lists_each_once_in_order() -> None:
    assert unsafe_characters("\x1b[1m\x9b\x1b\u202e") == ["\x1b", "\x9b", "\u202e"]
    assert unsafe_characters("clean\ttext\n") == []


@given(st.text())
def test_visible_leaves_nothing_unsafe_and_keeps_length(text: str) -> None:
    shown = visible(text)
    assert len(shown) == len(text)
    assert UNSAFE.search(shown) is None
    assert all(ch.isprintable() or ch in "\n\t" or not _is_control(ch) for ch in shown)
    assert visible(shown) == shown


def _is_control(character: str) -> bool:
    return ord(character) < 0x20 or 0x7F <= ord(character) <= 0x9F
