"""Search in Chinese across areas, people and organisations, on the sample city."""

from __future__ import annotations

import pytest

from graph.driver import Graph
from graph.statements.search import ANALYZER, LIST_ANALYZERS
from tests.schema.helpers import execute
from tests.schema.outcomes import city_fixtures, refused

pytestmark = pytest.mark.anyio
anyio_backend, city = city_fixtures()

SEARCH = """
query ($text: String!, $kinds: [SearchKind!], $first: Int) {
  search(text: $text, kinds: $kinds, first: $first) { id kind name score } }
"""


async def test_the_server_has_the_cjk_analyzer(city: Graph) -> None:
    assert ANALYZER in {r["analyzer"] for r in await city.fetch(LIST_ANALYZERS)}


async def test_a_full_name_finds_that_person_first(city: Graph) -> None:
    hits = (await execute(city, SEARCH, text="王建国"))["search"]
    assert hits[0] == {"id": "P153", "kind": "PERSON", "name": "王建国", "score": hits[0]["score"]}
    assert hits[0]["score"] > 0


async def test_two_characters_find_a_person_and_a_course(city: Graph) -> None:
    hits = (await execute(city, SEARCH, text="春晖"))["search"]
    # 刘春晖 and 春晖生命急救课 both hold the pair 春晖; the shorter name ranks first (length norm).
    assert [(h["id"], h["kind"]) for h in hits] == [("P154", "PERSON"), ("CO1", "COURSE")]
    assert hits[0]["score"] > hits[1]["score"]


async def test_kinds_narrow_the_hits(city: Graph) -> None:
    hits = (await execute(city, SEARCH, text="南湖", kinds=["COMMUNITY"]))["search"]
    assert [(h["id"], h["name"]) for h in hits] == [("C1", "南湖社区")]
    everything = (await execute(city, SEARCH, text="南湖", first=100))["search"]
    kinds = {h["kind"] for h in everything}
    # 南湖街道, 南湖社区, its grids, 南湖花园 and its buildings, the committees and branches.
    assert {"STREET", "COMMUNITY", "GRID", "COMPOUND", "BUILDING", "PARTY_COMMITTEE"} <= kinds


async def test_one_character_is_found_inside_names(city: Graph) -> None:
    hits = (await execute(city, SEARCH, text="晖"))["search"]
    # Scored 1/length: 刘春晖 (3) before 春晖生命急救课 (7).
    assert [h["id"] for h in hits] == ["P154", "CO1"]


async def test_query_syntax_is_searched_as_text(city: Graph) -> None:
    hits = (await execute(city, SEARCH, text='南湖 ( "社区'))["search"]
    assert "C1" in [h["id"] for h in hits]
    assert (await execute(city, SEARCH, text="   "))["search"] == []


async def test_too_many_hits_asked_for_is_refused(city: Graph) -> None:
    code, message = await refused(city, SEARCH, text="南湖", first=101)
    assert code == "BAD_INPUT" and "first" in message
