"""The helper plan's solver alone (no database): coverage first, then needs met, then proximity."""

from __future__ import annotations

from graph.helper_plan import ALL_TAKEN, NO_HELPER, Helper, Home, Proximity, Resident, fit, solve
from graph.policy import SHIPPED_POLICY, read_policy

SKILLS = read_policy(SHIPPED_POLICY).helpers.skills_for_needs


def home(building: str, grid: str = "G1", compound: str | None = None, community: str = "C1") -> Home:
    return Home(building, grid, compound, community)


def pairs(residents: list[Resident], helpers: list[Helper]) -> list[tuple[str, str]]:
    return [(p.helper, p.resident) for p in solve(residents, helpers, SKILLS).pairs]


def test_proximity_and_suitability() -> None:
    resident = Resident("R", ("ELDERLY_ALONE", "LOW_INCOME"), home("B1", "G1", "K1"))
    near = Helper("H", ("POLICY", "REPAIR"), 1, home("B2", "G2", "K1"))
    found = fit(resident, near, SKILLS)
    assert found is not None
    assert (found.needs_met, found.skills, found.proximity) == (
        ("LOW_INCOME",),
        ("POLICY",),
        Proximity.COMPOUND,
    )
    assert found.score == 0.8 * 1 / 2 + 0.2 * 2 / 4
    assert fit(resident, Helper("H", ("REPAIR",), 1, home("B1")), SKILLS) is None, "no skill meets a need"
    far = Helper("H", ("POLICY",), 1, home("B9", community="C2"))
    assert fit(resident, far, SKILLS) is None, "helpers serve their own community"


def test_coverage_comes_before_closeness() -> None:
    # H1 (same building) suits both; H2 (another grid) suits only A. Greedy by closeness would give
    # A to H1 and strand B; the plan gives A to H2 so that both are covered.
    a = Resident("A", ("ELDERLY_ALONE",), home("B1"))
    b = Resident("B", ("LOW_INCOME",), home("B1"))
    h1 = Helper("H1", ("ELDERLY_CARE", "POLICY"), 1, home("B1"))
    h2 = Helper("H2", ("MEDICAL",), 1, home("B5", "G2"))
    assert pairs([a, b], [h1, h2]) == [("H2", "A"), ("H1", "B")]


def test_needs_met_come_before_closeness() -> None:
    # R has two needs: H-far meets both, H-near one. One place each, one resident: H-far wins.
    r = Resident("R", ("DISABLED", "LOW_INCOME"), home("B1"))
    near = Helper("H-near", ("MEDICAL",), 1, home("B1"))
    far = Helper("H-far", ("MEDICAL", "POLICY"), 1, home("B7", "G3"))
    assert pairs([r], [near, far]) == [("H-far", "R")]


def test_spare_places_are_never_exceeded_and_the_rest_say_why() -> None:
    residents = [Resident(f"R{i}", ("LOW_INCOME",), home("B1")) for i in range(4)]
    residents.append(Resident("R9", ("LEFT_BEHIND_CHILD",), home("B1")))
    plan = solve(residents, [Helper("H", ("POLICY",), 2, home("B1"))], SKILLS)
    assert [p.resident for p in plan.pairs] == ["R0", "R1"]
    assert [(u.resident, u.reason) for u in plan.unmatched] == [
        ("R2", ALL_TAKEN),
        ("R3", ALL_TAKEN),
        ("R9", NO_HELPER),
    ]
