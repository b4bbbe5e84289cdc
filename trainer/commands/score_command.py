"""`trainer score`: score one answer against a card, as a report or as JSON."""

from __future__ import annotations

import json
from typing import TextIO

from trainer.core.cards.limits import MAX_ANALYSED_CHARACTERS
from trainer.core.cards.model import Card
from trainer.core.grading.evidence import caveat, evidence_record
from trainer.core.grading.matching import Tier
from trainer.core.grading.scoring import Scorer, ScoreReport, split_line
from trainer.core.terminal_text import visible


def score_answer(card: Card, answer: str, as_json: bool, out: TextIO) -> int:
    """Print the score of `answer` (already checked to be non-empty)."""
    report = Scorer(card).score(answer)  # reads at most MAX_ANALYSED_CHARACTERS of it
    if as_json:
        record = report_record(card, report)
        record["analysed_characters"] = min(len(answer), MAX_ANALYSED_CHARACTERS)
        # ASCII JSON: exact (escapes round-trip) and nothing a terminal acts on.
        json.dump(record, out, indent=2, ensure_ascii=True)
        out.write("\n")
    else:
        out.write(visible(format_report(card, report)))
        if len(answer) > MAX_ANALYSED_CHARACTERS:
            out.write(
                f"(only the first {MAX_ANALYSED_CHARACTERS:,} of {len(answer):,} characters "
                "were scored: the limit for one answer)\n"
            )
    return 0


def report_record(card: Card, report: ScoreReport) -> dict[str, object]:
    """The JSON shape of a score (documented in the README)."""
    follow_up = report.follow_up
    return {
        "card_id": card.id,
        "score": report.final.score,
        "band": report.final.band.value,
        "core": {
            "covered": report.names(Tier.CORE, True),
            "missed": report.names(Tier.CORE, False),
        },
        "bonus": {
            "covered": report.names(Tier.BONUS, True),
            "missed": report.names(Tier.BONUS, False),
        },
        "keywords": [
            {
                "keyword": hit.keyword,
                "tier": hit.tier.value,
                "group": hit.group,
                "start": hit.start,
                "end": hit.end,
                "text": hit.text,
                "exact": hit.exact,
            }
            for hit in report.keywords
        ],
        "follow_up": {
            "kind": report.follow_up_kind.value,
            "question": follow_up.question if follow_up else "",
        },
        "evidence": {
            name: evidence_record(evidence) for name, evidence in report.evidence().items()
        },
        "caveat": caveat(),
        "core_points": round(report.final.core_points, 1),
        "bonus_points": round(report.final.bonus_points, 1),
        "words": report.words,
        "list_like": report.prose_limited,
    }


def format_report(card: Card, report: ScoreReport) -> str:
    """A plain-text report: score, band, concepts, keywords, and the follow-up to ask (as the
    card wrote them: `visible` before printing)."""
    final = report.final
    lines = [
        f"{card.title} ({card.id}, {card.level} {card.category})",
        f"Score {final.score:g}/100: {final.band.label}",
        f"  {split_line(final, final.band)}",
        f"  ({caveat()})",
    ]
    if report.prose_limited:
        lines.append("  (fewer than two sentences of prose: needs improvement at best)")
    for tier, heading in ((Tier.CORE, "Core concepts"), (Tier.BONUS, "Bonus concepts")):
        lines.append(heading)
        for concept in report.concepts:
            if concept.tier is tier:
                mark = "[x] covered" if concept.covered else "[ ] missed "
                cues = f"  ({', '.join(concept.evidence.cues)})" if concept.evidence else ""
                lines.append(f"  {mark}  {concept.name}{cues}")
    found = sorted({hit.keyword for hit in report.keywords}, key=str.lower)
    lines.append(f"Keywords found ({len(found)}): {', '.join(found) if found else 'none'}")
    if report.follow_up:
        lines.append(f"Next, the {report.follow_up_kind.value} probe: {report.follow_up.question}")
    return "\n".join(lines) + "\n"
