"""`gridwork export` writes a bundle that `load` reads back to the same graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.driver import Graph
from graph.maintenance import count_everything, delete_everything
from loaders.bundle import read_bundle
from loaders.bundle_out import cell, export_bundle
from loaders.importer import CREATED, UNCHANGED, import_bundle

pytestmark = pytest.mark.anyio


def files(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.csv"))}


async def test_the_sample_city_goes_out_and_back_unchanged(sample_city: Graph, tmp_path: Path) -> None:
    before = await count_everything(sample_city)
    first = tmp_path / "first"
    written = await export_bundle(sample_city, first)
    assert sum(written.values()) == 1342

    again = await import_bundle(sample_city, read_bundle(first))
    assert again.total(UNCHANGED) == 1342, "the export loads back onto the graph without a change"

    await delete_everything(sample_city)
    fresh = await import_bundle(sample_city, read_bundle(first))
    assert fresh.total(CREATED) == 1342
    assert await count_everything(sample_city) == before
    second = tmp_path / "second"
    await export_bundle(sample_city, second)
    assert files(first) == files(second)


async def test_values_are_written_in_the_bundle_format(hand_city: Graph, tmp_path: Path) -> None:
    await export_bundle(hand_city, tmp_path)
    people = (tmp_path / "Person.csv").read_text(encoding="utf-8").splitlines()
    assert people[0] == "id,name,phone,partyMember,skills,needs"
    assert "P8,孙志强,13800000008,true,LEGAL;SAFETY," in people
    assert "P10,杜玉珍,13800000010,false,,ELDERLY_ALONE;LOW_INCOME" in people
    assert "U2,C,2022-01-01,2025-06-30" in (tmp_path / "PAIRED_WITH.csv").read_text(encoding="utf-8")
    assert not (tmp_path / "ServiceRequest.csv").exists(), "a label without nodes writes no file"


async def test_an_export_replaces_the_files_of_an_earlier_one(hand_city: Graph, tmp_path: Path) -> None:
    (tmp_path / "ServiceRequest.csv").write_text(
        "id,kind,title,status,createdAt\nSR9,SERVICE,旧,OPEN,2026-01-01\n"
    )
    await export_bundle(hand_city, tmp_path)
    assert not (tmp_path / "ServiceRequest.csv").exists()


def test_cells() -> None:
    from datetime import UTC, date, datetime, timedelta, timezone

    assert cell(None) == "" and cell(True) == "true" and cell(False) == "false"
    assert cell(["LEGAL", "SAFETY"]) == "LEGAL;SAFETY"
    assert cell(date(2026, 1, 31)) == "2026-01-31"
    cst = timezone(timedelta(hours=8))
    assert cell(datetime(2026, 11, 20, 9, 30, tzinfo=cst)) == "2026-11-20T09:30:00+08:00"
    assert cell(datetime(2026, 11, 20, 1, 30, tzinfo=UTC)) == "2026-11-20T01:30:00+00:00"
    assert cell(320.5) == "320.5" and cell(48) == "48"
