"""Text from cards, answers, notes and profile names, made safe to show in a terminal.

Cards are shared files and answers are pasted, so any of them may hold escape sequences (an OSC
52 clipboard write, a new window title, `ESC[2J`), C1 controls (`\\x9b` is a one-byte CSI on
some terminals) or bidi overrides that reorder what the reader sees. `visible` replaces every
such character, one for one, with a character that shows where it was: so offsets into the
text (keyword spans, cursor columns) stay right, and nothing is hidden from the reader.
Newline and tab are kept; everything else in the tables below is replaced.
"""

from __future__ import annotations

import re
import unicodedata

_C0_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ .. ␟
_REPLACEMENT = "\ufffd"  # � for C1 controls, bidi controls, separators and lone surrogates
_KEPT = "\n\t"

# Characters a terminal may act on, or that change how the text around them is displayed.
_UNSAFE_RANGES = (
    "\x00-\x08\x0b-\x1f"  # C0 controls but tab and newline (ESC, BEL, CR, BS, ...)
    "\x7f-\x9f"  # DEL and the C1 controls (CSI, OSC, DCS, ST, NEL, ...)
    "\u061c\u200e\u200f"  # Arabic letter mark, left-to-right and right-to-left marks
    "\u2028\u2029"  # line and paragraph separators (some widgets split lines on them)
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2066-\u2069"  # bidi isolates
    "\ud800-\udfff"  # lone surrogates (from JSON escapes): unprintable, unencodable
)
UNSAFE = re.compile(f"[{_UNSAFE_RANGES}]")

_TRANSLATION = {
    **{code: picture for code, picture in _C0_PICTURES.items() if chr(code) not in _KEPT},
    0x7F: "\u2421",  # ␡
}
_SHORT_NAMES = {
    "\x00": "NUL",
    "\x07": "BEL",
    "\x08": "BS",
    "\x0d": "CR",
    "\x1b": "ESC",
    "\x7f": "DEL",
    "\x90": "DCS",
    "\x9b": "CSI",
    "\x9c": "ST",
    "\x9d": "OSC",
}


def _replacement(found: re.Match[str]) -> str:
    return _TRANSLATION.get(ord(found.group()), _REPLACEMENT)


def visible(text: str) -> str:
    """`text` with every control character but newline and tab replaced by a visible one
    (ESC -> ␛, BEL -> ␇, DEL -> ␡, C1 and bidi controls -> �); same length as `text`."""
    if UNSAFE.search(text) is None:  # the common case: one C-speed scan, no copy
        return text
    return UNSAFE.sub(_replacement, text)


def unsafe_characters(text: str) -> list[str]:
    """The distinct characters of `text` that `visible` would replace, in order of appearance."""
    return list(dict.fromkeys(UNSAFE.findall(text)))


def describe(character: str) -> str:
    """A control character in words: "ESC (U+001B)", "RIGHT-TO-LEFT OVERRIDE (U+202E)"."""
    code = f"U+{ord(character):04X}"
    name = _SHORT_NAMES.get(character) or unicodedata.name(character, "")
    return f"{name} ({code})" if name else code
