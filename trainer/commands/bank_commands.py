"""`trainer bank check` and `trainer bank list`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from trainer.core.cards.bank import Bank, CardFilter, Progress, load_bank, select
from trainer.core.cards.model import Card, Problem, Severity
from trainer.core.resources import bundled_bank
from trainer.core.terminal_text import visible


def reading_progress(err: TextIO) -> Progress | None:
    """On a terminal, one line counting the cards parsed while the card cache is filled (a
    first run, or after an update), erased when done; nothing in a pipe or a file."""
    if not err.isatty():
        return None

    def report(done: int, total: int) -> None:
        if done % 50 and done != total:
            return
        end = "\r\x1b[K" if done == total else ""
        err.write(f"\rreading {total} new or changed cards into the cache: {done}{end}")
        err.flush()

    return report


def check(roots: Sequence[Path], as_json: bool, out: TextIO) -> int:
    """Validate cards: one line per problem; exit 1 on any error, or when there is no card."""
    bank = load_bank(roots)
    bank = Bank(bank.cards, (*bank.problems, *review_warnings(bank.cards)), bank.files)
    if as_json:
        json.dump(
            {
                "ok": not bank.errors,
                "files": bank.files,
                "cards": [_card_summary(card) for card in bank.cards],
                "problems": [_problem_record(problem) for problem in bank.problems],
            },
            out,
            indent=2,
        )
        out.write("\n")
    else:
        for problem in bank.problems:
            out.write(f"{problem}\n")  # `Problem.__str__` shows control characters visibly
        warnings = len(bank.problems) - len(bank.errors)
        out.write(
            f"{bank.files} files checked: {len(bank.cards)} cards usable, "
            f"{len(bank.errors)} errors, {warnings} warnings\n"
        )
        if not bank.cards:
            out.write(
                f"no cards in {', '.join(str(root) for root in roots)}: a card is a .md file, "
                "or a .txt file that opens with front matter (see the card format in the README)\n"
            )
    return 1 if bank.errors or not bank.cards else 0


def review_warnings(cards: Sequence[Card]) -> list[Problem]:
    """What a rubric reviewer would flag beyond the format: concepts one sentence would both
    earn, a time budget that contradicts itself, and a bundled card that cites no sources."""
    # Not on the path of `bank list`: the linter loads the card parser (markdown-it).
    from trainer.core.cards.lint import budget_disagreement
    from trainer.core.grading.separability import separability_warnings

    bundled = bundled_bank().resolve()
    problems: list[Problem] = []
    for card in cards:
        problems.extend(separability_warnings(card))
        disagreement = budget_disagreement(card)
        if disagreement:
            problems.append(Problem(card.path, 2, disagreement, Severity.WARNING))
        if not card.sources and card.path.resolve().is_relative_to(bundled):
            problems.append(
                Problem(card.path, 2, "a bundled card must cite its sources", Severity.WARNING)
            )
    return problems


def list_cards(
    bank: Bank, card_filter: CardFilter, as_json: bool, out: TextIO, width: int | None = None
) -> int:
    """Print the cards that pass the filter as a table (or JSON)."""
    cards = select(bank.cards, card_filter)
    if as_json:
        json.dump([_card_summary(card) for card in cards], out, indent=2)  # ASCII: exact, safe
        out.write("\n")
        return 0
    if not bank.cards:
        out.write(f"{empty_bank_line(bank)}\n")
        return 0
    rows = [
        tuple(
            visible(cell)
            for cell in (
                card.id,
                card.level,
                card.category,
                card.topic,
                _budget_cell(card),
                card.title,
            )
        )
        for card in cards
    ]
    out.write(format_table(("ID", "LEVEL", "CATEGORY", "TOPIC", "ANSWER", "TITLE"), rows, width))
    not_loaded = f"; {len(bank.errors)} errors (see `trainer bank check`)" if bank.errors else ""
    out.write(f"{len(cards)} of {len(bank.cards)} cards{not_loaded}\n")
    return 0


def format_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], width: int | None = None
) -> str:
    """Columns padded to their widest cell; the last column is cut to fit the terminal."""
    width = width or shutil.get_terminal_size((100, 24)).columns
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers) - 1)]
    lines = []
    for row in [headers, *rows]:
        cells = [str(cell).ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        line = "  ".join([*cells, str(row[-1])])
        lines.append(line if len(line) <= width else line[: max(width - 1, 0)] + "…")
    return "\n".join(lines) + "\n"


def empty_bank_line(bank: Bank) -> str:
    """Why a bank has no usable card, in one line (its first problem, else how many files)."""
    errors = bank.errors or bank.problems
    if errors:
        more = f" (and {len(bank.problems) - 1} more: see `trainer bank check`)"
        return f"no cards: {errors[0]}" + (more if len(bank.problems) > 1 else "")
    return f"no cards: {bank.files} card files, none usable (see `trainer bank check`)"


def _budget_cell(card: Card) -> str:
    return f"{card.budget.answer}" + ("*" if card.budget.derived else "")


def _card_summary(card: Card) -> dict[str, object]:
    return {
        "id": card.id,
        "path": str(card.path),
        "title": card.title,
        "level": card.level,
        "category": card.category,
        "topic": card.topic,
        "subtopic": card.subtopic,
        "answer_seconds": [card.budget.answer.low, card.budget.answer.high],
        "discussion_seconds": [card.budget.discussion.low, card.budget.discussion.high],
        "budget_derived": card.budget.derived,
    }


def _problem_record(problem: Problem) -> dict[str, object]:
    return {
        "path": str(problem.path),
        "line": problem.line,
        "severity": str(problem.severity),
        "message": problem.message,
    }
