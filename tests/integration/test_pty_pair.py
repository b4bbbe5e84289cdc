"""A typed pair interview in the real `trainer` command: the interviewer's notes stay notes,
and a swap gives the new candidate a card whose rubric they have not seen."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_pty import CARDS, Terminal
from trainer.core.store.database import Store

NOTES = "Missed fencing tokens and clock drift."


def test_pair_interview_keeps_notes_out_of_the_candidates_answer(tmp_path: Path) -> None:
    db = tmp_path / "t.json"
    terminal = Terminal(
        "--bank", str(CARDS), "--db", str(db),
        "pair", "--interviewer", "ivy", "--candidate", "cal", "--card", "test-L4-001",
    )  # fmt: skip
    try:
        terminal.wait_for("Pass the keyboard to cal (candidate)")
        terminal.child.send("\r")
        terminal.wait_for("Why do distributed locks need leases")
        terminal.child.send("The lease expires.")
        terminal.wait_for("The lease expires.")
        terminal.child.sendcontrol("g")
        terminal.wait_for("Pass the keyboard to ivy (interviewer)")
        terminal.child.send("\r")
        terminal.wait_for("Notes")
        terminal.child.send("\t")  # from the checklist to the notes
        terminal.wait_for("▶ typing here")
        terminal.child.send(NOTES)
        terminal.wait_for(NOTES[:20])
        terminal.child.sendcontrol("n")  # the discussion
        terminal.wait_for("End interview")
        terminal.child.sendcontrol("n")  # and its end
        terminal.wait_for("to rate your own answer")
        terminal.child.send("\r")
        terminal.wait_for("Before anything is revealed")
        terminal.child.sendcontrol("s")
        terminal.wait_for("both of you: the verdicts")
        terminal.child.send("\r")
        terminal.wait_for("confirm the checklist")
        terminal.child.sendcontrol("s")
        terminal.wait_for("Saved on cal's history")
        terminal.child.send("w")  # swap: ivy answers a card whose rubric she has not seen
        terminal.wait_for("Roles swapped. Next, ivy answers 'Ordering Events Without Clocks'")
        terminal.wait_for("Pass the keyboard to ivy (candidate)")
        terminal.child.send("\r")
        terminal.wait_for("▶ typing here")
        terminal.child.send("Lamport clocks order events.")
        terminal.wait_for("Lamport clocks order events.")
        terminal.quit_cleanly()
    finally:
        terminal.child.close(force=True)
    [attempt] = Store.open(db).attempts("cal")
    assert attempt.answer == "The lease expires."
    assert attempt.follow_up_answer == ""
    assert attempt.notes == NOTES
    assert "Fencing Tokens" not in attempt.automatic_covered
