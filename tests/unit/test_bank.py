"""Discovery, duplicate ids, filters, where the bank comes from, and the public corpus."""

from __future__ import annotations

from pathlib import Path

from tests.cardtext import MINIMAL_CARD
from trainer.core.cards.bank import CardFilter, bank_roots, discover, load_bank, select


def write_card(path: Path, card_id: str, **fields: str) -> Path:
    text = MINIMAL_CARD.replace("id: test-L4-001", f"id: {card_id}")
    for key, value in fields.items():
        old = next(line for line in text.split("\n") if line.startswith(f"{key}:"))
        text = text.replace(old, f"{key}: {value}", 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_discovery_skips_documents_and_hidden_dirs_in_stable_order(tmp_path: Path) -> None:
    write_card(tmp_path / "b" / "two.md", "two")
    write_card(tmp_path / "a" / "one.md", "one")
    (tmp_path / "README.md").write_text("# about")
    (tmp_path / "a" / "GUIDELINES.md").write_text("# rubric")
    write_card(tmp_path / ".git" / "x.md", "hidden")
    (tmp_path / "notes.txt").write_text("not a card")
    paths, problems = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["a/one.md", "b/two.md"]
    assert problems == []


def test_several_roots_and_duplicate_ids_name_both_paths(tmp_path: Path) -> None:
    first = write_card(tmp_path / "one" / "card.md", "same-id")
    second = write_card(tmp_path / "two" / "card.md", "same-id")
    write_card(tmp_path / "two" / "other.md", "other-id")
    bank = load_bank([tmp_path / "one", tmp_path / "two"])
    assert [card.id for card in bank.cards] == ["same-id", "other-id"]
    [problem] = bank.errors
    assert str(second) in str(problem) and str(first) in str(problem)
    assert "duplicate id 'same-id'" in problem.message


def test_missing_root_is_reported(tmp_path: Path) -> None:
    bank = load_bank([tmp_path / "nope"])
    assert bank.cards == ()
    assert "no such file or directory" in bank.errors[0].message


def test_filters(tmp_path: Path) -> None:
    write_card(tmp_path / "a.md", "a", topic="raft", level="L3")
    write_card(tmp_path / "b.md", "b", topic="raft", level="L5", category="bar-raiser")
    write_card(tmp_path / "c.md", "c", topic="caching", level="L5")
    cards = load_bank([tmp_path]).cards

    def ids(**kwargs: str) -> list[str]:
        return [card.id for card in select(cards, CardFilter(**kwargs))]

    assert ids() == ["a", "b", "c"]
    assert ids(topic="RAFT") == ["a", "b"]
    assert ids(level="l5") == ["b", "c"]
    assert ids(category="bar-raiser") == ["b"]
    assert ids(text="fencing leases") == ["a", "b", "c"]
    assert ids(text="caching") == ["c"]
    assert ids(text="quorum") == []  # the rubric is not searched, only what names the card


def test_bank_roots_precedence(tmp_path: Path) -> None:
    bundled = tmp_path / "bundled"
    assert bank_roots([], None, bundled, ":") == [bundled]
    assert bank_roots([], "/x:/y", bundled, ":") == [Path("/x"), Path("/y")]
    assert bank_roots(["/z"], "/x", bundled, ":") == [Path("/z")]
    assert bank_roots(["bundled", "/z"], None, bundled, ":") == [bundled, Path("/z")]


def test_public_corpus_loads_without_errors(corpus_dir: Path) -> None:
    bank = load_bank([corpus_dir])
    assert bank.errors == ()
    assert len(bank.cards) == 85
    assert all(card.core_concepts and card.question for card in bank.cards)
    assert all(len(card.probes) == 3 for card in bank.cards)
    assert all(not card.budget.derived for card in bank.cards)
