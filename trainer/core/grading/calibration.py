"""Calibration: how well a candidate judges their own answer, against the final verdict."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trainer.core.grading.scoring import Band


@dataclass(frozen=True)
class Calibration:
    """The candidate's view beside the verdict: band gap and concepts judged differently."""

    self_band: Band | None
    final_band: Band
    claimed_but_missed: tuple[str, ...]  # the candidate thought covered; the verdict says not
    covered_but_unclaimed: tuple[str, ...]  # covered, though the candidate did not think so

    @property
    def band_gap(self) -> int | None:
        """Positive when the candidate rated themselves higher than the verdict."""
        return None if self.self_band is None else self.self_band.rank - self.final_band.rank

    @property
    def agreement(self) -> str:
        gap = self.band_gap
        if gap is None:
            return "no self-assessment"
        if gap == 0:
            return "spot on"
        bands = "band" if abs(gap) == 1 else "bands"
        return f"{abs(gap)} {bands} {'too high' if gap > 0 else 'too low'}"

    def summary(self) -> str:
        """One line for history and exports."""
        parts = [self.agreement]
        if self.claimed_but_missed:
            parts.append(f"{len(self.claimed_but_missed)} concepts claimed but missed")
        if self.covered_but_unclaimed:
            parts.append(f"{len(self.covered_but_unclaimed)} covered but not claimed")
        return "; ".join(parts)


def calibrate(
    self_band: Band | None,
    self_covered: Iterable[str] | None,
    final_band: Band,
    final_covered: Iterable[str],
    concept_order: Iterable[str],
) -> Calibration:
    """Compare the self-assessment with the verdict (concepts listed in card order)."""
    order = list(concept_order)
    final = set(final_covered)
    claimed = set(self_covered) if self_covered is not None else set(final)
    return Calibration(
        self_band=self_band,
        final_band=final_band,
        claimed_but_missed=tuple(name for name in order if name in claimed - final),
        covered_but_unclaimed=tuple(name for name in order if name in final - claimed),
    )
