"""Reading bundles without a database: every bad row is named by file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.bundle import BundleError, NodeEntry, Problem, RelationshipRow, read_bundle
from tests.conftest import HAND_CITY, SAMPLE_CITY
from tests.loaders.bundles import append, city_with


def entries(bundle: Path) -> tuple[list[NodeEntry], list[RelationshipRow]]:
    found: list[Problem] = []
    rows = list(read_bundle(bundle).entries(found))
    assert not found
    return [e for e in rows if isinstance(e, NodeEntry)], [e for e in rows if isinstance(e, RelationshipRow)]


def problems(bundle: Path) -> list[str]:
    with pytest.raises(BundleError) as refused:
        read_bundle(bundle)
    return [str(p) for p in refused.value.problems]


def test_the_sample_and_hand_made_cities_read_cleanly() -> None:
    nodes, links = entries(HAND_CITY)
    assert len(nodes) == 32 and len(links) == 43
    sample, _ = entries(SAMPLE_CITY)
    assert {n.label for n in sample} >= {"District", "Person", "ServiceRequest", "Resource", "Venue"}


def test_chinese_names_survive_unchanged() -> None:
    names = {n.id: n.props["name"] for n in entries(HAND_CITY)[0]}
    assert names["V1"] == "南湖社区党建+邻里中心"
    assert names["P10"] == "杜玉珍"


def test_values_are_typed() -> None:
    nodes = {n.id: n.props for n in entries(HAND_CITY)[0]}
    assert nodes["C"]["population"] == 5200
    assert nodes["V1"]["areaM2"] == 320.5
    assert nodes["P8"]["skills"] == ["LEGAL", "SAFETY"]
    assert nodes["P1"]["partyMember"] is True
    assert nodes["P1"]["skills"] is None, "an empty cell is no value"


def test_missing_id(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Person=append("Person", ",无名氏,13800000099,false,,"))
    assert problems(bundle) == ["Person.csv:12:1 (id): a value is required"]


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Unit=append("Unit", "P3,重复单位,GOVERNMENT_BUREAU"))
    # Units are read before people: the person's row is the second use of the id.
    assert problems(bundle) == ['Person.csv:4:1 (id): id "P3" is already used by Unit at Unit.csv:5']


def test_unknown_code(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Person=append("Person", "P11,周强,13800000011,false,COOKING;LEGAL,"))
    [problem] = problems(bundle)
    assert problem.startswith('Person.csv:12:5 (skills): unknown skill code "COOKING"; known: ')


def test_wrong_type(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Community="id,name,population\nC,南湖社区,五千\n")
    assert problems(bundle) == [
        'Community.csv:2:3 (population): expected a whole number (plain digits), got "五千"'
    ]


def test_boolean_must_be_true_or_false(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, OwnersCommittee="id,name,selfManaged\nOC1,南湖花园业主委员会,yes\n")
    assert problems(bundle) == ['OwnersCommittee.csv:2:3 (selfManaged): expected true or false, got "yes"']


def test_bad_date(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, HELPS="from,to,since,until\nP3,P10,2025-13-01,\n")
    assert problems(bundle) == [
        'HELPS.csv:2:3 (since): expected an ISO 8601 date such as 2026-01-31, got "2025-13-01"'
    ]


def test_missing_column(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, ADVISES="from,to\nP8,C\n")
    assert problems(bundle) == ['ADVISES.csv:1: missing column "field"']


def test_unknown_column(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Community="id,name,popluation\nC,南湖社区,5200\n")
    [problem] = problems(bundle)
    assert problem.startswith('Community.csv:1:3 (popluation): unknown column "popluation"')


def test_relationship_to_the_wrong_kind_of_node(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, LEADS=append("LEADS", "P6,C"))
    assert problems(bundle) == ['LEADS.csv:5:2 (to): "C" is a Community; LEADS takes Building or Grid here']


def test_wrong_pair_of_areas(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, IN=append("IN", "K,G1"))
    assert problems(bundle) == ["IN.csv:9: IN does not join a Compound to a Grid"]


def test_the_same_relationship_twice(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, SERVES=append("SERVES", "VT1,C"))
    assert problems(bundle) == ["SERVES.csv:3: VT1 -> C is given twice in SERVES.csv"]


def test_a_row_with_too_few_cells(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Grid=append("Grid", "G3"))
    assert problems(bundle) == ["Grid.csv:4: 1 cells where the header has 2"]


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    bundle = city_with(tmp_path)
    (bundle / "Street.csv").write_bytes("id,name\nS,南湖街道\n".encode("gbk"))
    assert problems(bundle) == ["Street.csv:2: not UTF-8 text: save the file as CSV UTF-8 (e.g. not GBK)"]


def test_an_unknown_file(tmp_path: Path) -> None:
    bundle = city_with(tmp_path)
    (bundle / "Comunity.csv").write_text("id,name\n", encoding="utf-8")
    [problem] = problems(bundle)
    assert problem.startswith("Comunity.csv:1: unknown file: Comunity is no label or relationship type")


def test_all_problems_are_listed_at_once(tmp_path: Path) -> None:
    bundle = city_with(
        tmp_path,
        Community="id,name,population\nC,南湖社区,many\n",
        Grid=append("Grid", ",无名网格"),
    )
    assert len(problems(bundle)) == 2


def test_a_bad_need_code_is_placed_but_not_quoted(tmp_path: Path) -> None:
    """Needs are personal data: the error must not carry them to a terminal or a CI log."""
    bundle = city_with(tmp_path, Person=append("Person", "P11,周强,13800000011,false,,ELDERLY_ALONEE"))
    [problem] = problems(bundle)
    assert problem.startswith("Person.csv:12:6 (needs): unknown need code; known: ")
    assert "ELDERLY_ALONEE" not in problem
