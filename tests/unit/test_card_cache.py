"""The parsed-card cache: hits, invalidation, damaged or foreign files, unwritable folders."""

from __future__ import annotations

import copy
import dataclasses
import io
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cardtext import MINIMAL_CARD
from trainer.commands.bank_commands import reading_progress
from trainer.core.cards import cache as cache_module
from trainer.core.cards.bank import BankInBackground, load_bank
from trainer.core.cards.cache import CachedCard, CardCache
from trainer.core.cards.model import Card, Severity
from trainer.core.cards.parser import CardLoad, load_card

OLD = time.time_ns() - 3_600 * 10**9  # an hour ago: settled, so cached


def write_card(path: Path, card_id: str, text: str = MINIMAL_CARD) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace("id: test-L4-001", f"id: {card_id}"), encoding="utf-8")
    os.utime(path, ns=(OLD, OLD))
    return path


class CountingParser:
    """`load_card`, counting the files it was asked to parse."""

    def __init__(self) -> None:
        self.parsed: list[Path] = []

    def __call__(self, path: Path) -> CardLoad:
        self.parsed.append(path)
        return load_card(path)


@pytest.fixture
def parser(monkeypatch: pytest.MonkeyPatch) -> CountingParser:
    counting = CountingParser()
    monkeypatch.setattr("trainer.core.cards.bank._parse", counting)
    return counting


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    for number in range(3):
        write_card(tmp_path / "bank" / f"card-{number}.md", f"card-{number}")
    return tmp_path / "bank"


@pytest.fixture
def cache(tmp_path: Path) -> CardCache:
    return CardCache(tmp_path / "cache")


def test_second_load_parses_nothing_and_gives_equal_cards(
    bank_dir: Path, cache: CardCache, parser: CountingParser
) -> None:
    first = load_bank([bank_dir], cache)
    assert len(parser.parsed) == 3
    parser.parsed.clear()
    second = load_bank([bank_dir], cache)
    assert parser.parsed == []
    assert all(isinstance(card, CachedCard) for card in second.cards)
    assert [card.id for card in second.cards] == [card.id for card in first.cards]
    for cached, parsed in zip(second.cards, first.cards, strict=True):
        assert cached == parsed and parsed == cached
        assert hash(cached) == hash(parsed)
        assert cached.core_concepts == parsed.core_concepts  # the rubric, decoded on use
        assert cached.probes == parsed.probes and cached.budget == parsed.budget


def test_cached_card_copies_replaces_and_pickles_as_a_card(
    bank_dir: Path, cache: CardCache
) -> None:
    load_bank([bank_dir], cache)
    [card, *_] = load_bank([bank_dir], cache).cards
    assert isinstance(card, CachedCard)
    changed = dataclasses.replace(card, title="Another title")
    assert changed.title == "Another title" and changed.core_concepts == card.core_concepts
    unpickled = pickle.loads(pickle.dumps(card))
    assert type(unpickled) is Card and unpickled == card
    assert copy.deepcopy(card) == card


def test_changed_size_or_time_reparses_that_card_only(
    bank_dir: Path, cache: CardCache, parser: CountingParser
) -> None:
    load_bank([bank_dir], cache)
    grown = bank_dir / "card-1.md"
    grown.write_text(grown.read_text().replace("Leases In", "Now Leases In"), encoding="utf-8")
    os.utime(grown, ns=(OLD, OLD))
    touched = bank_dir / "card-2.md"
    os.utime(touched, ns=(OLD + 10**9, OLD + 10**9))  # same size, new time
    parser.parsed.clear()
    bank = load_bank([bank_dir], cache)
    assert sorted(parser.parsed) == [grown, touched]
    assert bank.by_id("card-1") is not None
    assert bank.by_id("card-1").title.startswith("Now Leases")  # type: ignore[union-attr]
    parser.parsed.clear()
    load_bank([bank_dir], cache)
    assert parser.parsed == []


def test_a_new_parser_version_invalidates_the_whole_cache(
    bank_dir: Path, cache: CardCache, parser: CountingParser, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_bank([bank_dir], cache)
    parser.parsed.clear()
    monkeypatch.setattr(cache_module, "parser_fingerprint", lambda: "another parser")
    load_bank([bank_dir], cache)
    assert len(parser.parsed) == 3


def test_fingerprint_follows_the_parser_source() -> None:
    fingerprint = cache_module.parser_fingerprint()
    assert len(fingerprint) == 32 and fingerprint == cache_module.parser_fingerprint()


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: b"\x00garbage" + data,  # garbled
        lambda data: b'{"format": 1, "entries": "not a list"}',  # foreign layout
        lambda data: b"",  # empty
    ],
)
def test_a_damaged_cache_file_is_rebuilt_never_trusted(
    bank_dir: Path, cache: CardCache, parser: CountingParser, damage: object
) -> None:
    load_bank([bank_dir], cache)
    cache_file = cache.file_for([bank_dir])
    assert callable(damage)
    cache_file.write_bytes(damage(cache_file.read_bytes()))
    parser.parsed.clear()
    bank = load_bank([bank_dir], cache)
    assert len(parser.parsed) == 3 and len(bank.cards) == 3 and not bank.problems
    parser.parsed.clear()
    load_bank([bank_dir], cache)
    assert parser.parsed == []  # rebuilt


