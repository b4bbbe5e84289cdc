"""trainer: rehearse senior technical interview questions in the terminal."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # `__version__` is read from the installed metadata only when asked for (`--version`):
    # importing importlib.metadata costs about a tenth of a second on every start.
    if name != "__version__":
        raise AttributeError(f"module 'trainer' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("interview-trainer")
    except PackageNotFoundError:  # running from a source tree that was never installed
        value = "0+unknown"
    globals()["__version__"] = value
    return value
