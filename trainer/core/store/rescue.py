"""When the data folder refuses writes (disk full, read-only, an I/O error), the answer being
typed is written somewhere else instead: a plain markdown file the user can open anywhere."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import platformdirs

from trainer.core.store.files import FILE_MODE, DataError, describe
from trainer.core.store.paths import APP_NAME
from trainer.core.store.records import Draft


def rescue_text(draft: Draft) -> str:
    """The drill's words as markdown: the answer, the follow-up, the bar-raiser, the notes."""
    parts = [
        f"# Unsaved trainer answer: {draft.card_id}",
        f"Profile {draft.profile}, started {draft.started.astimezone():%Y-%m-%d %H:%M}, "
        f"attempt {draft.attempt_id}",
    ]
    for title, text in (
        ("Answer", draft.answer),
        ("Follow-up", draft.follow_up_answer),
        *((f"Follow-up ({kind})", reply) for kind, reply in draft.other_replies.items()),
        ("Bar-raiser", draft.bar_raiser_answer),
        ("Interviewer's notes", draft.notes),
    ):
        if text.strip():
            parts.append(f"## {title}\n\n{text}")
    return "\n\n".join(parts) + "\n"


def rescue_folders() -> list[Path]:
    """Where to try, in order: the documents folder (when there is one), the trainer's data
    folder, the home folder, the temporary folder. Never the current folder, which may be a
    project's checkout (or anything else one happened to start the trainer in)."""
    documents = Path(platformdirs.user_documents_dir())
    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folders = [documents] if documents.is_dir() else []
    return [*folders, data, Path.home(), Path(tempfile.gettempdir())]


def write_rescue(draft: Draft, folders: Sequence[Path] | None = None) -> Path:
    """Write the drill's words to a new file in the first folder that takes it; returns it.

    Raises `DataError` naming every folder tried when none does."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    failures = []
    for folder in folders if folders is not None else rescue_folders():
        path = folder / f"trainer-unsaved-{stamp}-{draft.attempt_id[:8]}.md"
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        except OSError as error:
            failures.append(f"{folder}: {describe(error)}")
            continue
        try:
            with open(descriptor, "w", encoding="utf-8") as handle:
                handle.write(rescue_text(draft))
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            path.unlink(missing_ok=True)  # never leave half an answer behind
            failures.append(f"{folder}: {describe(error)}")
            continue
        return path
    raise DataError("could not save the answer anywhere (" + "; ".join(failures) + ")")