def test_an_entry_whose_card_does_not_match_its_summary_is_parsed_again(
    bank_dir: Path, cache: CardCache
) -> None:
    load_bank([bank_dir], cache)
    cache_file = cache.file_for([bank_dir])
    data = cache_file.read_bytes()
    assert data.count(b'card-0.md","id":"card-0"') == 1
    # The whole card of card-0 now names card-9: its summary and its card disagree.
    cache_file.write_bytes(data.replace(b'card-0.md","id":"card-0"', b'card-0.md","id":"card-9"'))
    card = load_bank([bank_dir], cache).by_id("card-0")
    assert card is not None and card.id == "card-0"
    assert card.core_concepts  # decoded: from the file, since the cache's copy was wrong


def test_an_unwritable_cache_folder_only_means_slower(
    bank_dir: Path, tmp_path: Path, parser: CountingParser
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    cache = CardCache(blocked / "cards")
    for _ in range(2):
        bank = load_bank([bank_dir], cache)
        assert len(bank.cards) == 3 and not bank.problems
    assert len(parser.parsed) == 6


def test_a_card_with_errors_is_cached_with_its_problems(
    tmp_path: Path, cache: CardCache, parser: CountingParser
) -> None:
    bank_dir = tmp_path / "bank"
    write_card(bank_dir / "good.md", "good")
    write_card(bank_dir / "bad.md", "bad", text="---\nid: [unclosed\n---\n# nothing\n")
    warned = MINIMAL_CARD.replace("Leases In", "\x1b[31mLeases In", 1)
    write_card(bank_dir / "warned.md", "warned", text=warned)
    first = load_bank([bank_dir], cache)
    parser.parsed.clear()
    second = load_bank([bank_dir], cache)
    assert parser.parsed == []
    assert second.problems == first.problems
    assert [p.severity for p in second.problems] == [p.severity for p in first.problems]
    assert any(p.severity is Severity.ERROR for p in second.problems)
    assert [card.id for card in second.cards] == [card.id for card in first.cards]


def test_a_card_changed_within_the_last_seconds_is_not_cached_yet(
    bank_dir: Path, cache: CardCache, parser: CountingParser
) -> None:
    fresh = bank_dir / "card-0.md"
    os.utime(fresh)  # now: a second change in the same timestamp tick would go unseen
    load_bank([bank_dir], cache)
    parser.parsed.clear()
    load_bank([bank_dir], cache)
    assert parser.parsed == [fresh]


def test_a_removed_card_leaves_the_cache(
    bank_dir: Path, cache: CardCache, parser: CountingParser
) -> None:
    load_bank([bank_dir], cache)
    (bank_dir / "card-0.md").unlink()
    assert [card.id for card in load_bank([bank_dir], cache).cards] == ["card-1", "card-2"]
    assert b"card-0" not in cache.file_for([bank_dir]).read_bytes()


def test_the_write_is_atomic_and_leaves_no_temporary(bank_dir: Path, cache: CardCache) -> None:
    load_bank([bank_dir], cache)
    (bank_dir / "card-0.md").unlink()
    load_bank([bank_dir], cache)
    assert [p.name for p in cache.folder.iterdir()] == [cache.file_for([bank_dir]).name]


def test_the_user_cache_is_under_xdg_cache_home_in_tests() -> None:
    folder = CardCache.in_user_cache().folder
    assert Path(os.environ["XDG_CACHE_HOME"]) in folder.parents


def test_a_bank_read_in_the_background_forwards_its_progress(bank_dir: Path) -> None:
    reported: list[tuple[int, int]] = []
    background = BankInBackground([bank_dir])
    bank = background(lambda done, total: reported.append((done, total)))
    assert background.ready() and [card.id for card in bank.cards] == [
        "card-0",
        "card-1",
        "card-2",
    ]
    assert reported[-1] == (3, 3)  # parsed (the first read of this folder): progress shown
    assert BankInBackground([bank_dir])(None).by_id("card-1") is not None  # from the cache


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_commands_count_the_cards_parsed_on_a_terminal_only() -> None:
    assert reading_progress(io.StringIO()) is None  # a pipe or a file: nothing
    terminal = FakeTerminal()
    report = reading_progress(terminal)
    assert report is not None
    for done in range(1, 121):
        report(done, 120)
    shown = terminal.getvalue()
    assert "cards into the cache: 50" in shown and "cards into the cache: 100" in shown
    assert "cards into the cache: 51" not in shown  # every 50 cards, not every card
    assert shown.endswith("cards into the cache: 120\r\x1b[K")  # erased at the end


def test_a_reader_never_sees_a_half_written_cache_file(bank_dir: Path, tmp_path: Path) -> None:
    """One process rewrites the cache over and over while another reads it: each write goes
    to a temporary file renamed over the cache, so every read finds one whole file (a write
    in place would be seen truncated, and the reader would parse every card again)."""
    folder = tmp_path / "shared-cache"
    load_bank([bank_dir], CardCache(folder))
    setup = (
        "import sys; from pathlib import Path\n"
        "from trainer.core.cards.cache import CardCache, parser_fingerprint, _FILE_DECODER\n"
        "cache = CardCache(Path(sys.argv[1])); target = cache.file_for([Path(sys.argv[2])])\n"
    )
    writer = setup + (
        "content = _FILE_DECODER.decode(target.read_bytes())\n"
        "for _ in range(300):\n"
        "    cache._write(target, content)\n"
    )
    reader = setup + (
        "for _ in range(300):\n    assert len(cache._read(target, parser_fingerprint())) == 3\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", code, str(folder), str(bank_dir)])
        for code in (writer, reader)
    ]
    assert [process.wait(timeout=120) for process in processes] == [0, 0]
    assert [p.name for p in folder.iterdir()] == [CardCache(folder).file_for([bank_dir]).name]
