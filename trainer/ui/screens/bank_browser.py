"""Browse the bank: filter as you type, preview the question (never the rubric)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Input, Static

from trainer.core.cards.bank import Bank, CardFilter, select
from trainer.core.cards.model import Card
from trainer.core.schedule.scheduler import CardSchedule, in_words, stability_in_words
from trainer.core.terminal_text import visible
from trainer.ui.messages import DrillCard
from trainer.ui.safe_text import literal
from trainer.ui.screens.base import TrainerScreen

if TYPE_CHECKING:
    pass


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
        self.shown: list[Card] = []
        self.schedule: dict[str, CardSchedule] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: words, topic or level (e.g. raft L4)", id="filter")
        with Horizontal(id="browser"):
            yield DataTable(id="cards", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="preview-pane"):
                yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self._bank_summary()
        self.schedule = self.trainer.store.schedule(self.trainer.profile)
        table = self.query_one("#cards", DataTable)
        table.add_columns("Level", "Topic", "Title")
        self._show(list(self.bank.cards))
        table.focus()

    def _bank_summary(self) -> str:
        summary = f"{len(self.bank.cards)} cards"
        if self.bank.errors:
            summary += f" · {len(self.bank.errors)} not loaded (see `trainer bank check`)"
        return summary

    def _show(self, cards: list[Card]) -> None:
        self.shown = cards
        table = self.query_one("#cards", DataTable)
        table.clear()
        for card in cards:
            table.add_row(
                literal(card.level), literal(card.topic), literal(card.title), key=card.id
            )
        self._preview(cards[0] if cards else None)

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
        self._show(select(self.bank.cards, CardFilter(text=event.value)))

    @on(DataTable.RowHighlighted, "#cards")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.shown):
            self._preview(self.shown[event.cursor_row])

    def action_focus_filter(self) -> None:
        # Focus now, not after the queued keys: what is typed right after "/" is filter text.
        field = self.query_one("#filter", Input)
        if self.focused is field:  # set at once, unlike `has_focus`
            raise SkipAction  # the filter is being typed in: "/" is text, in its place
        self.set_focus(field)

    def action_back(self) -> None:
        self.clear_filter_or_leave(
            self.query_one("#filter", Input), self.query_one("#cards", DataTable)
        )

    def action_drill(self) -> None:
        table = self.query_one("#cards", DataTable)
        if self.focused is not table:
            self.set_focus(table)
            return
        if 0 <= table.cursor_row < len(self.shown):
            self.post_message(DrillCard(self.shown[table.cursor_row]))

    @on(DataTable.RowSelected, "#cards")
    def _row_selected(self) -> None:
        self.action_drill()
