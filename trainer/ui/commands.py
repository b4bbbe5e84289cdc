"""The command palette's own commands (ctrl+p), next to Textual's theme and quit commands."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen

from trainer.core.terminal_text import visible

if TYPE_CHECKING:
    from trainer.ui.app import TrainerApp

# During a pair interview the palette offers only what cannot show the rubric to the candidate.
PAIR_COMMANDS = (
    ("pair: hand over the keyboard", "screen.hand_over", "Pass the keyboard to the other person"),
    ("pair: leave the interview", "screen.leave", "Back home (the interviewer is asked first)"),
)
COMMANDS = (
    ("drill: start next due", "start_next", "Drill the next card due (or a new one)"),
    ("bank: browse", "browse", "Browse and filter the bank"),
    ("drill: resume unfinished", "resume_now", "Resume the drill you left"),
    ("drill: one more new card", "one_more_new", "Past today's limit of new cards"),
    ("drill: any card (browse the bank)", "browse", "Pick any card to drill"),
    ("pair: start an interview", "pair", "One interviews, one answers, then swap"),
    ("history: browse attempts", "history", "Every attempt: sort, filter, open, compare, export"),
    ("history: progress", "progress", "Scores over time, reviews per day, retention"),
    ("history: concepts you keep missing", "missed", "Concepts missed most, one key to drill"),
    ("profile: switch", "switch_profile", "Switch, create, rename or delete a profile"),
    ("settings: new cards, retention, blind mode, alerts", "settings", "This profile's settings"),
)


def palette_commands(screen: Screen[object]) -> tuple[tuple[str, str, str], ...]:
    """(title, action, help) of the commands the palette offers on `screen`."""
    from trainer.ui.screens.pair import PairScreen

    if isinstance(screen, PairScreen):
        return PAIR_COMMANDS
    return (*COMMANDS, *_undo_command(screen))


def _undo_command(screen: Screen[object]) -> tuple[tuple[str, str, str], ...]:
    """ "undo last rating: <card>" while the profile has a rating to undo."""
    from trainer.core.practice.undo_rating import undoable
    from trainer.core.store.files import DataError
    from trainer.ui.app import TrainerApp

    app = screen.app
    if not isinstance(app, TrainerApp):
        return ()
    try:
        last = undoable(app.store, app.profile)
    except DataError:
        return ()
    if last is None:
        return ()
    card = app.bank.by_id(last.card_id)
    title = card.title if card else last.card_title or last.card_id
    return ((f"undo last rating: {title}", "undo_rating", "Restore its schedule from before"),)


class TrainerCommands(Provider):
    """Drill, bank and profile commands."""

    @property
    def trainer(self) -> TrainerApp:
        return self.app  # type: ignore[return-value]

    def _commands(self) -> tuple[tuple[str, str, str], ...]:
        return palette_commands(self.screen)

    async def discover(self) -> Hits:
        for title, action, help_text in self._commands():
            yield DiscoveryHit(Content(visible(title)), self._runner(action), title, help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                # A card's title (undo) is anyone's text: never markup, so no highlight.
                shown = matcher.highlight(title) if "[" not in title else Content(visible(title))
                yield Hit(score, shown, self._runner(action), title, help_text)

    def _runner(self, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.trainer.run_action(action)

        return run
