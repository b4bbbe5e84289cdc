"""Finishing an attempt is one step to the user: a process killed at any point of it neither
loses the attempt (its draft is still there to resume) nor saves it twice."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import REPO
from trainer.core.cards.parser import load_card
from trainer.core.practice.finish import finish, unfinished_draft
from trainer.core.practice.session import AnswerField, DrillSession
from trainer.core.store.database import Store
from trainer.core.store.drafts import DraftStore

FORK = multiprocessing.get_context("fork")
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
CARD = REPO / "tests" / "data" / "cards" / "leases.md"
TRIALS = int(os.environ.get("TRAINER_FINISH_KILLS", "20"))


def _session() -> DrillSession:
    card = load_card(CARD).card
    assert card is not None
    session = DrillSession(card, "ana", NOW)
    session.type_text(AnswerField.ANSWER, "The lease expires; fencing tokens grow per grant.")
    session.finish(10.0)
    return session


def _finish_in_child(main: Path, session: DrillSession, die_at: str) -> None:
    """Save the draft, then finish; `die_at` names the step at which the process dies."""
    store = Store.open(main)
    drafts = DraftStore(store.paths.drafts)
    drafts.save(session.to_draft(10.0))
    if die_at == "before-save":
        os._exit(9)
    if die_at == "after-save":
        original = drafts.discard

        def die(key: str) -> None:
            os._exit(9)

        drafts.discard = die  # type: ignore[method-assign, assignment]
        assert original is not None
    finish(session, store, drafts, NOW, 10.0)
    os._exit(0)


def _resume_and_finish(main: Path) -> tuple[int, bool]:
    """What the next start does: offer the unfinished draft, and finish it if offered."""
    store = Store.open(main)
    drafts = DraftStore(store.paths.drafts)
    draft = unfinished_draft(store, drafts, "ana")
    if draft is not None:
        card = load_card(CARD).card
        assert card is not None
        finish(DrillSession.from_draft(card, draft), store, drafts, NOW, 10.0)
    return len(store.attempts("ana")), draft is not None


@pytest.mark.parametrize(
    ("die_at", "offered"),
    [("before-save", True), ("after-save", False), ("never", False)],
)
def test_a_kill_between_the_steps_of_finishing(tmp_path: Path, die_at: str, offered: bool) -> None:
    main = tmp_path / "trainer.json"
    Store.open(main)
    child = FORK.Process(target=_finish_in_child, args=(main, _session(), die_at))
    child.start()
    child.join(30)
    assert child.exitcode == (0 if die_at == "never" else 9)
    attempts, was_offered = _resume_and_finish(main)
    assert attempts == 1  # never lost, never twice
    assert was_offered is offered  # a draft of a saved attempt is retired, not offered
    assert _resume_and_finish(main) == (1, False)


def _finish_forever(main: Path, pipe: object) -> None:
    store = Store.open(main, lock_timeout=30)
    drafts = DraftStore(store.paths.drafts)
    while True:
        session = _session()
        drafts.save(session.to_draft(10.0))
        pipe.send(("drafted", session.attempt_id))  # type: ignore[attr-defined]
        finish(session, store, drafts, NOW, 10.0)
        pipe.send(("saved", session.attempt_id))  # type: ignore[attr-defined]


def test_sigkill_at_random_moments_of_finishing(tmp_path: Path) -> None:
    """Random SIGKILLs while attempts are drafted and finished: afterwards every attempt that
    was drafted is stored exactly once once the next start has resumed what it offers."""
    main = tmp_path / "trainer.json"
    Store.open(main)
    rng = random.Random(7)
    drafted: set[str] = set()
    for _ in range(TRIALS):
        receiver, sender = FORK.Pipe(duplex=False)
        child = FORK.Process(target=_finish_forever, args=(main, sender))
        child.start()
        sender.close()
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join()
        while receiver.poll():
            try:
                event, attempt_id = receiver.recv()
            except EOFError:
                break
            if event == "drafted":
                drafted.add(attempt_id)
        store = Store.open(main)
        drafts = DraftStore(store.paths.drafts)
        draft = unfinished_draft(store, drafts, "ana")
        if draft is not None:
            card = load_card(CARD).card
            assert card is not None
            drafted.add(draft.attempt_id)
            finish(DrillSession.from_draft(card, draft), store, drafts, NOW, 10.0)
    ids = [attempt.id for attempt in Store.open(main).attempts("ana")]
    assert len(ids) == len(set(ids))  # none saved twice
    assert drafted <= set(ids)  # none lost
