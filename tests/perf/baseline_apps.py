"""The baselines the benchmarks measure `trainer` against, in the same terminal and run.

python tests/perf/baseline_apps.py home
    a minimal Textual app: a header, one line of text, a footer (start-up baseline)
python tests/perf/baseline_apps.py editor TEXT_FILE WIDTH HEIGHT
    a plain TextArea of WIDTH x HEIGHT cells holding the text (typing baseline): no handler,
    no highlighting; the same editor options as the drill's (soft wrap, no line numbers, no
    cursor-line highlight)
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static, TextArea

HOME_TEXT = "Press enter to start it, b to browse the bank."


class MinimalApp(App[None]):
    """What every Textual app pays for before its first screen."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(HOME_TEXT)
        yield Footer()


class PlainEditorApp(App[None]):
    """A plain TextArea of a given size."""

    def __init__(self, text: str, width: int, height: int) -> None:
        super().__init__()
        self.text = text
        self.editor_size = (width, height)

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextArea(
            self.text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
        )
        yield Footer()

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        width, height = self.editor_size
        editor.styles.width = width
        editor.styles.height = height
        editor.focus()


def main(argv: list[str]) -> None:
    if argv[:1] == ["home"]:
        MinimalApp().run()
    elif argv[:1] == ["editor"] and len(argv) == 4:
        text = Path(argv[1]).read_text(encoding="utf-8")
        PlainEditorApp(text, int(argv[2]), int(argv[3])).run()
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
