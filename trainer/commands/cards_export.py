"""`trainer export-cards --format apkg`: the bank as an Anki deck, for revising on a phone.

One note per card: the question on the front; the model answer and the concepts a good
answer covers on the back. Card text is untrusted (banks are shared files), so it is escaped,
and the model answer's markdown is rendered with raw HTML turned off."""

from __future__ import annotations

import html
import zlib
from pathlib import Path
from typing import TextIO

import genanki
from markdown_it import MarkdownIt

from trainer.core.cards.bank import Bank, CardFilter, select
from trainer.core.cards.model import Card, Concept

DECK_NAME = "trainer: interview questions"
# Fixed ids, so importing a newer export into Anki updates these notes instead of duplicating.
MODEL_ID = 1_607_392_319
DECK_ID = zlib.crc32(DECK_NAME.encode()) | 1 << 30
FIELDS = ("Question", "Answer", "Concepts", "Card", "Topic", "Level")
FRONT = '<div class="meta">{{Topic}} · {{Level}}</div><div class="question">{{Question}}</div>'
BACK = "{{FrontSide}}<hr id=answer>{{Answer}}<h3>Concepts</h3>{{Concepts}}"
CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; }
.meta { color: #888; font-size: 14px; } .question { font-weight: bold; margin-top: 8px; }"""

_MODEL = genanki.Model(
    MODEL_ID,
    "trainer question card",
    fields=[{"name": name} for name in FIELDS],
    templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
    css=CSS,
)
_MARKDOWN = MarkdownIt("commonmark", {"html": False})


def export_cards(bank: Bank, card_filter: CardFilter, target: Path, out: TextIO) -> int:
    """Write the cards that pass the filter to `target` as an .apkg deck."""
    cards = select(bank.cards, card_filter)
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    for card in cards:
        deck.add_note(note_for(card))
    genanki.Package(deck).write_to_file(str(target))
    out.write(f"wrote {len(cards)} cards to {target} (open it with Anki: File, Import)\n")
    return 0


def note_for(card: Card) -> genanki.Note:
    """The Anki note of one card (its guid comes from the card id: stable across exports)."""
    answer = card.sample_excellent.strip() or card.sample_acceptable.strip()
    fields = [
        html.escape(card.question),
        _MARKDOWN.render(answer) if answer else "<p>(no model answer)</p>",
        concepts_html(card.core_concepts, card.bonus_concepts),
        html.escape(card.id),
        html.escape(card.topic),
        html.escape(card.level),
    ]
    tags = [_tag(card.topic), _tag(card.level), _tag(card.category)]
    return genanki.Note(
        model=_MODEL, fields=fields, tags=[t for t in tags if t], guid=genanki.guid_for(card.id)
    )


def concepts_html(core: tuple[Concept, ...], bonus: tuple[Concept, ...]) -> str:
    """The concepts as two lists: must mention, then nice to have."""
    parts = []
    for heading, concepts in (("Must mention", core), ("Nice to have", bonus)):
        if concepts:
            items = "".join(_concept_item(concept) for concept in concepts)
            parts.append(f"<p><i>{heading}</i></p><ul>{items}</ul>")
    return "".join(parts)


def _concept_item(concept: Concept) -> str:
    text = f"<b>{html.escape(concept.name)}</b>"
    if concept.description:
        text += f": {html.escape(concept.description)}"
    return f"<li>{text}</li>"


def _tag(text: str) -> str:
    return "_".join(text.split())
