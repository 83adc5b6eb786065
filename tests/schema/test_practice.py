"""The practice's pieces on the sample city: the party chain, workers, committees, training.

Names sort by Unicode code point where order matters; the code points are given beside them.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.driver import Graph
from tests.schema.helpers import execute
from tests.schema.outcomes import city_fixtures, refused

pytestmark = pytest.mark.anyio
anyio_backend, city = city_fixtures()

CHAIN = """
query ($id: ID!) { partyChain(buildingId: $id) {
  level via organisations { id } people { person { id } roles } } }
"""


def people(level: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [(p["person"]["id"], p["roles"]) for p in level["people"]]


async def test_the_five_levels_above_a_building_of_nanhu(city: Graph) -> None:
    chain = (await execute(city, CHAIN, id="B1"))["partyChain"]
    assert [(c["level"], c["via"]) for c in chain] == [
        ("STREET", "S1"),
        ("COMMUNITY", "C1"),
        ("GRID", "G1"),
        ("BUILDING", "B1"),
        ("HOUSEHOLD", "B1"),
    ]
    street, community, grid, building, household = chain
    assert [o["id"] for o in street["organisations"]] == ["PCM1"]  # 中共南湖街道工作委员会
    assert people(street) == [("P151", ["SECRETARY"])]
    # 孔文静 (P1) is the committee's secretary and SECRETARY_OF C1: one post, said once;
    # 万宇航 (P59, 万 4E07) sorts before 孔文静 (孔 5B54).
    assert [o["id"] for o in community["organisations"]] == ["PCM4"]
    assert people(community) == [("P59", ["MEMBER"]), ("P1", ["SECRETARY"])]
    # 姜志刚 (P7) leads grid G1 and is secretary of its branch PB10.
    assert [o["id"] for o in grid["organisations"]] == ["PB10"]
    assert people(grid) == [("P7", ["LEADER", "SECRETARY"])]
    # 廖红梅 (P63, 廖 5ED6) before 彭淑敏 (P19, 彭 5F6D), who leads the building and its party group.
    assert [o["id"] for o in building["organisations"]] == ["PG1"]
    assert people(building) == [("P63", ["MEMBER"]), ("P19", ["LEADER"])]
    assert household["organisations"] == []
    assert people(household) == [("P63", ["CENTRAL_HOUSEHOLD"])]


async def test_an_ended_central_household_and_a_building_without_a_party_group(city: Graph) -> None:
    # 钱天佑 (P74) was B2's central household until 2025-12-31: history, not counted.
    household = (await execute(city, CHAIN, id="B2"))["partyChain"][4]
    assert household["people"] == []
    # 文苑小区1号楼 (B8) has no party group; its leader 陆卫东 (P26) is still at the building level.
    chain = (await execute(city, CHAIN, id="B8"))["partyChain"]
    assert [o["id"] for c in chain for o in c["organisations"]] == ["PCM1", "PCM5", "PB12"]
    assert people(chain[3]) == [("P26", ["LEADER"])]


async def test_party_chain_refusals(city: Graph) -> None:
    assert (await refused(city, CHAIN, id="B999"))[0] == "NOT_FOUND"
    code, message = await refused(city, CHAIN, id="P1")
    assert code == "BAD_INPUT" and "buildingId" in message


WORKERS = """
query ($id: ID!, $ended: Boolean!) { communityWorkers(communityId: $id, includeEnded: $ended) {
  kind person { id } post since until unit { id } } }
"""


async def test_community_workers_current_and_ended(city: Graph) -> None:
    found = (await execute(city, WORKERS, id="C1", ended=False))["communityWorkers"]
    # Full-time first, by name: 许浩然 (P102, 许 8BB8) before 贺建华 (P86, 贺 8D3A); then the cadre sent
    # down from 和平区民政局 (U1), 丁春燕 (P60), until 2026-12-31.
    assert [(w["kind"], w["person"]["id"], w["post"]) for w in found] == [
        ("FULL_TIME", "P102", "社会工作者"),
        ("FULL_TIME", "P86", "网格员"),
        ("SENT_DOWN", "P60", None),
    ]
    assert found[2]["unit"] == {"id": "U1"} and found[2]["until"] == "2026-12-31"
    with_ended = (await execute(city, WORKERS, id="C1", ended=True))["communityWorkers"]
    # 钱建军 (P90, 钱 94B1) worked there until 2025-06-30.
    assert [w["person"]["id"] for w in with_ended] == ["P102", "P86", "P90", "P60"]
    assert with_ended[2]["until"] == "2025-06-30"


async def test_the_environment_committee_and_a_community_without_one(city: Graph) -> None:
    query = """query ($id: ID!) { communityCommittee(communityId: $id) {
                 id name established posts { person { id } role } community { id } } }"""
    committee = (await execute(city, query, id="C1"))["communityCommittee"]
    assert committee["name"] == "南湖社区环境和物业管理委员会"
    assert committee["community"] == {"id": "C1"}
    # 孔文静 (孔 5B54), 许浩然 (许 8BB8), 贾红梅 (贾 8D3E).
    assert [(p["person"]["id"], p["role"]) for p in committee["posts"]] == [
        ("P1", "DIRECTOR"),
        ("P102", "MEMBER"),
        ("P20", "MEMBER"),
    ]
    assert (await execute(city, query, id="C6"))["communityCommittee"] is None  # 幸福社区 has none


RECORD = """
query ($id: ID!) { trainingRecord(personId: $id) {
  sessionCount hours meanScore sessions { session { id } score course { id } community { id } } } }
