"""Browse the bank: filter as you type, preview the question (never the rubric).

The table draws only the rows on screen (`CardTable`), and the filter runs in a thread: with
5,000 cards a key costs the time to match the words, and a key typed while a filter runs
replaces it (the latest wins; an older result is never shown over a newer filter).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Static
from textual.worker import get_current_worker

from trainer.core.cards.bank import Bank
from trainer.core.cards.model import Card
from trainer.core.schedule.scheduler import CardSchedule, in_words, stability_in_words
from trainer.core.terminal_text import visible
from trainer.ui.messages import DrillCard
from trainer.ui.screens.base import TrainerScreen
from trainer.ui.widgets.card_table import CardTable


class BankBrowser(TrainerScreen):
    """A table of cards with a live filter and a preview of the highlighted card."""

    BINDINGS = [
        # Priority, like "/": enter in the filter goes back to the table at once, so a second
        # enter typed right after it drills the card instead of reaching the filter again.
        Binding("enter", "drill", "Drill this card", id="bank.drill", priority=True),
        # A priority binding runs before the keys typed after it are sent on, so they reach the
        # filter; while the filter has focus "/" is typed into it ("tcp/ip").
        Binding("slash", "focus_filter", "Filter", id="bank.filter", priority=True),
        Binding("escape", "back", "Back", id="bank.back"),
    ]

    def __init__(self, bank: Bank) -> None:
        super().__init__()
        self.bank = bank
        self.shown: Sequence[Card] = ()
        self.shown_for = ""  # the filter text `shown` answers
        self.schedule: dict[str, CardSchedule] = {}
        # What the filter searches, lowercased once (`Card.searchable_text`), in bank order.
        self._searchable: list[tuple[str, Card]] = []
        self._found: tuple[str, list[tuple[str, Card]]] = ("", [])  # the last search, lowercased

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: words, topic or level (e.g. raft L4)", id="filter")
        with Horizontal(id="browser"):
            yield CardTable(id="cards")
            with VerticalScroll(id="preview-pane"):
                yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self._bank_summary()
        self.schedule = self.trainer.store.schedule(self.trainer.profile)
        self._searchable = [(card.searchable_text(), card) for card in self.bank.cards]
        self._found = ("", self._searchable)
        table = self.query_one(CardTable)
        table.fit_columns(self.bank.cards)
        self._show(self.bank.cards, "")
        table.focus()

    def _bank_summary(self) -> str:
        summary = f"{len(self.bank.cards)} cards"
        if self.bank.errors:
            summary += f" · {len(self.bank.errors)} not loaded (see `trainer bank check`)"
        return summary

    def _show(self, cards: Sequence[Card], text: str) -> None:
        self.shown, self.shown_for = cards, text
        self.query_one(CardTable).show(cards)  # its Highlighted message updates the preview

    def matching(self, text: str) -> list[Card]:
        """The cards whose id, title, question, topic or level hold every word, in bank order
        (`CardFilter.matches` on text alone)."""
        words = text.lower().split()
        if not words:
            return list(self.bank.cards)
        # Typing on narrows: a text that extends the last one searched matches only cards the
        # last one did (its words, the last one perhaps longer, and more), so search those.
        # The pair is replaced whole: a worker finishing late leaves a pair that is still true.
        last_text, last_found = self._found
        pool = last_found if text.lower().startswith(last_text) else self._searchable
        found = [
            (searchable, card) for searchable, card in pool if all(w in searchable for w in words)
        ]
        self._found = (text.lower(), found)
        return [card for _, card in found]

    def _preview(self, card: Card | None) -> None:
        preview = self.query_one("#preview", Static)
        if card is None:
            preview.update(Text("No card matches the filter.", style="italic"))
            return
        budget = card.budget
        text = Text()
        text.append(visible(card.title), style="bold")
        named = f"\n{card.id} · {card.level} · {card.category} · {card.topic}\n\n"
        text.append(visible(named), "dim")
        text.append(visible(card.question))
        text.append("\n\nAnswer ", "bold")
        text.append(str(budget.answer))
        text.append(" · Discussion ", "bold")
        text.append(str(budget.discussion))
        if budget.derived:
            text.append(" (from level)", "dim")
        state = self.schedule.get(card.id)
        text.append("\nNext review ", "bold")
        if state is None:
            text.append("new card, not reviewed yet")
        else:
            now = self.trainer.clock.now()
            text.append(f"{in_words(state.due, now)} · {stability_in_words(state.stability)}")
        preview.update(text)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    @work(exclusive=True, thread=True, group="bank-filter")
    def _filter(self, text: str) -> None:
        cards = self.matching(text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._filtered, cards, text)

    def _filtered(self, cards: list[Card], text: str) -> None:
        if text == self.query_one("#filter", Input).value:  # a newer key has its own filter
            self._show(cards, text)

    def _catch_up(self) -> None:
        """Before acting on the table: the filter typed so far, applied now if still running."""
        text = self.query_one("#filter", Input).value
        if text != self.shown_for:
            self._show(self.matching(text), text)

    @on(CardTable.Highlighted, "#cards")
    def _row_highlighted(self, event: CardTable.Highlighted) -> None:
        self._preview(event.row if isinstance(event.row, Card) else None)

    def action_focus_filter(self) -> None:
        # Focus now, not after the queued keys: what is typed right after "/" is filter text.
        field = self.query_one("#filter", Input)
        if self.focused is field:  # set at once, unlike `has_focus`
            raise SkipAction  # the filter is being typed in: "/" is text, in its place
        self.set_focus(field)

    def action_back(self) -> None:
        """Escape: clear the filter first, then go back."""
        field = self.query_one("#filter", Input)
        if field.has_focus or field.value:
            field.value = ""
            self._catch_up()
            self.query_one(CardTable).focus()
        else:
            self.app.pop_screen()

    def action_drill(self) -> None:
        table = self.query_one(CardTable)
        self._catch_up()
        if self.focused is not table:
            self.set_focus(table)
            return
        if table.current is not None:
            self.post_message(DrillCard(table.current))

    @on(CardTable.Selected, "#cards")
    def _row_selected(self) -> None:
        self.action_drill()
