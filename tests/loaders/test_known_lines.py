"""Loading the same CSV lines again: a line that wrote a stored row, unchanged since, is known by its
hash and not read; everything the bundle's own checks say about it still holds.

The hand-made city has 75 rows: 32 nodes and 43 relationships, of which 3 have a key (ADVISES, HELPS)
and are always read.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from graph import writes
from graph.driver import Graph, Statement
from graph.imports import Write, remember_lines, stored_rels
from graph.model import Rel, city_today
from graph.reads import nodes_by_id
from loaders.bundle import BundleError, read_bundle
from loaders.importer import CREATED, ENDED, UNCHANGED, UPDATED, import_bundle
from schema.types.writes import checked_node_props
from tests.conftest import HAND_CITY
from tests.loaders.bundles import append, city_with

pytestmark = pytest.mark.anyio

KEYED = 3  # ADVISES (2) and HELPS (1) rows in the hand-made city: read every time
LINES = Statement("test_lines", "MATCH (n) WHERE n._line IS NOT NULL RETURN count(n) AS n")
FORGET = Statement(
    "test_forget_lines", "CALL { MATCH (n) REMOVE n._line } CALL { MATCH ()-[r]->() REMOVE r._line }"
)


async def refused(graph: Graph, bundle: Path) -> list[str]:
    with pytest.raises(BundleError) as error:
        await import_bundle(graph, read_bundle(bundle))
    return [str(p) for p in error.value.problems]


async def test_the_same_bundle_again_is_known_line_by_line(graph: Graph) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    report = await import_bundle(graph, read_bundle(HAND_CITY))
    assert (report.total(UNCHANGED), report.total(CREATED), report.total(UPDATED)) == (75, 0, 0)
    assert report.known == 75 - KEYED


async def test_a_changed_line_is_read_and_the_others_are_known(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    person = (HAND_CITY / "Person.csv").read_text(encoding="utf-8").replace("P9,李桂兰", "P9,李桂芝")
    report = await import_bundle(graph, read_bundle(city_with(tmp_path, Person=person)))
    assert report.counts["Person"] == {UPDATED: 1, UNCHANGED: 9}
    assert report.known == 75 - KEYED - 1
    assert (await nodes_by_id(graph, ["P9"]))["P9"].props["name"] == "李桂芝"
    # The updated row's new line is stored: the next load knows it too.
    again = await import_bundle(graph, read_bundle(city_with(tmp_path / "2", Person=person)))
    assert again.known == 75 - KEYED


async def test_an_api_edit_of_a_link_makes_its_line_unknown(graph: Graph) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    # MEMBER_OF.csv: P7 works at U1 as STAFF.
    await writes.update_link(
        graph, Rel.MEMBER_OF, "P7", "U1", {}, {"role": "VOLUNTEER"}, who="test", today=city_today()
    )
    report = await import_bundle(graph, read_bundle(HAND_CITY))
    assert report.counts["MEMBER_OF"] == {UPDATED: 1, UNCHANGED: 1}
    assert report.known == 75 - KEYED - 1
    [link] = (await stored_rels(graph, Rel.MEMBER_OF, ["P7"]))["P7"]
    assert link.props["role"] == "STAFF"


async def test_an_api_edit_of_a_node_makes_its_line_unknown(graph: Graph) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    await writes.update_node(graph, "P2", {"skills": None}, who="test", validate=checked_node_props)
    report = await import_bundle(graph, read_bundle(HAND_CITY))
    assert report.counts["Person"] == {UPDATED: 1, UNCHANGED: 9}
    assert (await nodes_by_id(graph, ["P2"]))["P2"].props["skills"] == ["REPAIR"]


async def test_a_move_among_known_lines(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    # Every home as before except P9's: B2 -> B1. Six lines known, one read: a move.
    homes = (HAND_CITY / "LIVES_IN.csv").read_text(encoding="utf-8").replace("P9,B2", "P9,B1")
    report = await import_bundle(graph, read_bundle(city_with(tmp_path, LIVES_IN=homes)))
    assert report.counts["LIVES_IN"] == {CREATED: 1, ENDED: 1, UNCHANGED: 6}
    stored = (await stored_rels(graph, Rel.LIVES_IN, ["P9"]))["P9"]
    until = {link.target: link.props.get("until") for link in stored}
    assert until == {"B2": city_today() - timedelta(days=1), "B1": None}


async def test_a_known_home_and_a_new_one_are_two_current_homes(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    # LIVES_IN.csv line 2 (P1,B1) is known; a second current home for P1 is refused all the same.
    bundle = city_with(tmp_path, LIVES_IN=append("LIVES_IN", "P1,B2"))
    assert await refused(graph, bundle) == [
        'LIVES_IN.csv:9: "P1" already has a current home in this bundle (B1); it may have one: '
        "give the old one an until"
    ]


async def test_a_known_line_given_twice(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    people = append("Person", "P1,彭淑敏,13800000001,true,,")
    homes = append("LIVES_IN", "P2,B1")
    assert await refused(graph, city_with(tmp_path, Person=people, LIVES_IN=homes)) == [
        'Person.csv:12:1 (id): id "P1" is already used by Person at Person.csv:2',
        "LIVES_IN.csv:9: P2 -> B1 is given twice in LIVES_IN.csv",
    ]


async def test_removing_a_node_whose_known_links_stay(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    # P9 is removed, but LIVES_IN.csv still has its known line "P9,B2" (line 7).
    lines = (HAND_CITY / "Person.csv").read_text(encoding="utf-8").splitlines()
    people = [
        lines[0] + ",op",
        *(line + (",remove" if line.startswith("P9,") else ",") for line in lines[1:]),
    ]
    problems = await refused(graph, city_with(tmp_path, Person="\n".join(people) + "\n"))
    assert 'LIVES_IN.csv:7:1 (from): "P9" is removed by this bundle' in problems


async def test_an_older_database_learns_its_lines_on_the_next_load(graph: Graph) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    await graph.execute(FORGET)  # as written before lines were hashed
    first = await import_bundle(graph, read_bundle(HAND_CITY))
    assert (first.total(UNCHANGED), first.known) == (75, 0)
    second = await import_bundle(graph, read_bundle(HAND_CITY))
    assert (second.total(UNCHANGED), second.known) == (75, 75 - KEYED)


async def test_a_line_is_remembered_only_for_the_row_that_was_compared(graph: Graph) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    await graph.execute(FORGET)
    assert (await graph.fetch(LINES))[0]["n"] == 0
    # A row edited after the comparison has lost its `_hash`: the line is not recorded for it.
    await writes.update_node(graph, "P3", {"name": "廖红"}, who="test", validate=checked_node_props)
    rows = [{"id": "P3", "hash": 12345, "line": 678}, {"id": "P4", "hash": 12345, "line": 678}]
    await remember_lines(graph, Write("remember_nodes", "Person", rows))
    assert (await graph.fetch(LINES))[0]["n"] == 0, "P3 has no _hash now, and P4's is not 12345"


async def test_a_home_that_begins_later_is_always_read(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    later = (city_today() + timedelta(days=10)).isoformat()
    homes = f"from,to,since\nP9,B1,{later}\n"
    await import_bundle(graph, read_bundle(city_with(tmp_path, LIVES_IN=homes)))
    report = await import_bundle(graph, read_bundle(city_with(tmp_path / "2", LIVES_IN=homes)))
    assert report.counts["LIVES_IN"][UNCHANGED] == 1
    assert report.known == 75 - KEYED - 7, "the seven old homes' lines are gone; P9's new one is read"
    stored = (await stored_rels(graph, Rel.LIVES_IN, ["P9"]))["P9"]
    assert {link.target: link.props.get("since") for link in stored}["B1"] == date.fromisoformat(later)


def _with_op_column(text: str) -> str:
    """A CSV file given an empty `op` column, last."""
    header, *lines = text.splitlines()
    return "\n".join([f"{header},op", *(f"{line}," for line in lines)]) + "\n"


async def test_an_op_column_added_last_leaves_the_lines_known(graph: Graph, tmp_path: Path) -> None:
    await import_bundle(graph, read_bundle(HAND_CITY))
    person = _with_op_column((HAND_CITY / "Person.csv").read_text(encoding="utf-8"))
    # "upsert" said outright means the same as an empty op, but its text is another line: read.
    person = person.replace("P9,李桂兰,13800000009,false,,,", "P9,李桂兰,13800000009,false,,,upsert")
    report = await import_bundle(graph, read_bundle(city_with(tmp_path, Person=person)))
    assert report.counts["Person"] == {UNCHANGED: 10}
    assert report.known == 75 - KEYED - 1


async def test_lines_written_with_an_op_column_are_known_without_it(graph: Graph, tmp_path: Path) -> None:
    person = _with_op_column((HAND_CITY / "Person.csv").read_text(encoding="utf-8"))
    await import_bundle(graph, read_bundle(city_with(tmp_path, Person=person)))
    report = await import_bundle(graph, read_bundle(HAND_CITY))
    assert report.total(UNCHANGED) == 75
    assert report.known == 75 - KEYED
