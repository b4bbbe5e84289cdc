"""The drill's checklist: a concept name too long for the panel wraps under itself."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from tests.ui.conftest import CARDS, START
from tests.ui.screen_text import screen_text
from trainer.core.cards.bank import load_bank
from trainer.core.practice.session import DrillSession
from trainer.ui.widgets.concept_checklist import ConceptChecklist, hanging
from trainer.ui.widgets.verdicts import show_verdicts


@pytest.mark.parametrize(
    ("name", "width", "shown"),
    [
        ("Lease Expiry", 20, "Lease Expiry"),
        ("Clock Assumptions", 12, "Clock\n    Assumptions"),
        (
            "Quorum intersection under partition",
            14,
            "Quorum\n    intersection\n    under\n    partition",
        ),
        ("Clock Assumptions", 4, "Clock Assumptions"),  # too narrow (or not laid out): as is
    ],
)
def test_hanging_indent(name: str, width: int, shown: str) -> None:
    assert hanging(name, width) == shown


class Narrow(App[None]):
    CSS = "ConceptChecklist { width: 16; }"

    def compose(self) -> ComposeResult:
        yield ConceptChecklist(id="checklist")


async def test_a_wrapped_name_hangs_under_itself_and_follows_a_resize() -> None:
    card = next(c for c in load_bank([CARDS]).cards if c.id == "test-L4-001")
    report = DrillSession(card, "ana", START).final_report()
    app = Narrow()
    async with app.run_test(size=(40, 12)) as pilot:
        app.query_one(ConceptChecklist).show(report)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert "[ ] Clock" in lines and "    Assumptions" in lines
        app.query_one(ConceptChecklist).styles.width = 30
        await pilot.pause()
        await pilot.pause()
        assert "[ ] Clock Assumptions" in screen_text(app).splitlines()


class NarrowList(App[None]):
    CSS = "OptionList { width: 26; height: 8; }"

    def compose(self) -> ComposeResult:
        yield OptionList(id="verdicts")


async def test_verdict_lists_hang_wrapped_names_under_the_name() -> None:
    """The review's and the pair views' verdict lists: a wrapped name starts under the
    name, not under the tick, and the option still reads as its text."""
    card = next(c for c in load_bank([CARDS]).cards if c.id == "test-L4-001")
    report = DrillSession(card, "ana", START).final_report()
    app = NarrowList()
    async with app.run_test(size=(40, 10)) as pilot:
        verdicts = app.query_one(OptionList)
        show_verdicts(verdicts, report)
        await pilot.pause()
        lines = screen_text(app).splitlines()
        name = next(line for line in lines if "[ ] bonus Clock" in line)
        wrapped = next(line for line in lines if "Assumptions" in line)
        assert "Clock" not in wrapped and "[" not in wrapped
        assert wrapped.index("Assumptions") == name.index("Clock")
        assert str(verdicts.get_option_at_index(2).prompt) == "[ ] bonus Clock Assumptions"