"""


async def test_a_training_record(city: Graph) -> None:
    record = (await execute(city, RECORD, id="P1"))["trainingRecord"]
    # TS1 (2026-03-14, 4 h, 92) then TS2 (2026-05-20, 6 h, 95): 10 hours, mean 93.5.
    assert [(s["session"]["id"], s["score"], s["course"]["id"]) for s in record["sessions"]] == [
        ("TS1", 92.0, "CO1"),
        ("TS2", 95.0, "CO3"),
    ]
    assert (record["sessionCount"], record["hours"], record["meanScore"]) == (2, 10.0, 93.5)
    unscored = (await execute(city, RECORD, id="P110"))["trainingRecord"]
    assert (unscored["sessionCount"], unscored["hours"], unscored["meanScore"]) == (1, 4.0, None)
    nothing = (await execute(city, RECORD, id="P111"))["trainingRecord"]
    assert (nothing["sessionCount"], nothing["hours"], nothing["sessions"]) == (0, 0.0, [])


TOTALS = """
query ($scope: ID!, $from: Date) { trainingTotals(scope: $scope, from: $from) {
  sessions attendances people personHours meanScore } }
"""


async def test_training_totals_per_area(city: Graph) -> None:
    # C1 ordered TS1 (4 h, five attend: 92 88 85 79 90) and TS2 (6 h, three: 95 81 87).
    c1 = (await execute(city, TOTALS, scope="C1"))["trainingTotals"]
    assert c1 == {"sessions": 2, "attendances": 8, "people": 5, "personHours": 38.0, "meanScore": 87.125}
    assert (await execute(city, TOTALS, scope="S1"))["trainingTotals"] == c1  # C2 ordered none
    # The district: + TS3 (C3, 3 h: 90 84 76) + TS4 (C5, 4 h: 93 80 and one unscored);
    # 11 people, 20 + 18 + 9 + 12 = 59 hours, (697 + 250 + 173) / 13 scores.
    d1 = (await execute(city, TOTALS, scope="D1"))["trainingTotals"]
    assert (d1["sessions"], d1["attendances"], d1["people"], d1["personHours"]) == (4, 14, 11, 59.0)
    assert d1["meanScore"] == pytest.approx(1120 / 13)
    # From June: TS3 and TS4 only.
    june = (await execute(city, TOTALS, scope="D1", **{"from": "2026-06-01"}))["trainingTotals"]
    assert (june["sessions"], june["attendances"], june["personHours"]) == (2, 6, 21.0)


async def test_courses_sessions_and_party_organisations_by_id(city: Graph) -> None:
    query = """{ course(id: "CO1") { name topic providers { id } trainers { id } sessions { id } }
                 trainingSession(id: "TS1") { date course { id } community { id } trainers { id }
                                              attendees { person { id } score } }
                 organisation(id: "PCM1") { ... on PartyCommittee { posts { person { id } role } organises { id } } }
                 partyGroup(id: "PG1") { organises { id } } }"""
    data = await execute(city, query)
    # Trainers 刘春晖 (刘 5218) before 白海涛 (白 767D); sessions 南湖… (南 5357) before 长青… (长 957F).
    assert data["course"] == {
        "name": "春晖生命急救课",
        "topic": "FIRST_AID",
        "providers": [{"id": "U6"}],
        "trainers": [{"id": "P154"}, {"id": "P62"}],
        "sessions": [{"id": "TS1"}, {"id": "TS4"}],
    }
    session = data["trainingSession"]
    assert (session["date"], session["course"], session["community"]) == (
        "2026-03-14",
        {"id": "CO1"},
        {"id": "C1"},
    )
    assert session["trainers"] == [{"id": "P154"}]
    assert len(session["attendees"]) == 5
    assert data["organisation"] == {
        "posts": [{"person": {"id": "P151"}, "role": "SECRETARY"}],
        "organises": [{"id": "S1"}],
    }
    assert data["partyGroup"] == {"organises": [{"id": "B1"}]}
