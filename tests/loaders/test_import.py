"""Importing into the real Neo4j: all or nothing, idempotent, and checked against what is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.driver import Graph
from graph.maintenance import count_everything
from graph.reads import nodes_by_id
from loaders.bundle import BundleError, read_bundle
from loaders.importer import CREATED, UNCHANGED, UPDATED, import_bundle
from tests.conftest import HAND_CITY
from tests.loaders.bundles import append, bundle_of, city_with

pytestmark = pytest.mark.anyio


async def refused(graph: Graph, bundle: Path) -> list[str]:
    with pytest.raises(BundleError) as error:
        await import_bundle(graph, read_bundle(bundle))
    return [str(p) for p in error.value.problems]


async def test_a_good_bundle_creates_every_row(graph: Graph) -> None:
    report = await import_bundle(graph, read_bundle(HAND_CITY))
    assert (report.total(CREATED), report.total(UPDATED), report.total(UNCHANGED)) == (75, 0, 0)
    assert await count_everything(graph) == (32, 43)
    stored = await nodes_by_id(graph, ["V1", "P8", "C"])
    assert stored["V1"].props["_run"] == report.run, "which import run wrote it stays with it"
    assert {k: v for k, v in stored["V1"].props.items() if not k.startswith("_")} == {
        "id": "V1",
        "name": "南湖社区党建+邻里中心",
        "kind": "NEIGHBOURHOOD_CENTRE",
        "areaM2": 320.5,
    }
    assert stored["P8"].props["skills"] == ["LEGAL", "SAFETY"]
    assert stored["C"].props["population"] == 5200


async def test_a_second_import_changes_nothing_and_says_so(graph: Graph) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    again = await import_bundle(graph, read_bundle(HAND_CITY))
    assert (again.total(CREATED), again.total(UPDATED), again.total(UNCHANGED)) == (0, 0, 75)
    assert not again.changed
    assert await count_everything(graph) == (32, 43)


async def test_a_changed_row_is_an_update(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    bundle = city_with(tmp_path, Community="id,name,population\nC,南湖社区,5300\n")
    report = await import_bundle(graph, read_bundle(bundle))
    assert report.counts["Community"][UPDATED] == 1
    assert report.total(UPDATED) == 1 and report.total(CREATED) == 0
    assert (await nodes_by_id(graph, ["C"]))["C"].props["population"] == 5300


async def test_a_renewed_pairing_updates_its_dates(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    bundle = city_with(
        tmp_path,
        PAIRED_WITH="from,to,since,until\nU1,C,2024-01-01,\nU2,C,2022-01-01,2026-12-31\nU3,C,2027-01-01,\n",
    )
    report = await import_bundle(graph, read_bundle(bundle))
    assert report.counts["PAIRED_WITH"] == {UPDATED: 1, UNCHANGED: 2}
    assert await count_everything(graph) == (32, 43)


async def test_a_dry_run_reports_and_writes_nothing(graph: Graph) -> None:
    report = await import_bundle(graph, read_bundle(HAND_CITY), dry_run=True)
    assert report.dry_run and report.total(CREATED) == 75
    assert await count_everything(graph) == (0, 0)


async def test_a_link_to_an_id_found_nowhere(graph: Graph, tmp_path: Path) -> None:
    bundle = city_with(tmp_path, LIVES_IN=append("LIVES_IN", "P6,B9"))
    assert await refused(graph, bundle) == [
        'LIVES_IN.csv:9:2 (to): no node with id "B9" in the bundle or the database'
    ]
    assert await count_everything(graph) == (0, 0)


async def test_a_later_bundle_may_link_to_stored_nodes(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    later = bundle_of(tmp_path, Person="id,name\nP20,陈晓燕\n", VOLUNTEERS_FOR="from,to\nP20,B2\n")
    report = await import_bundle(graph, read_bundle(later))
    assert report.total(CREATED) == 2
    assert await count_everything(graph) == (33, 44)


async def test_a_stored_node_of_the_wrong_kind(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    later = bundle_of(tmp_path, Grid="id,name\nG9,南湖社区第九网格\n", IN="from,to\nG9,S\n")
    assert await refused(graph, later) == ["IN.csv:2: IN does not join a Grid to a Street"]
    later = bundle_of(tmp_path, IN="from,to\nG9,C\n", Unit="id,name\nP1,同号单位\n")
    assert await refused(graph, later) == ['Unit.csv:2:1 (id): id "P1" belongs to a Person in the database']
    assert await count_everything(graph) == (32, 43)


async def test_an_area_left_without_parent_is_refused_before_writing(graph: Graph, tmp_path: Path) -> None:
    bundle = city_with(tmp_path, IN="from,to\nS,D\nC,S\nG1,C\nG2,C\nK,C\nB1,G1\n")
    assert await refused(graph, bundle) == [
        'Building.csv:3: Building "B2" is in no parent area: add a row for it to IN'
    ]
    assert await count_everything(graph) == (0, 0)


async def test_a_failed_update_leaves_the_stored_graph_as_it_was(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    bundle = city_with(
        tmp_path,
        Community="id,name,population\nC,南湖社区,9999\n",
        IN=append("IN", "B1,G2"),
    )
    assert await refused(graph, bundle) == [
        'IN.csv:9: "B1" already has a current parent area in this bundle (G1); it may have one: '
        "give the old one an until"
    ]
    assert (await nodes_by_id(graph, ["C"]))["C"].props["population"] == 5200
    assert await count_everything(graph) == (32, 43)
