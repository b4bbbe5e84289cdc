"""Writing a cache file: atomically, and never an error (a cache that cannot be written only
means working it out again next time)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_cache_file(path: Path, content: bytes) -> None:
    """Replace `path` with `content` whole, or leave it as it was; the folder is made private
    (caches hold card text, names and scores)."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(content)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
