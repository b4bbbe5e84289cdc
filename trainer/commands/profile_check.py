"""Which profile a command is about, refusing a name the database does not know."""

from __future__ import annotations

from trainer.commands.errors import CommandError
from trainer.core.store.database import Store
from trainer.core.store.records import DEFAULT_PROFILE
from trainer.core.terminal_text import visible


def known_profile(store: Store, name: str | None) -> str:
    """The profile a command is about: `name` when the database knows it (or, with no name,
    the first profile); an unknown name is a `CommandError` listing the known ones, so a typo
    is never answered with an empty history."""
    names = [profile.name for profile in store.profiles()]
    names += sorted({s.profile for s in store.summaries()} - set(names))
    if name is None:
        return names[0] if names else DEFAULT_PROFILE
    if name in names:
        return name
    listed = ", ".join(visible(known) for known in names) if names else "none yet"
    raise CommandError(f"--profile {visible(name)}: no such profile (profiles: {listed})")
