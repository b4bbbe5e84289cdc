"""The drill session's bookkeeping: each probe its own reply, what counts as asked, typing
speed without pastes, the time alerts and the overtime rule, and old records still loading."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fsrs import Rating

from tests.conftest import REPO
from trainer.core.cards.budgets import TimeRange
from trainer.core.cards.model import Card, ProbeKind
from trainer.core.cards.parser import load_card
from trainer.core.history.export import attempts_markdown
from trainer.core.practice.overtime import BoundAlerts, rating_after_time
from trainer.core.practice.session import BAR_RAISER, AnswerField, DrillSession
from trainer.core.schedule.scheduler import rating_for
from trainer.core.store.convert import attempt_from_doc, draft_from_doc, to_doc
from trainer.core.store.records import Mode, Phase
from trainer.core.store.rescue import rescue_text

NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
GOOD_ANSWER = (
    "A lease makes a lock expire: a holder that stops renewing loses the lock after a bounded "
    "time. Fencing tokens grow with each grant and the storage checks them."
)


def leases() -> Card:
    card = load_card(REPO / "tests" / "data" / "cards" / "leases.md").card
    assert card is not None
    return card


def discussing(mode: Mode = Mode.SOLO) -> DrillSession:
    session = DrillSession(leases(), "ana", NOW, mode=mode)
    session.start(0.0)
    session.type_text(AnswerField.ANSWER, "Leases expire.")
    session.begin_discussion(60.0)
    return session


def test_each_probe_and_the_bar_raiser_keep_their_own_reply() -> None:
    session = discussing()
    first = session.probes_shown[0]
    session.type_text(AnswerField.FOLLOW_UP, "first reply")
    other = next(p.kind for p in session.card.probes if p.kind is not first)
    session.show_probe(other)
    assert session.answer_next(other.value) == ""
    session.type_text(AnswerField.FOLLOW_UP, "second reply")
    session.show_bar_raiser()
    session.answer_next(BAR_RAISER)
    session.type_text(AnswerField.FOLLOW_UP, "bar-raiser reply")
    assert session.answer_next(first.value) == "first reply"  # back to the first: kept

    session.finish(120.0)
    attempt = session.to_attempt(NOW, 120.0)
    assert [(r.kind, r.answer) for r in attempt.replies] == [
        (first.value, "first reply"),
        (other.value, "second reply"),
        (BAR_RAISER, "bar-raiser reply"),
    ]
    assert attempt.replies[0].question == session.card.probe(first).question  # type: ignore[union-attr]
    assert attempt.follow_up_answer == "first reply"
    assert attempt.bar_raiser_answer == "bar-raiser reply"
    assert "second reply" in session.everything_said()

    resumed = DrillSession.from_draft(session.card, session.to_draft(120.0))
    assert resumed.to_attempt(NOW, 120.0).replies == attempt.replies


def test_solo_records_only_the_probes_replied_to_a_pair_every_one_asked() -> None:
    solo = discussing()
    solo.show_bar_raiser()  # shown, never answered
    assert solo.probes_asked() == ()
    solo.type_text(AnswerField.FOLLOW_UP, "a reply")
    assert solo.probes_asked() == (solo.probes_shown[0].value,)

    pair = discussing(Mode.PAIR)
    pair.show_bar_raiser()
    assert pair.probes_asked() == (pair.probes_shown[0].value, BAR_RAISER)


def test_a_paste_is_not_typing_speed() -> None:
    session = DrillSession(leases(), "ana", NOW)
    session.start(0.0)
    text = ""
    for character in "fencing tokens":  # 14 characters typed one by one
        text += character
        session.type_text(AnswerField.ANSWER, text)
    session.type_text(AnswerField.ANSWER, text + " " + "pasted words " * 40)
    words, per_minute = session.pace(60.0)
    assert words == 82
    assert per_minute == pytest.approx(14 / 5)  # one minute, fourteen typed characters


BUDGET = TimeRange(180, 240)


def test_each_bound_is_announced_once() -> None:
    alerts = BoundAlerts(BUDGET)
    assert alerts.due(100) == []
    [low] = alerts.due(181)
    assert "3:00" in low and "wrap up" in low
    assert alerts.due(200) == []
    [high] = alerts.due(241)
    assert "4:00" in high
    assert alerts.due(900) == []
    assert len(BoundAlerts(BUDGET).due(300)) == 2  # both passed at once: both said, in order
    assert BoundAlerts(BUDGET, elapsed=300).due(400) == []  # a resumed draft: already said


@pytest.mark.parametrize(
    ("rating", "elapsed", "expected", "dropped"),
    [
        (Rating.Good, 240, Rating.Good, False),  # within the budget
        (Rating.Good, 360, Rating.Good, False),  # exactly half again: not more than half
        (Rating.Good, 361, Rating.Hard, True),
        (Rating.Easy, 500, Rating.Good, True),
        (Rating.Hard, 500, Rating.Again, True),
        (Rating.Again, 500, Rating.Again, False),  # nothing lower
    ],
)
def test_a_far_overrun_lowers_the_rating_one_step(
    rating: Rating, elapsed: float, expected: Rating, dropped: bool
) -> None:
    verdict = rating_after_time(rating, elapsed, BUDGET)
    assert (verdict.rating, verdict.dropped) == (expected, dropped)
    explained = verdict.explain(BUDGET)
    assert ("drops one step" in explained) is dropped
    assert (explained == "") is (elapsed <= BUDGET.high)


def test_the_session_suggests_the_lowered_rating() -> None:
    card = leases()
    session = DrillSession(card, "ana", NOW)
    session.start(0.0)
    session.type_text(AnswerField.ANSWER, GOOD_ANSWER)
    session.begin_discussion(1000.0)  # far past the card's answer budget
    session.finish(1010.0)
    on_time = rating_for(session.final_report().final.band)
    assert on_time is not Rating.Again
    assert session.overtime().overrun == pytest.approx(1000 - card.budget.answer.high)
    assert session.suggested_rating().value == on_time.value - 1


def test_old_attempts_and_drafts_load_without_the_new_fields() -> None:
    session = discussing()
    session.type_text(AnswerField.FOLLOW_UP, "reply")
    session.finish(100.0)
    doc = to_doc(session.to_attempt(NOW, 100.0))
    del doc["replies"]
    old = attempt_from_doc(doc)
    assert old.replies == () and old.follow_up_answer == "reply"

    draft_doc = to_doc(session.to_draft(100.0))
    for key in ("other_replies", "reply_to", "cursors", "score_seen"):
        del draft_doc[key]
    draft = draft_from_doc(draft_doc)
    assert (draft.other_replies, draft.reply_to, draft.cursors, draft.score_seen) == (
        {},
        None,
        {},
        False,
    )
    assert draft.phase is Phase.REVIEW


def test_cursors_and_score_seen_survive_a_draft() -> None:
    session = discussing()
    session.cursors = {"answer": (0, 5)}
    session.score_seen = True
    draft = draft_from_doc(to_doc(session.to_draft(70.0)))
    resumed = DrillSession.from_draft(session.card, draft)
    assert resumed.cursors == {"answer": (0, 5)} and resumed.score_seen
    assert draft.probes_shown[0] in ProbeKind


def test_export_pairs_each_reply_with_its_question_old_attempts_too() -> None:
    session = discussing()
    first = session.probes_shown[0]
    session.type_text(AnswerField.FOLLOW_UP, "first reply")
    session.show_bar_raiser()
    session.answer_next(BAR_RAISER)
    session.type_text(AnswerField.FOLLOW_UP, "raised reply")
    session.finish(100.0)
    attempt = session.to_attempt(NOW, 100.0)
    text = attempts_markdown([attempt], "ana")
    assert text.startswith("# trainer export: profile ana, 1 attempt\n")
    question = session.card.probe(first).question  # type: ignore[union-attr]
    assert text.index(question) < text.index("first reply") < text.index("### Bar-raiser")
    assert text.index("### Bar-raiser") < text.index("raised reply")
    assert "bar_raiser" not in text and "- Probes asked: " in text and "bar-raiser" in text

    doc = to_doc(attempt)
    del doc["replies"]  # as saved before replies were kept apart
    old = attempt_from_doc(doc)
    assert [(r.kind, r.answer) for r in old.paired_replies()] == [
        (first.value, "first reply"),
        (BAR_RAISER, "raised reply"),
    ]
    assert "first reply" in attempts_markdown([old], None)


def test_a_pair_keeps_its_one_reply_as_the_follow_ups() -> None:
    pair = discussing(Mode.PAIR)
    pair.show_probe(ProbeKind.DEPTH)
    pair.type_text(AnswerField.FOLLOW_UP, "one reply to both")
    pair.finish(100.0)
    attempt = pair.to_attempt(NOW, 100.0)
    assert attempt.replies == ()
    assert [r.answer for r in attempt.paired_replies()] == ["one reply to both"]


def test_a_rescue_file_keeps_every_reply() -> None:
    session = discussing()
    session.type_text(AnswerField.FOLLOW_UP, "first reply")
    other = next(p.kind for p in session.card.probes if p.kind not in session.probes_shown)
    session.show_probe(other)
    session.answer_next(other.value)
    session.type_text(AnswerField.FOLLOW_UP, "second reply")
    text = rescue_text(session.to_draft(90.0))
    assert "first reply" in text and f"## Follow-up ({other.value})\n\nsecond reply" in text
