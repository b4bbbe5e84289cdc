"""What the candidate said, read-only: the answer with its keywords highlighted, then each
follow-up question beside its own reply (the discussion phase and the review show it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from trainer.core.grading.matching import KeywordHit, Tier
from trainer.core.practice.session import BAR_RAISER, follow_up_name
from trainer.core.store.records import ProbeReply
from trainer.core.terminal_text import visible
from trainer.ui.safe_text import visible_text


def follow_up_heading(kind: str) -> str:
    """ "Follow-up (guided probe)" or "Bar-raiser", for a stored reply's kind."""
    return "Bar-raiser" if kind == BAR_RAISER else f"Follow-up ({follow_up_name(kind)})"


def said_in_order(answer: str, replies: Iterable[ProbeReply]) -> list[tuple[str, str]]:
    """(heading, text) of each part, in the order `everything_said` joins them."""
    parts = [("Your answer", answer)]
    parts += [
        (f"{follow_up_heading(reply.kind)}: {visible(reply.question)}", reply.answer)
        for reply in replies
    ]
    return parts


class Transcript(Static):
    """The answer and the replies, keywords bold (core) or underlined (bonus), and one passage
    (the evidence of a verdict) marked; colour is only a bonus, as in the editor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "transcript--keyword-core",
        "transcript--keyword-bonus",
        "transcript--passage",
    }

    DEFAULT_CSS = """
    Transcript > .transcript--keyword-core { text-style: bold; color: $keyword-core; }
    Transcript > .transcript--keyword-bonus { text-style: underline; color: $keyword-bonus; }
    Transcript > .transcript--passage { text-style: reverse; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: list[tuple[str, str]] = []
        self._hits: tuple[KeywordHit, ...] = ()
        self._passage: tuple[int, int] | None = None
        self._skip: int | None = None

    def show(
        self,
        parts: list[tuple[str, str]],
        hits: Iterable[KeywordHit] = (),
        passage: tuple[int, int] | None = None,
        skip: int | None = None,
    ) -> None:
        """Show the parts (all but the one at `skip`, shown elsewhere); `hits` and `passage`
        are offsets into the graded text (the non-blank parts joined by blank lines, as
        `everything_said` makes it)."""
        self._parts, self._hits, self._passage = parts, tuple(hits), passage
        self._skip = skip
        self.update(self._render_text())

    def passage_line(self, width: int) -> int:
        """The row (at `width`) where the marked passage starts, to scroll it into view."""
        if self._passage is None:
            return 0
        text = self._render_text(upto=self._passage[0])
        return max(0, len(text.wrap(self.app.console, max(1, width))) - 1)

    def _render_text(self, upto: int | None = None) -> Text:
        core = self._style("transcript--keyword-core")
        bonus = self._style("transcript--keyword-bonus")
        marked = self._style("transcript--passage")
        text = Text()
        offset = 0  # where the next non-blank part starts in the graded text
        for index, (heading, said) in enumerate(self._parts):
            if index == self._skip:
                offset += len(said) + 2 if said.strip() else 0
                continue
            if text:
                text.append("\n\n")
            text.append(heading + "\n", style="bold")
            if not said.strip():
                text.append("(no reply)" if index else "(empty)", style="dim italic")
                continue
            body = visible_text(Text(said))
            for hit in self._hits:
                start, end = hit.start - offset, hit.end - offset
                if end > 0 and start < len(said):
                    body.stylize(core if hit.tier is Tier.CORE else bonus, max(0, start), end)
            if self._passage is not None:
                start, end = self._passage[0] - offset, self._passage[1] - offset
                if end > 0 and start < len(said):
                    body.stylize(marked, max(0, start), end)
            if upto is not None and offset <= upto <= offset + len(said):
                text.append_text(body[: upto - offset])
                return text
            text.append_text(body)
            offset += len(said) + 2
        return text

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)
