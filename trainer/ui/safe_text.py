"""How the app shows text it does not own (cards, answers, notes, profile names): literally,
never as markup, with control characters visible (`trainer.core.terminal_text.visible`).

Screens build their text with `literal`. `SafeTextApp` covers what every screen shares: the
header's title, the toasts (never markup: a path with "[" in it would otherwise fail to
parse), and, last, a line filter through which every rendered line passes on its way to the
terminal, which drops any control character a widget still let through. Dropping keeps the
layout (a control character takes no cell); `literal` shows them, and is what screens use.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.notifications import SeverityLevel

from trainer.core.terminal_text import UNSAFE, visible


def literal(text: str, style: str | Style = "") -> Text:
    """Untrusted text for a widget: never parsed as markup, control characters visible."""
    return Text(visible(text), style=style)


def visible_text(text: Text) -> Text:
    """An assembled Text with its control characters made visible, styles kept (one character
    for one, so every span stays where it was)."""
    shown = visible(text.plain)
    if shown is not text.plain:
        text = text.copy()
        text.plain = shown
    return text


def markdown_source(text: str) -> str:
    """Markdown from a card for the Markdown widget: formatting kept, control characters
    visible (markdown has no use for them)."""
    return visible(text)


class DropControlCharacters(LineFilter):
    """The last guard before the terminal: no rendered segment keeps a control character."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(UNSAFE.search(segment.text) for segment in segments):
            return segments
        cleaned = []
        for segment in segments:
            if segment.control is None and UNSAFE.search(segment.text):
                segment = Segment(UNSAFE.sub("", segment.text), segment.style)
                if not segment.text:
                    continue
            cleaned.append(segment)
        return cleaned


class SafeTextApp(App[None]):
    """An app whose titles, toasts and rendered lines never carry control characters."""

    _drop_control_characters = DropControlCharacters()

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (colour and dimming), then ours (public hook)."""
        return [*super().get_line_filters(), self._drop_control_characters]

    def format_title(self, title: str, sub_title: str) -> Content:
        """Titles hold card titles and profile names: shown visibly (public hook)."""
        return super().format_title(visible(title), visible(sub_title))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast, always literal: its messages quote paths, card ids and profile names."""
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
