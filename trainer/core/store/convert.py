"""Records <-> JSON documents, in one place: typed dataclasses in, plain dicts out, and back.

cattrs does the work: enums (all `StrEnum`, so already text) stay as they are, datetimes
become ISO text, tuples lists. Reading is lenient about keys (unknown keys from a newer
version are ignored, missing ones take their defaults) and strict about types: a record that
does not fit raises `BadRecord`. Strict means exactly: text where text is due (not a number
turned into text), integers that are integers (not `true`, not 1.5), dates with their time
zone, lists where a tuple is due (not a string split into letters), and no number too long to
read (see `jsontext.HugeNumber`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar, get_origin

import cattrs
from cattrs.preconf.json import make_converter

from trainer.core.store.jsontext import HugeNumber
from trainer.core.store.records import Attempt, AttemptSummary, Draft, Profile

T = TypeVar("T")

# Without detailed validation structuring is about three times faster; the error still names
# what did not fit.
_converter = make_converter(detailed_validation=False)
_converter.register_unstructure_hook(datetime, datetime.isoformat)
_converter.register_structure_hook(datetime, lambda value, _: _datetime(value))


class BadRecord(ValueError):
    """A stored document that is not a valid record of its kind."""


def _kind_of(value: object) -> str:
    if isinstance(value, HugeNumber):
        return f"a number of {len(value.digits)} digits"
    return type(value).__name__


def _datetime(value: object) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected ISO date text, got {_kind_of(value)}")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"date {value[:40]!r} has no time zone")
    return parsed


def _exactly(kind: type[Any], accepted: tuple[type[Any], ...]) -> Callable[[object, Any], Any]:
    def structure(value: object, wanted: Any) -> Any:
        if isinstance(wanted, type) and issubclass(wanted, Enum):
            return _enum_member(value, wanted)  # a StrEnum dispatches as a `str`
        if not isinstance(value, accepted) or (isinstance(value, bool) and kind is not bool):
            raise TypeError(f"expected {kind.__name__}, got {_kind_of(value)}")
        return kind(value)

    return structure


def _enum_member(value: object, kind: Any) -> Any:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise TypeError(f"expected one of {[m.value for m in kind]}, got {_kind_of(value)}")
    return kind(value)


for _kind, _accepted in ((str, (str,)), (int, (int,)), (float, (int, float)), (bool, (bool,))):
    _converter.register_structure_hook(_kind, _exactly(_kind, _accepted))


def _is_homogeneous_tuple(kind: Any) -> bool:
    args: tuple[Any, ...] = getattr(kind, "__args__", ())
    return get_origin(kind) is tuple and len(args) == 2 and args[-1] is Ellipsis


def _tuple_of(kind: Any) -> Callable[[object, Any], Any]:
    item = kind.__args__[0]  # typing's tuple[X, ...]

    def structure(value: object, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):  # a string would become a tuple of its letters
            raise TypeError(f"expected a list, got {_kind_of(value)}")
        return tuple(_converter.structure(element, item) for element in value)

    return structure


_converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_of)


def to_doc(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict."""
    doc: dict[str, Any] = _converter.unstructure(record)
    return doc


def from_doc(doc: object, kind: type[T]) -> T:
    """The record of type `kind` that `doc` holds; `BadRecord` when it does not fit."""
    if not isinstance(doc, dict):
        raise BadRecord(f"expected a {kind.__name__} record, got {type(doc).__name__}")
    try:
        return _converter.structure(doc, kind)
    except Exception as error:  # any shape of bad data is a bad record, never a traceback
        raise BadRecord(f"not a valid {kind.__name__} record: {_reason(error)}") from None


def _reason(error: Exception) -> str:
    if isinstance(error, cattrs.BaseValidationError):
        messages = cattrs.transform_error(error)
        return "; ".join(messages[:3])
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}"
    if isinstance(error, AttributeError):
        return "a field holds the wrong kind of value"
    return str(error) or type(error).__name__


def attempt_from_doc(doc: object) -> Attempt:
    return from_doc(doc, Attempt)


def summary_from_doc(doc: object) -> AttemptSummary:
    return from_doc(doc, AttemptSummary)


def profile_from_doc(doc: object) -> Profile:
    return from_doc(doc, Profile)


def draft_from_doc(doc: object) -> Draft:
    return from_doc(doc, Draft)
