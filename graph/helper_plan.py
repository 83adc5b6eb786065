"""The helper plan: pair residents in need with suitable helpers, as many as possible, then the best fit.

Pure: no database. The residents without a current helper and the candidate helpers with spare
capacity come from one read (`graph.planning.helper_plan`); this module scores each possible pair and
solves the assignment exactly with SciPy's `linear_sum_assignment`, each helper replicated once per
free place under the load limit. Helpers serve residents of their own community only, so each
community is solved on its own.

The objective is lexicographic: first the number of residents covered, then the needs met by the
helper's skills, then proximity (same building, grid, compound, community). It is folded into one
weight per pair with each level weighted above everything the levels below it can add up to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np


class Proximity(IntEnum):
    """How close a helper lives to a resident; higher is closer."""

    COMMUNITY = 1
    COMPOUND = 2
    GRID = 3
    BUILDING = 4


PROXIMITY_REASON = {
    Proximity.BUILDING: "same building",
    Proximity.GRID: "same grid",
    Proximity.COMPOUND: "same compound",
    Proximity.COMMUNITY: "same community",
}
NO_HELPER = "no one in the community with a skill meeting these needs has room under the load limit"
ALL_TAKEN = "the suitable helpers' places all go to other residents in this plan"
NO_HOME = "no home building recorded, so no helper nearby can be found"


@dataclass(frozen=True)
class Home:
    building: str | None
    grid: str | None
    compound: str | None
    community: str | None


@dataclass(frozen=True)
class Resident:
    id: str
    needs: tuple[str, ...]
    home: Home


@dataclass(frozen=True)
class Helper:
    id: str
    skills: tuple[str, ...]
    spare: int  # places left under the load limit
    home: Home


@dataclass(frozen=True)
class Fit:
    """Why a helper suits a resident: the needs their skills meet, with which skills, and how near."""

    needs_met: tuple[str, ...]
    skills: tuple[str, ...]
    needs: int
    proximity: Proximity

    @property
    def score(self) -> float:
        """0..1: mostly the share of needs met, then closeness."""
        return round(0.8 * len(self.needs_met) / self.needs + 0.2 * self.proximity / Proximity.BUILDING, 4)

    @property
    def reasons(self) -> tuple[str, ...]:
        met = f"meets {len(self.needs_met)} of {self.needs} needs with {', '.join(self.skills)}"
        return met, PROXIMITY_REASON[self.proximity]


@dataclass(frozen=True)
class Pairing:
    helper: str
    resident: str
    fit: Fit


@dataclass(frozen=True)
class Unmatched:
    resident: str
    reason: str


@dataclass(frozen=True)
class Plan:
    pairs: tuple[Pairing, ...]
    unmatched: tuple[Unmatched, ...]


def proximity(a: Home, b: Home) -> Proximity | None:
    """How near two homes are, or None when they are not in the same community."""
    if a.community is None or a.community != b.community:
        return None
    if a.building is not None and a.building == b.building:
        return Proximity.BUILDING
    if a.grid is not None and a.grid == b.grid:
        return Proximity.GRID
    if a.compound is not None and a.compound == b.compound:
        return Proximity.COMPOUND
    return Proximity.COMMUNITY


def fit(resident: Resident, helper: Helper, skills_for_needs: Mapping[str, Sequence[str]]) -> Fit | None:
    """How well a helper suits a resident, or None when they do not (no skill meets a need, too far)."""
    if helper.id == resident.id:
        return None
    near = proximity(resident.home, helper.home)
    if near is None:
        return None
    met = tuple(n for n in resident.needs if set(skills_for_needs.get(n, ())) & set(helper.skills))
    if not met:
        return None
    wanted = {s for n in resident.needs for s in skills_for_needs.get(n, ())}
    skills = tuple(sorted(wanted & set(helper.skills)))
    return Fit(needs_met=met, skills=skills, needs=len(resident.needs), proximity=near)


def solve(
    residents: Sequence[Resident], helpers: Sequence[Helper], skills_for_needs: Mapping[str, Sequence[str]]
) -> Plan:
    """The best assignment: most residents covered, then most needs met, then nearest."""
    by_community: dict[str | None, tuple[list[Resident], list[Helper]]] = defaultdict(lambda: ([], []))
    for resident in residents:
        by_community[resident.home.community][0].append(resident)
    for helper in helpers:
        if helper.spare > 0 and helper.home.community is not None:
            by_community[helper.home.community][1].append(helper)
    pairs: list[Pairing] = []
    unmatched: list[Unmatched] = []
    for community in sorted(by_community, key=lambda c: c or ""):
        found, left = _solve_community(*by_community[community], skills_for_needs)
        pairs.extend(found)
        unmatched.extend(left)
    return Plan(
        pairs=tuple(sorted(pairs, key=lambda p: p.resident)),
        unmatched=tuple(sorted(unmatched, key=lambda u: u.resident)),
    )


def _solve_community(
    residents: list[Resident], helpers: list[Helper], skills_for_needs: Mapping[str, Sequence[str]]
) -> tuple[list[Pairing], list[Unmatched]]:
    residents = sorted(residents, key=lambda r: r.id)
    helpers = sorted(helpers, key=lambda h: h.id)
    fits = {
        (i, j): f
        for i, resident in enumerate(residents)
        for j, helper in enumerate(helpers)
        if (f := fit(resident, helper, skills_for_needs)) is not None
    }
    # One column per free place, but never more places for a helper than residents they suit.
    suited: dict[int, int] = defaultdict(int)
    for _, j in fits:
        suited[j] += 1
    slots = [j for j, helper in enumerate(helpers) for _ in range(min(helper.spare, suited[j]))]
    chosen: dict[int, int] = {}
    if fits and slots:
        # Imported here: SciPy's optimisers take half a second to import, and only a plan needs them.
        from scipy.optimize import linear_sum_assignment

        weights = _weights(len(residents), slots, fits)
        rows, cols = linear_sum_assignment(weights, maximize=True)
        chosen = {int(i): slots[int(c)] for i, c in zip(rows, cols, strict=True) if weights[i, c] > 0}
    pairs = [Pairing(helpers[j].id, residents[i].id, fits[i, j]) for i, j in chosen.items()]
    suitable = {i for i, _ in fits}
    unmatched = [
        Unmatched(r.id, _reason(r, i in suitable)) for i, r in enumerate(residents) if i not in chosen
    ]
    return pairs, unmatched


def _weights(residents: int, slots: list[int], fits: Mapping[tuple[int, int], Fit]) -> np.ndarray:
    """Pair weights whose sum orders plans by residents covered, then needs met, then proximity."""
    max_needs = max(f.needs for f in fits.values())
    near_total = residents * int(Proximity.BUILDING) + 1  # more than all proximities can add up to
    need_weight = near_total
    cover_weight = need_weight * (residents * max_needs + 1)
    weights = np.zeros((residents, len(slots)))
    for c, j in enumerate(slots):
        for i in range(residents):
            f = fits.get((i, j))
            if f is not None:
                weights[i, c] = cover_weight + need_weight * len(f.needs_met) + int(f.proximity)
    return weights


def _reason(resident: Resident, had_candidates: bool) -> str:
    if resident.home.building is None:
        return NO_HOME
    return ALL_TAKEN if had_candidates else NO_HELPER
