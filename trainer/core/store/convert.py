"""Records <-> JSON documents, in one place: typed dataclasses in, plain dicts out, and back.

cattrs does the work: enums (all `StrEnum`, so already text) stay as they are, datetimes
become ISO text, tuples lists. Reading is lenient about keys (unknown keys from a newer
version are ignored, missing ones take their defaults) and strict about types: a record that
does not fit raises `BadRecord`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

import cattrs
from cattrs.preconf.json import make_converter

from trainer.core.store.records import Attempt, AttemptSummary, Draft, Profile

T = TypeVar("T")

# Without detailed validation structuring is about three times faster; the error still names
# what did not fit.
_converter = make_converter(detailed_validation=False)
_converter.register_unstructure_hook(datetime, datetime.isoformat)
_converter.register_structure_hook(datetime, lambda value, _: _datetime(value))


class BadRecord(ValueError):
    """A stored document that is not a valid record of its kind."""


def _datetime(value: object) -> datetime:
    if not isinstance(value, str):
        raise TypeError(f"expected ISO date text, got {type(value).__name__}")
    return datetime.fromisoformat(value)


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
    except (cattrs.BaseValidationError, TypeError, ValueError, KeyError) as error:
        raise BadRecord(f"not a valid {kind.__name__} record: {_reason(error)}") from None


def _reason(error: Exception) -> str:
    if isinstance(error, cattrs.BaseValidationError):
        messages = cattrs.transform_error(error)
        return "; ".join(messages[:3])
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}"
    return str(error) or type(error).__name__


def attempt_from_doc(doc: object) -> Attempt:
    return from_doc(doc, Attempt)


def summary_from_doc(doc: object) -> AttemptSummary:
    return from_doc(doc, AttemptSummary)


def profile_from_doc(doc: object) -> Profile:
    return from_doc(doc, Profile)


def draft_from_doc(doc: object) -> Draft:
    return from_doc(doc, Draft)
