"""Every kind of unusable card gives one `path:line: message` error, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cardtext import MINIMAL_CARD
from trainer.core.cards.bank import load_bank
from trainer.core.cards.parser import load_card, parse_card

PATH = Path("bad.md")
CARD = MINIMAL_CARD.encode()


def _without(text: str, start: str, end: str) -> str:
    return text[: text.index(start)] + text[text.index(end) :]


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        (b"", 1, "the file is empty"),
        (b"  \n\n", 1, "the file is empty"),
        (b"---\nid: x\n\x00\x01\x02", 3, "binary data"),
        (CARD.replace(b"Leases In", b"Leases \xff In"), 11, "not UTF-8"),
        (b"# question_title - No front matter\n", 1, "no front matter"),
        (b"---\nid: x\nlevel: L3\n\n# question_title - T\n", 1, "not closed"),
        (CARD.replace(b"level: L4", b"level: [L4"), 4, "bad YAML"),
        (CARD.replace(b"topic: testing", b"topic: !!python/object:os.system ls"), 6, "YAML tag"),
        (CARD.replace(b"topic: testing", b"topic: !custom x"), 6, "YAML tag"),
        (b"---\n- a\n- b\n---\nbody\n", 2, "must be 'key: value'"),
        (CARD.replace(b"id: test-L4-001\n", b""), 2, "no 'id'"),
        (CARD.replace(b"topic: testing", b"topic: [a, b]"), 6, "'topic' must be plain text"),
        (
            _without(MINIMAL_CARD, "## main_question", "## core_concepts").encode(),
            11,
            "no main question",
        ),
        (
            CARD.replace(
                b'"Why do distributed locks need leases, and what goes wrong without fencing?"',
                b'""',
            ),
            13,
            "no main question",
        ),
        (
            _without(MINIMAL_CARD, "- **Lease Expiry**", "### expected_keywords").encode(),
            16,
            "no core concepts",
        ),
    ],
)
def test_unusable_card_gives_one_located_error(raw: bytes, line: int, message: str) -> None:
    loaded = parse_card(raw, PATH)
    assert loaded.card is None
    assert len(loaded.errors) == 1
    [error] = loaded.errors
    assert message in error.message
    assert error.line == line
    assert str(error).startswith(f"bad.md:{line}: ")
    assert "\n" not in str(error)


def test_yaml_python_object_is_never_built(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f"topic: !!python/object/apply:os.system ['touch {marker}']".encode()
    loaded = parse_card(CARD.replace(b"topic: testing", payload), PATH)
    assert loaded.card is None
    assert not marker.exists()


def test_thin_card_warnings() -> None:
    text = _without(MINIMAL_CARD, "## follow_up_excellent", "## bar_raiser_question")
    text = _without(text, "## sample_excellent", "## common_mistakes")
    loaded = parse_card(text.encode(), PATH)
    assert loaded.card is not None
    messages = [w.message for w in loaded.warnings]
    assert "no model answer" in messages
    assert "no acceptable answer" in messages
    assert sum("follow-up" in m for m in messages) == 3


def test_unreadable_path_is_an_error(tmp_path: Path) -> None:
    loaded = load_card(tmp_path / "missing.md")
    assert loaded.card is None
    assert "cannot read" in loaded.errors[0].message


def test_bad_cards_do_not_stop_good_ones(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(MINIMAL_CARD)
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\x00\x00")
    bank = load_bank([tmp_path])
    assert [card.id for card in bank.cards] == ["test-L4-001"]
    assert len(bank.errors) == 2
