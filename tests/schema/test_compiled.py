"""The compiled path answers exactly what the resolvers answer, for every role, with one statement per root field.

Hand-written queries cover what the compiler must handle (fragments, inline fragments on interfaces,
aliases, variables, @include/@skip, __typename, personal data); queries generated from the schema
by hypothesis-graphql cover what nobody thought of. Both run on the hand-made city, the sample city and
a generated one, and must give the same bytes: same data, same field order.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    print_ast,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import queries

from graph.driver import Graph, Neo4jSettings, open_graph, statements_sent
from graph.maintenance import delete_everything
from graph.model import ORGANISATION_LABELS, Label
from graph.reads import ids_by_label
from schema.context import make_context
from schema.execution import Engine, GraphQLRequest, run_graphql
from schema.permissions import ANONYMOUS, Role, Viewer
from schema.root import SCHEMA
from seeds.generator import generate
from tests.conftest import HAND_CITY, SAMPLE_CITY, TODAY, load

pytestmark = pytest.mark.anyio

# Every kind of reader: whose personal data each sees differs (an area, a helper's residents, nobody).
VIEWERS = {
    "city admin": Viewer(role=Role.CITY_ADMIN),
    "area admin of a community": Viewer(role=Role.AREA_ADMIN, scope="C1"),
    "area admin of a grid": Viewer(role=Role.AREA_ADMIN, scope="G1"),
    "volunteer helping residents": Viewer(role=Role.VOLUNTEER, subject="P131"),
    "analyst": Viewer(role=Role.ANALYST),
    "anonymous": ANONYMOUS,
}

HAND_WRITTEN: list[tuple[str, dict[str, Any]]] = [
    (
        '{ building(id: "B1") { name servedBy { role level via field person { name phone } '
        "organisation { __typename name } venue { name areaM2 } area { __typename name } } } }",
        {},
    ),
    (
        "query Page($id: ID!) { community(id: $id) { name grids { name buildings { name residents { name phone } } } } }",
        {"id": "C1"},
    ),
    (
        """
    query Whole($id: ID!, $withLinks: Boolean!, $skipPeople: Boolean = false) {
      first: district(id: $id) { ...districtFields }
      again: district(id: $id) { __typename id }
      __typename
    }
    fragment districtFields on District {
      name
      streets { name communities {
        id name population
        advisers { field person { ...personFields } }
        secretaries { ...personFields }
        pairedUnits { name kind pairedCommunities { id } }
        volunteerTeams { kind members { id } }
        socialOrganisations { name field }
        venues { name kind areaM2 }
        compounds { name propertyCompanies { name publicWelfare } ownersCommittees { name selfManaged }
                    partyBranches { name } custodians { __typename id name } buildings { id } }
        grids { name buildings {
          name households grid { id } compound { id name }
          residents @skip(if: $skipPeople) { ...personFields }
          servedBy @include(if: $withLinks) {
            role level via field
            person { id phone }
            organisation { __typename id name ... on VolunteerTeam { kind } ... on Unit { unitKind: kind } }
          }
        } }
      } }
    }
    fragment personFields on Person {
      id name phone needs partyMember skills
      livesIn { id name }
      helpers { id name phone }
      helping { id name needs }
      organisations { __typename id ... on PropertyCompany { publicWelfare } ... on OwnersCommittee { selfManaged } }
    }
    """,
        {"id": "D1", "withLinks": True},
    ),
    ('{ person(id: "P131") { name phone needs helping { name phone needs livesIn { name } } } }', {}),
    (
        '{ person(id: "P123") { name phone needs livesIn { name grid { community { name } } } helpers { name } } }',
        {},
    ),
    ('{ unit(id: "U4") { name kind members { name phone } pairedCommunities { name } } }', {}),
    (
        '{ organisation(id: "PC3") { __typename id name members { name } ... on PropertyCompany { compounds { name } } } }',
        {},
    ),
    (
        '{ compound(id: "CP6") { name custodians { __typename name ... on Street { district { name } } } } }',
        {},
    ),
    ('{ grid(id: "G1") { community { street { district { name } } } buildings { residents { id } } } }', {}),
    ('{ building(id: "nope") { name } street(id: "B1") { name } }', {}),
    (
        """query History($all: Boolean!) { community(id: "C6") {
         pairedUnitLinks(includeEnded: $all) { node { id name } since until current }
         secretaryLinks { current node { name } } adviserLinks(includeEnded: true) { field since node { id } }
         compounds { managerLinks(includeEnded: $all) { since until current node { __typename name } } }
         grids { buildings { gridLinks { current } residents {
           homeLinks(includeEnded: true) { since until node { id } }
           organisationLinks(includeEnded: $all) { role current node { __typename id } }
           helperLinks(includeEnded: true) { since until current node { id phone } }
           helpingLinks { node { id needs } } } } } } }""",
        {"all": True},
    ),
]


async def answer(graph: Graph, viewer: Viewer, query: str, variables: dict[str, Any], engine: Engine) -> Any:
    result = await run_graphql(
        GraphQLRequest(query, variables), make_context(graph, viewer, TODAY), engine=engine
    )
    return result.path, result.body


async def same_on_both_paths(
    graph: Graph, query: str, variables: dict[str, Any], *, require_compiled: bool = True
) -> str:
    """Compare the two paths for every viewer; which path AUTO took."""
    compiled_path = ""
    for who, viewer in VIEWERS.items():
        compiled_path, compiled = await answer(graph, viewer, query, variables, Engine.AUTO)
        _, resolved = await answer(graph, viewer, query, variables, Engine.RESOLVERS)
        if require_compiled:
            assert compiled_path == "compiled", f"{who}: the query fell back to the resolvers"
        assert compiled == resolved, (
            f"{who}: {query}\ncompiled:  {compiled[:400]!r}\nresolvers: {resolved[:400]!r}"
        )


async def test_the_sample_city_answers_are_not_empty(sample_city: Graph) -> None:
    """The comparison above means something only if the answers hold people, masks and links."""
    query, variables = HAND_WRITTEN[2]
    _, body = await answer(sample_city, VIEWERS["area admin of a community"], query, variables, Engine.AUTO)
    district = orjson.loads(body)["data"]["first"]
    people = [
        r
        for s in district["streets"]
        for c in s["communities"]
        for g in c["grids"]
        for b in g["buildings"]
        for r in b["residents"]
    ]
    # An area admin of C1 sees the residents of C1 only, with their phones whole.
    assert people and all(p["needs"] is not None and "*" not in (p["phone"] or "") for p in people)
    in_c1 = {
        b["name"]
        for s in district["streets"]
        for c in s["communities"]
        if c["id"] == "C1"
        for g in c["grids"]
        for b in g["buildings"]
        if b["residents"]
    }
    assert in_c1 and all(
        not b["residents"]
        for s in district["streets"]
        for c in s["communities"]
        if c["id"] != "C1"
        for g in c["grids"]
        for b in g["buildings"]
    )
    links = [
        link
        for s in district["streets"]
        for c in s["communities"]
        for g in c["grids"]
        for b in g["buildings"]
        for link in b["servedBy"]
    ]
    assert {link["role"] for link in links} >= {
        "BUILDING_LEADER",
        "PARTY_BRANCH",
        "VOLUNTEER_TEAM",
        "ADVISER",
    }
    # Secretaries live elsewhere: an area admin of C1 sees the phone of C1's own only, masked otherwise.
    phones = [p["phone"] for s in district["streets"] for c in s["communities"] for p in c["secretaries"]]
    assert any("****" in phone for phone in phones)


async def test_each_root_field_costs_one_statement(sample_city: Graph) -> None:
    query, variables = HAND_WRITTEN[2]
    before = statements_sent()
    path, body = await answer(sample_city, VIEWERS["city admin"], query, variables, Engine.AUTO)
    spent = statements_sent() - before
    assert path == "compiled" and b'"errors"' not in body
    # `first` and `again` read districts; `__typename` needs no statement at all.
    assert spent == Counter(compiled_district=2)


# --- Generated queries ------------------------------------------------------------------------

ROOT_LABELS = {
    "district": {Label.DISTRICT},
    "street": {Label.STREET},
    "community": {Label.COMMUNITY},
    "grid": {Label.GRID},
    "compound": {Label.COMPOUND},
    "building": {Label.BUILDING},
    "person": {Label.PERSON},
    "unit": {Label.UNIT},
    "organisation": set(ORGANISATION_LABELS),
}


def with_real_ids(document: DocumentNode, draw: Any, ids: dict[str, list[str]]) -> str:
    """The generated query with every root `id` argument set to the id of a node of the right kind."""
    operation = document.definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    fields = []
    for selection in operation.selection_set.selections:
        assert isinstance(selection, FieldNode)
        name = selection.name.value
        pool = [i for label in ROOT_LABELS.get(name, ()) for i in ids.get(label.value, [])]
        if pool:
            chosen = draw(st.sampled_from(pool))
            arguments = tuple(
                ArgumentNode(name=a.name, value=StringValueNode(value=chosen)) for a in selection.arguments
            )
            selection = FieldNode(
                alias=selection.alias,
                name=selection.name,
                arguments=arguments,
                directives=selection.directives,
                selection_set=selection.selection_set,
            )
        fields.append(selection)
    rewritten = OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=operation.variable_definitions,
        directives=operation.directives,
        selection_set=SelectionSetNode(selections=tuple(fields)),
    )
    return print_ast(DocumentNode(definitions=(rewritten,)))


@dataclass(frozen=True)
class LoadedCity:
    settings: Neo4jSettings
    ids: dict[str, list[str]]


@pytest.fixture(scope="module", params=["hand", "sample", "generated"])
def city(
    request: pytest.FixtureRequest, neo4j_settings: Neo4jSettings, tmp_path_factory: pytest.TempPathFactory
) -> LoadedCity:
    """One city loaded once for all the comparisons below (they only read)."""
    if request.param == "generated":
        bundle = tmp_path_factory.mktemp("generated")
        generate(bundle, persons=1500, seed=7)
    else:
        bundle = HAND_CITY if request.param == "hand" else SAMPLE_CITY
    return LoadedCity(neo4j_settings, asyncio.run(_ids_of(neo4j_settings, bundle)))


def _run_same(
    settings_: Neo4jSettings, query: str, variables: dict[str, Any], *, require_compiled: bool = True
) -> str:
    async def check() -> str:
        graph = open_graph(settings_)
        try:
            return await same_on_both_paths(graph, query, variables, require_compiled=require_compiled)
        finally:
            await graph.close()

    return asyncio.run(check())


@pytest.mark.parametrize(("query", "variables"), HAND_WRITTEN)
def test_hand_written_queries_answer_the_same(
    city: LoadedCity, query: str, variables: dict[str, Any]
) -> None:
    _run_same(city.settings, query, variables)


def test_generated_queries_answer_the_same(city: LoadedCity) -> None:
    ids = city.ids
    roots = [name for name, labels in ROOT_LABELS.items() if any(ids.get(label.value) for label in labels)]
    paths: Counter[str] = Counter()

    @settings(
        max_examples=30,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        document = data.draw(queries(SCHEMA.as_str(), fields=roots, print_ast=lambda d: d))
        query = with_real_ids(document, data.draw, ids)
        paths[_run_same(city.settings, query, {}, require_compiled=False)] += 1

    check()
    # Queries reaching types whose fields have no source yet fall back; most must not.
    assert paths["compiled"] >= paths["resolvers"], paths


async def _ids_of(settings_: Neo4jSettings, bundle: Path) -> dict[str, list[str]]:
    graph = open_graph(settings_)
    try:
        await delete_everything(graph)
        await load(graph, bundle)
        return await ids_by_label(graph, limit=30)
    finally:
        await graph.close()
