"""What is on the screen, as text (read back from Textual's own SVG screenshot)."""

from __future__ import annotations

import html
import re
from typing import Any

from textual.app import App

_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>'
)


def screen_text(app: App[Any]) -> str:
    """Every row of the rendered screen, with words where they stand."""
    rows: dict[int, list[tuple[float, str]]] = {}
    for found in _TEXT.finditer(app.export_screenshot()):
        rows.setdefault(int(found.group(2)), []).append(
            (float(found.group(1)), html.unescape(found.group(3)))
        )
    lines = []
    for row in sorted(rows):
        line = ""
        for x, text in sorted(rows[row]):
            line = line.ljust(round(x / 12.2)) + text
        lines.append(line.replace("\xa0", " "))
    return "\n".join(lines)
