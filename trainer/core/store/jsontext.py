"""JSON text <-> Python data for the user's files, keeping integers Python refuses to read.

Python's `json` refuses integers of more than 4,300 digits (`sys.get_int_max_str_digits`, a
guard against quadratic conversions). A file holding one would then not parse at all, and a
whole shard of attempts would be lost for one bad number. Here such a number is read as a
`HugeNumber` (its digits, never converted), which no record accepts, so only its record is
skipped; and it is written back exactly as it was, so rewriting the file loses nothing.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any


class HugeNumber:
    """An integer too long for Python to convert: kept as its digits, refused by every record."""

    __slots__ = ("digits",)

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"HugeNumber({len(self.digits)} digits)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HugeNumber) and other.digits == self.digits

    def __hash__(self) -> int:
        return hash(self.digits)


def _int_or_huge(text: str) -> int | HugeNumber:
    try:
        return int(text)
    except ValueError:  # more digits than the interpreter converts
        return HugeNumber(text)


def loads(text: str) -> Any:
    """Parse JSON text; an over-long integer becomes a `HugeNumber` instead of an error.

    The fast path is plain `json.loads`; only a file that holds such a number pays for the
    per-integer hook."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        return json.loads(text, parse_int=_int_or_huge)


# A marker no user text can forge: the nonce is drawn once per process.
_NONCE = secrets.token_hex(8)
_MARKER = f"\x00huge-number-{_NONCE}:"
_MARKED = re.compile(r'"\\u0000huge-number-' + _NONCE + r':(-?\d+)"')


def dumps(data: Any, *, indent: int | None = None, compact: bool = False) -> str:
    """JSON text for `data` (not ASCII-escaped); a `HugeNumber` is written back as its digits."""
    seen_huge = False

    def encode(value: object) -> str:
        nonlocal seen_huge
        if isinstance(value, HugeNumber):
            seen_huge = True
            return _MARKER + value.digits
        raise TypeError(f"{type(value).__name__} is not JSON")

    separators = (",", ":") if compact else None
    text = json.dumps(
        data, ensure_ascii=False, indent=indent, separators=separators, default=encode
    )
    return _MARKED.sub(r"\1", text) if seen_huge else text


def contains_huge(value: object) -> bool:
    """Whether `value` (parsed JSON) holds a `HugeNumber` anywhere."""
    if isinstance(value, HugeNumber):
        return True
    if isinstance(value, dict):
        return any(contains_huge(item) for item in value.values())
    if isinstance(value, list):
        return any(contains_huge(item) for item in value)
    return False
