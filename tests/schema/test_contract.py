"""The committed schema.graphql is the API's contract: it must match the code, and keep the names frontends rely on."""

from __future__ import annotations

from pathlib import Path

from schema.root import SCHEMA

COMMITTED = Path(__file__).parents[2] / "schema.graphql"


def test_schema_graphql_matches_the_code() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == SCHEMA.as_str() + "\n", (
        "schema.graphql is stale: run `gridwork schema > schema.graphql` and review the change"
    )


def test_the_names_frontends_rely_on_are_there() -> None:
    sdl = SCHEMA.as_str()
    query = SCHEMA._schema.query_type
    assert query is not None
    for name in ("district", "street", "community", "grid", "compound", "building", "person", "unit"):
        # Read from the schema rather than the text: a described argument prints on lines of its own.
        assert list(query.fields[name].args) == ["id"]
        assert str(query.fields[name].args["id"].type) == "ID!"
    for role in [
        "BUILDING_LEADER",
        "BUILDING_VOLUNTEER",
        "PROPERTY_STAFF",
        "GRID_LEADER",
        "PROPERTY_COMPANY",
        "OWNERS_COMMITTEE",
        "PARTY_BRANCH",
        "COMMUNITY_SECRETARY",
        "COMMISSIONER",
        "ADVISER",
        "VOLUNTEER_TEAM",
        "SOCIAL_ORGANISATION",
        "VENUE",
        "PAIRED_UNIT",
    ]:
        assert f"  {role}\n" in sdl
    for field in (
        "role: ServiceRole!",
        "level: Level!",
        "via: ID!",
        "person: Person",
        "organisation: Organisation",
        "venue: Venue",
        "field: String",
    ):
        assert f"  {field}\n" in sdl
