"""Gaps, coverage, candidates and the helper plan on plan_city, whose answers tests/fixtures/plan_city/
README.md works out by hand; and the sample city's gaps against seeds/sample_city/GAPS.md."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date

import pytest

from graph import planning
from graph.driver import Graph, Statement
from graph.policy import policy
from tests.conftest import FIXTURES, TODAY, load

pytestmark = pytest.mark.anyio

PLAN_CITY = FIXTURES / "plan_city"


@pytest.fixture
async def plan_city(graph: Graph) -> Graph:
    await load(graph, PLAN_CITY)
    return graph


def rows(gaps: list[planning.Gap]) -> set[tuple[str, str, int, int, str | None]]:
    return {(g.kind, g.subject_id, g.required, g.actual, g.field) for g in gaps}


async def gaps_of(graph: Graph, scope: str, today: date = TODAY) -> list[planning.Gap]:
    return await planning.coverage_gaps(graph, scope=scope, today=today, policy=policy())


C1_GAPS = {
    ("ADVISER", "C1", 1, 0, "HEALTH"),  # P32 advises in HEALTH without the MEDICAL skill
    ("ADVISER", "C1", 1, 0, "SAFETY"),  # P33's advice ended
    ("SOCIAL_ORGANISATIONS", "C1", 2, 1, None),
    ("VOLUNTEER_TEAM", "C1", 1, 0, "FAMILY_EDUCATION"),
    ("SERVICE_FUNDS", "C1", 200000, 180000, None),  # 150000 + 30000; 2025 and MATERIALS do not count
    ("PARTY_BRANCH", "K2", 1, 0, None),  # self-managed, so managed; its branch ended
    ("OWNERS_COMMITTEE", "K3", 1, 0, None),  # in custody, so managed
    ("MANAGER", "K4", 1, 0, None),  # one contract ended, the next has not begun
    ("BUILDING_VOLUNTEERS", "B2", 2, 1, None),
    ("BUILDING_LEADER", "B3", 1, 0, None),
    ("PROPERTY_STAFF", "B4", 1, 0, None),
    ("HELPER", "P41", 1, 0, None),
    ("HELPER", "P42", 1, 0, None),
    ("HELPER", "P47", 1, 0, None),
    ("HELPER", "P48", 1, 0, None),
    ("HELPER_LOAD", "P52", 3, 4, None),
}


async def test_every_unmet_requirement_of_a_community(plan_city: Graph) -> None:
    found = await gaps_of(plan_city, "C1")
    assert len(found) == len(C1_GAPS), "one row per unmet requirement, none twice"
    assert rows(found) == C1_GAPS


async def test_a_district_holds_the_gaps_of_everything_below_it(plan_city: Graph) -> None:
    found = await gaps_of(plan_city, "D")
    assert len(found) == 52
    assert rows(found) >= C1_GAPS
    by_subject = Counter(g.subject_id for g in found)
    # 16 community requirements each (secretary, commissioner, 3 advisers, paired unit, social
    # organisations, 6 teams, venue, funds, environment committee, workers); C2 has its HEALTH adviser
    # and U2, C3 its adviser and U3, U5; neither has a committee or a current worker (P30's work in C2
    # ended 2026-06-30).
    assert by_subject["C2"] == 14 + 1 and by_subject["C3"] == 15
    assert ("COMMUNITY_WORKERS", "C2", 1, 0, None) in rows(found)
    assert ("ENVIRONMENT_COMMITTEE", "C3", 1, 0, None) in rows(found)
    assert ("SERVICE_FUNDS", "C3", 200000, 80000, None) in rows(found)
    assert {g.kind for g in found if g.subject_id in ("B7", "B8")} == {
        "BUILDING_LEADER",
        "BUILDING_VOLUNTEERS",
        "PROPERTY_STAFF",
    }


async def test_scopes_below_a_community(plan_city: Graph) -> None:
    assert rows(await gaps_of(plan_city, "K2")) == {
        ("PARTY_BRANCH", "K2", 1, 0, None),
        ("BUILDING_LEADER", "B3", 1, 0, None),
        ("HELPER", "P41", 1, 0, None),
    }
    assert rows(await gaps_of(plan_city, "B5")) == {("HELPER_LOAD", "P52", 3, 4, None)}
    assert rows(await gaps_of(plan_city, "G1")) == {("BUILDING_VOLUNTEERS", "B2", 2, 1, None)}
    assert rows(await gaps_of(plan_city, "P48")) == {("HELPER", "P48", 1, 0, None)}
    assert await gaps_of(plan_city, "P40") == []


async def test_gaps_follow_the_day(plan_city: Graph) -> None:
    # On 2027-01-01 PC3 begins to manage K4 and U3's pairing with C1 begins.
    later = rows(await gaps_of(plan_city, "K4", today=date(2027, 1, 1)))
    assert ("MANAGER", "K4", 1, 0, None) not in later
    # On 2026-01-01 P33 still advised in SAFETY, VT6 still served, P8 still volunteered.
    earlier = rows(await gaps_of(plan_city, "C1", today=date(2026, 1, 1)))
    assert ("ADVISER", "C1", 1, 0, "SAFETY") not in earlier
    assert ("BUILDING_VOLUNTEERS", "B2", 2, 1, None) not in earlier


async def test_an_unknown_scope_or_one_that_is_no_area(plan_city: Graph) -> None:
    with pytest.raises(planning.ScopeNotFound):
        await gaps_of(plan_city, "NOPE")
    with pytest.raises(planning.NotAScope):
        await gaps_of(plan_city, "U1")


async def test_coverage_of_a_community_and_its_children(plan_city: Graph) -> None:
    found = await planning.coverage(plan_city, scope="C1", today=TODAY, policy=policy())
    table = {(s.area_id, s.kind, s.field): (s.met, s.total) for s in found}
    assert {s.area_id for s in found} == {"C1", "G1", "G2", "K1", "K2", "K3", "K4"}
    assert table["C1", "BUILDING_LEADER", None] == (5, 6)  # B3 has none
    assert table["C1", "HELPER", None] == (6, 10)  # P40..P49; P41, P42, P47, P48 unhelped
    assert table["C1", "HELPER_LOAD", None] == (2, 3)  # P50, P52 (over), P53
    assert table["C1", "MANAGER", None] == (3, 4)
    assert table["C1", "ADVISER", "LEGAL"] == (1, 1)
    assert table["G1", "BUILDING_VOLUNTEERS", None] == (1, 2)  # B1 yes, B2 no
    assert table["G1", "HELPER", None] == (1, 1)  # P40
    assert table["K2", "PARTY_BRANCH", None] == (0, 1)
    assert table["K2", "HELPER", None] == (0, 1)  # P41
    assert ("G1", "SECRETARY", None) not in table, "a grid holds no community"
    gaps = await gaps_of(plan_city, "C1")
    unmet = sum(total - met for (area, _, _), (met, total) in table.items() if area == "C1")
    assert unmet == len(gaps), "coverage and gaps are folds of the same checks"


async def test_coverage_of_a_street_drills_down_to_its_communities(plan_city: Graph) -> None:
    found = await planning.coverage(plan_city, scope="S1", today=TODAY, policy=policy())
    table = {(s.area_id, s.kind, s.field): (s.met, s.total) for s in found}
    assert {s.area_id for s in found} == {"S1", "C1", "C2"}
    assert table["S1", "SECRETARY", None] == (1, 2)
    assert table["S1", "BUILDING_LEADER", None] == (5, 7)
    assert table["C2", "PAIRED_UNIT", None] == (1, 1)


async def test_the_sample_city_has_exactly_the_gaps_of_gaps_md(sample_city: Graph) -> None:
    assert rows(await gaps_of(sample_city, "D1")) == {
        ("ADVISER", "C4", 1, 0, "SAFETY"),
        ("COMMISSIONER", "C4", 1, 0, None),
        ("VOLUNTEER_TEAM", "C5", 1, 0, "HEALTH_CARE"),
        ("SOCIAL_ORGANISATIONS", "C3", 2, 1, None),
        ("PAIRED_UNIT", "C6", 1, 0, None),
        ("SERVICE_FUNDS", "C6", 200000, 120000, None),
        ("COMMISSIONER", "C6", 1, 0, None),
        ("MANAGER", "CP2", 1, 0, None),
        ("OWNERS_COMMITTEE", "CP5", 1, 0, None),
        ("BUILDING_LEADER", "B13", 1, 0, None),
        ("BUILDING_VOLUNTEERS", "B20", 2, 1, None),
        ("PROPERTY_STAFF", "B7", 1, 0, None),
        ("HELPER", "P123", 1, 0, None),
        ("HELPER", "P129", 1, 0, None),
        ("HELPER_LOAD", "P131", 3, 4, None),
        ("ENVIRONMENT_COMMITTEE", "C6", 1, 0, None),
    }


# --- Cover candidates -------------------------------------------------------------------------


async def candidates(graph: Graph, kind: str, field: str | None = None, limit: int = 5) -> list[tuple]:
    found = await planning.cover_candidates(
        graph, community="C1", kind=kind, field=field, limit=limit, today=TODAY, policy=policy()
    )
    return [(c.organisation.id, c.score, [p.id for p in c.people]) for c in found]


async def test_units_that_could_send_a_health_adviser_best_first(plan_city: Graph) -> None:
    # U3's only MEDICAL member already advises C3, so U3 is no candidate (README.md has the sums).
    assert await candidates(plan_city, "ADVISER", "HEALTH") == [
        ("U1", 6.5, ["P50"]),
        ("U4", 3.0, ["P63", "P64"]),
        ("U2", 1.25, ["P60"]),
        ("U5", 0.75, ["P66"]),
    ]
    assert await candidates(plan_city, "ADVISER", "HEALTH", limit=2) == [
        ("U1", 6.5, ["P50"]),
        ("U4", 3.0, ["P63", "P64"]),
    ]


async def test_candidates_say_why(plan_city: Graph) -> None:
    found = await planning.cover_candidates(
        plan_city, community="C1", kind="ADVISER", field="HEALTH", limit=5, today=TODAY, policy=policy()
    )
    assert found[0].reasons == (
        "1 person with MEDICAL",
        "currently paired with this community",
        "1 of them live in or reported to this community",
    )
    assert found[2].reasons == (
        "1 person with MEDICAL",
        "paired with another community of the same street",
        "already carries 1 other community",
    )


async def test_funds_candidates_are_the_organisations_that_gave_before(plan_city: Graph) -> None:
    # Ties as above plus amount / 100000: U1 4 + 1.5; U2 1 - 0.25 + 1.0; U4 0.8. The social
    # organisation SO1 gave 30000 to C1 and is active in it now (+2): 2 + 0.3.
    found = await planning.cover_candidates(
        plan_city, community="C1", kind="SERVICE_FUNDS", field=None, limit=5, today=TODAY, policy=policy()
    )
    assert [(c.organisation.id, c.organisation.label.value, c.score) for c in found] == [
        ("U1", "Unit", 5.5),
        ("SO1", "SocialOrganisation", 2.3),
        ("U2", "Unit", 1.75),
        ("U4", "Unit", 0.8),
    ]
    assert found[0].reasons[0] == "gave 150000 yuan to 东湖社区 in 2026"
    assert found[1].reasons == ("gave 30000 yuan to 东湖社区 in 2026", "active in this community")


async def test_candidate_arguments_are_checked(plan_city: Graph) -> None:
    with pytest.raises(planning.CandidateQueryError, match="ADVISER gap needs field"):
        await candidates(plan_city, "ADVISER", None)
    with pytest.raises(planning.CandidateQueryError, match="units do not close VENUE gaps"):
        await candidates(plan_city, "VENUE")
    with pytest.raises(planning.NotAScope):
        await planning.cover_candidates(
            plan_city, community="K1", kind="PAIRED_UNIT", field=None, limit=5, today=TODAY, policy=policy()
        )


# --- The helper plan ----------------------------------------------------------------------------


async def plan_of(graph: Graph, scope: str) -> planning.HelperPlan:
    return await planning.helper_plan(graph, scope=scope, today=TODAY, policy=policy())


async def test_the_plan_covers_every_resident_it_can(plan_city: Graph) -> None:
    plan = await plan_of(plan_city, "C1")
    assert [(p.helper.id, p.resident.id, p.score) for p in plan.pairs] == [
        ("P54", "P42", 0.95),  # 0.8 * 1/1 needs + 0.2 * 3/4 (same grid)
        ("P54", "P47", 0.95),
        ("P53", "P48", 1.0),  # same building
    ]
    assert plan.pairs[2].reasons == ("meets 1 of 1 needs with POLICY", "same building")
    assert [(u.resident.id, u.reason) for u in plan.unmatched] == [
        ("P41", "no one in the community with a skill meeting these needs has room under the load limit")
    ]


def greedy_by_distance(plan_input: list[tuple[str, list[tuple[str, int]]]], spare: dict[str, int]) -> dict:
    """Each resident in turn takes the nearest suitable helper with room left."""
    chosen = {}
    for resident, suitable in plan_input:
        free = [(near, helper) for helper, near in suitable if spare[helper] > 0]
        if free:
            helper = max(free)[1]
            spare[helper] -= 1
            chosen[resident] = helper
    return chosen


async def test_greedy_by_distance_strands_a_resident_that_the_plan_covers(plan_city: Graph) -> None:
    # Suitable helpers with proximity (4 building, 3 grid, 1 community), from README.md.
    suitable = [
        ("P42", [("P50", 1), ("P53", 3), ("P54", 3)]),
        ("P47", [("P50", 1), ("P53", 4), ("P54", 3)]),
        ("P48", [("P53", 4)]),
    ]
    greedy = greedy_by_distance(suitable, {"P50": 2, "P53": 1, "P54": 3})
    assert "P48" not in greedy, "greedy gives P47 the nearest helper, P53, and strands P48"
    plan = await plan_of(plan_city, "C1")
    assert {p.resident.id for p in plan.pairs} == {"P42", "P47", "P48"}


async def test_the_plan_keeps_to_the_scope_and_never_overloads(plan_city: Graph) -> None:
    plan = await plan_of(plan_city, "B6")  # helpers come from the whole community
    assert [(p.helper.id, p.resident.id) for p in plan.pairs] == [("P54", "P47"), ("P53", "P48")]
    assert plan.unmatched == ()
    district = await plan_of(plan_city, "D")
    assert Counter(p.helper.id for p in district.pairs)["P53"] == 1, "P53 has one place left"
    assert "P52" not in {p.helper.id for p in district.pairs}, "P52 is over the limit"
    assert "P45" not in {p.helper.id for p in district.pairs}, "P45 is in need herself"


async def test_commit_writes_the_pairs_and_closes_the_gaps(plan_city: Graph) -> None:
    plan = await plan_of(plan_city, "C1")
    pairs = [(p.helper.id, p.resident.id) for p in plan.pairs]
    committed = await planning.commit_helper_plan(
        plan_city, scope="C1", pairs=pairs, today=TODAY, policy=policy()
    )
    assert [(p.helper.id, p.resident.id) for p in committed] == pairs
    helper_gaps = {g.subject_id for g in await gaps_of(plan_city, "C1") if g.kind == "HELPER"}
    assert helper_gaps == {"P41"}
    records = await plan_city.execute(_HELPS_SINCE, ids=["P42", "P47", "P48"])
    assert {(r["helper"], r["resident"], r["since"].to_native()) for r in records} == {
        ("P54", "P42", TODAY),
        ("P54", "P47", TODAY),
        ("P53", "P48", TODAY),
    }


async def test_a_pair_no_longer_valid_refuses_the_whole_plan(plan_city: Graph) -> None:
    # P53 had one place: a first commit takes it, so a plan giving P53 two more is refused whole.
    await planning.commit_helper_plan(
        plan_city, scope="C1", pairs=[("P53", "P48")], today=TODAY, policy=policy()
    )
    with pytest.raises(planning.PlanConflict, match=r"pair P53 -> P47: the helper would take 4 residents"):
        await planning.commit_helper_plan(
            plan_city, scope="C1", pairs=[("P54", "P42"), ("P53", "P47")], today=TODAY, policy=policy()
        )
    with pytest.raises(planning.PlanConflict, match="pair P50 -> P48: the resident already has"):
        await planning.commit_helper_plan(
            plan_city, scope="C1", pairs=[("P50", "P48")], today=TODAY, policy=policy()
        )
    helped = {g.subject_id for g in await gaps_of(plan_city, "C1") if g.kind == "HELPER"}
    assert helped == {"P41", "P42", "P47"}, "nothing of a refused plan was written"


async def test_commit_refuses_pairs_that_cannot_be(plan_city: Graph) -> None:
    cases = [
        ([("P45", "P48")], planning.PlanConflict, "the helper is in need"),
        ([("P50", "P41")], planning.PlanConflict, "no skill meeting"),
        ([("P54", "P42"), ("P50", "P42")], planning.PlanBadInput, "in the plan twice"),
        ([("P51", "P41")], planning.PlanBadInput, "outside the plan's scope"),  # scope K1 below
        ([("NOPE", "P42")], planning.PlanUnknownPerson, "no person has the helper's id"),
    ]
    for pairs, error, message in cases:
        scope = "K1" if pairs == [("P51", "P41")] else "C1"
        with pytest.raises(error, match=message):
            await planning.commit_helper_plan(
                plan_city, scope=scope, pairs=pairs, today=TODAY, policy=policy()
            )


_HELPS_SINCE = Statement(
    "test_helps_since",
    "MATCH (h:Person)-[r:HELPS]->(p:Person) WHERE p.id IN $ids "
    "RETURN h.id AS helper, p.id AS resident, r.since AS since",
)


async def test_two_commits_racing_for_a_helpers_last_place_one_wins(plan_city: Graph) -> None:
    # P53 has one place left; two planners give it to P48 and to P47 at the same moment.
    results = await asyncio.gather(
        planning.commit_helper_plan(
            plan_city, scope="C1", pairs=[("P53", "P48")], today=TODAY, policy=policy()
        ),
        planning.commit_helper_plan(
            plan_city, scope="C1", pairs=[("P53", "P47")], today=TODAY, policy=policy()
        ),
        return_exceptions=True,
    )
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], planning.PlanConflict), results
    assert "the helper would take 4 residents" in str(refused[0])
    loads = [g for g in await gaps_of(plan_city, "C1") if g.kind == "HELPER_LOAD"]
    assert [(g.subject_id, g.actual) for g in loads] == [("P52", 4)], "P53 helps exactly 3"
