"""Processes killed mid-write and two processes writing at once never lose a saved attempt."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from pathlib import Path

from fsrs import Rating

from trainer.core.grading.scoring import Band
from trainer.core.practice.autosave import AutosaveThrottle
from trainer.core.store.database import Store
from trainer.core.store.drafts import Draft, DraftStore
from trainer.core.store.paths import StorePaths
from trainer.core.store.records import Attempt, Phase

KILLS = int(os.environ.get("TRAINER_KILLS", "50"))
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
FORK = multiprocessing.get_context("fork")


def _attempt(number: int, worker: str) -> Attempt:
    return Attempt(
        profile=worker,
        card_id=f"card-{number % 11}",
        card_hash="h",
        started=NOW,
        ended=NOW + timedelta(minutes=9),
        answer=f"answer {number} " + "words " * 300,
        score=70.0,
        band=Band.GOOD,
        id=f"{worker}-{number:05d}",
    )


def _save_forever(main: Path, worker: str, start: int, pipe: Connection) -> None:
    store = Store.open(main, lock_timeout=30)
    number = start
    while True:
        store.save_attempt(_attempt(number, worker), Rating.Hard, NOW)
        pipe.send(number)
        number += 1


def test_sigkill_during_saves_never_loses_a_returned_save(tmp_path: Path) -> None:
    main = tmp_path / "trainer.json"
    Store.open(main)
    returned: list[int] = []
    rng = random.Random(1234)
    for kill in range(KILLS):
        receiver, sender = FORK.Pipe(duplex=False)
        child = FORK.Process(target=_save_forever, args=(main, "w", kill * 10_000, sender))
        child.start()
        sender.close()
        time.sleep(rng.uniform(0.0, 0.25))
        assert child.pid is not None  # set once started
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        while receiver.poll():
            try:
                returned.append(receiver.recv())
            except EOFError:
                break
        receiver.close()
        store = Store.open(main)  # always opens: never corrupt, interrupted saves repaired
        saved = {s.id for s in store.summaries()}
        missing = [n for n in returned if f"w-{n:05d}" not in saved]
        assert missing == []
    assert len(returned) >= KILLS  # the children did get work done between kills
    full = {a.id for a in Store.open(main).attempts()}
    assert all(f"w-{n:05d}" in full for n in returned)


def _save_count(main: Path, worker: str, count: int) -> None:
    store = Store.open(main, lock_timeout=30)
    for number in range(count):
        store.save_attempt(_attempt(number, worker), Rating.Good, NOW)


def test_two_processes_saving_at_once_keep_every_attempt(tmp_path: Path) -> None:
    main = tmp_path / "trainer.json"
    Store.open(main)
    workers = [FORK.Process(target=_save_count, args=(main, name, 25)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    store = Store.open(main)
    assert len(store.summaries("a")) == 25 and len(store.summaries("b")) == 25
    assert len(store.schedule("a")) == 11 and len(store.schedule("b")) == 11


def _hold_lock(main: Path, seconds: float, ready: Event) -> None:
    store = Store(StorePaths(main))
    with store._locked():
        ready.set()
        time.sleep(seconds)


def test_second_process_waits_briefly_for_the_lock(tmp_path: Path) -> None:
    main = tmp_path / "trainer.json"
    Store.open(main)
    ready = FORK.Event()
    holder = FORK.Process(target=_hold_lock, args=(main, 0.6, ready))
    holder.start()
    assert ready.wait(10)
    started = time.monotonic()
    Store.open(main, lock_timeout=5).save_attempt(_attempt(1, "x"), None, NOW)
    assert time.monotonic() - started >= 0.3  # it waited for the other writer
    holder.join()


DRILL = "drill-of-ana"


def _type_forever(folder: Path, pipe: Connection) -> None:
    """Type one character every 0.15 s of fake time, autosaving as the app does."""
    drafts = DraftStore(folder)
    throttle = AutosaveThrottle()
    text = ""
    fake_now = 0.0
    while True:
        text += "abcdefghij"[len(text) % 10]
        fake_now += 0.15
        throttle.changed(fake_now)
        if throttle.due(fake_now):
            drafts.save(
                Draft(
                    "ana",
                    "card",
                    NOW,
                    attempt_id=DRILL,
                    answer=text,
                    seconds_used={Phase.ANSWER: fake_now},
                )
            )
            throttle.saved()
        pipe.send((len(text), fake_now))
        time.sleep(0.0005)


def test_killed_while_typing_loses_at_most_the_autosave_interval(tmp_path: Path) -> None:
    rng = random.Random(99)
    for _ in range(10):
        DraftStore(tmp_path).discard(DRILL)
        receiver, sender = FORK.Pipe(duplex=False)
        child = FORK.Process(target=_type_forever, args=(tmp_path, sender))
        child.start()
        sender.close()
        time.sleep(rng.uniform(0.05, 0.4))
        assert child.pid is not None  # set once started
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        typed: list[tuple[int, float]] = []
        while receiver.poll():
            try:
                typed.append(receiver.recv())
            except EOFError:
                break
        receiver.close()
        draft = DraftStore(tmp_path).load("ana")  # loads cleanly whenever the kill came
        if not typed:
            continue
        last_length, last_time = typed[-1]
        saved_time = draft.seconds_used[Phase.ANSWER] if draft else 0.0
        assert last_time - saved_time <= 10.0 + 0.15  # at most the autosave interval lost
        if draft is not None:
            assert draft.answer == ("abcdefghij" * 1000)[: len(draft.answer)]
            assert len(draft.answer) <= last_length + 1
