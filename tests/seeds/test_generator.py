"""`gridwork generate`: the same city for the same seed, a valid bundle, and the gaps it promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.driver import Graph
from graph.maintenance import count_everything
from graph.model import Label
from loaders.bundle import NodeEntry, Problem, RelationshipRow, read_bundle
from loaders.importer import CREATED, import_bundle
from seeds.generator import generate
from tests.conftest import SAMPLE_CITY


def entries(folder: Path) -> tuple[list[NodeEntry], list[RelationshipRow]]:
    found: list[Problem] = []
    rows = list(read_bundle(folder).entries(found))
    assert not found
    return [e for e in rows if isinstance(e, NodeEntry)], [e for e in rows if isinstance(e, RelationshipRow)]


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.csv"))}


def test_the_same_seed_writes_the_same_city(tmp_path: Path) -> None:
    generate(tmp_path / "a", persons=500, seed=4)
    generate(tmp_path / "b", persons=500, seed=4)
    generate(tmp_path / "c", persons=500, seed=5)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_it_has_exactly_the_people_asked_for_each_living_in_one_building(tmp_path: Path) -> None:
    written = generate(tmp_path, persons=1234, seed=1)
    assert written["Person"] == 1234 and written["LIVES_IN"] == 1234
    _, links = entries(tmp_path)
    homes = [link.source for link in links if link.rel == "LIVES_IN"]
    assert len(set(homes)) == 1234


def test_every_label_is_there_and_some_gaps_are(tmp_path: Path) -> None:
    written = generate(tmp_path, persons=5000, seed=2)
    assert {
        "District",
        "Street",
        "Community",
        "Grid",
        "Compound",
        "Building",
        "Unit",
        "PropertyCompany",
        "OwnersCommittee",
        "PartyBranch",
        "SocialOrganisation",
        "VolunteerTeam",
        "Venue",
        "Resource",
        "Person",
        "ServiceRequest",
    } <= set(written)
    nodes, links = entries(tmp_path)
    buildings = {n.id for n in nodes if n.label == "Building"}
    led = {link.target for link in links if link.rel == "LEADS"}
    assert 0 < len(buildings - led) < len(buildings) // 5, "a few buildings lack a leader, most have one"
    in_need = {n.id for n in nodes if n.label == "Person" and n.props["needs"]}
    helped = {link.target for link in links if link.rel == "HELPS"}
    assert helped <= in_need and 0 < len(in_need - helped) < len(in_need) // 4
    load: dict[str, int] = {}
    for link in links:
        if link.rel == "HELPS":
            load[link.source] = load.get(link.source, 0) + 1
    assert max(load.values()) <= 3


def test_proportions_are_a_real_citys_and_ids_never_collide_with_the_sample_city(tmp_path: Path) -> None:
    written = generate(tmp_path, persons=24_000, seed=7)
    # 24,000 people at 40 per building are 600 buildings, 100 per community: 6 communities of 4,000.
    assert written["Community"] == 6 and written["Building"] == 600
    assert written["VolunteerTeam"] <= 6 * 6 and written["VolunteerTeam"] >= 6 * 5
    nodes, links = entries(tmp_path)
    in_need = [n for n in nodes if n.label == "Person" and n.props["needs"]]
    assert 0.02 < len(in_need) / 24_000 < 0.06, "a few percent of residents are in need"
    assert all(n.id.startswith("gen7-") for n in nodes)
    sample_ids = {n.id for n in entries(SAMPLE_CITY)[0]}
    assert not sample_ids & {n.id for n in nodes}
    assert {link.rel for link in links} >= {"PAIRED_WITH", "ADVISES", "SERVES", "RAISED_IN", "HELPS"}


def test_too_few_people_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 40 persons"):
        generate(tmp_path, persons=10)


@pytest.mark.anyio
async def test_a_generated_city_loads_cleanly(graph: Graph, tmp_path: Path) -> None:
    written = generate(tmp_path, persons=2000, seed=9)
    report = await import_bundle(graph, read_bundle(tmp_path))
    assert report.total(CREATED) == sum(written.values())
    nodes = sum(written.get(label.value, 0) for label in Label)
    assert (await count_everything(graph))[0] == nodes
