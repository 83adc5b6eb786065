"""`gridwork export` writes a bundle that `load` reads back to the same graph, in all three formats."""

from __future__ import annotations

import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from graph import exports
from graph.driver import Graph, GraphUnavailable, statements_sent
from graph.maintenance import count_everything, delete_everything
from graph.model import Rel
from loaders import bundle_out
from loaders.bundle import NodeEntry, Problem, RelationshipRow, read_bundle
from loaders.bundle_out import cell, export_bundle
from loaders.formats import Format
from loaders.importer import CREATED, UNCHANGED, import_bundle
from tests.conftest import SAMPLE_CITY, TODAY

pytestmark = pytest.mark.anyio


def files(target: Path) -> dict[str, bytes]:
    """Every file of an export, byte for byte (a workbook's sheets are inside its one file)."""
    folder = target if target.is_dir() else target.parent
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def rows_in_file(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) - 1


def rows_in(bundle: Path) -> int:
    found: list[Problem] = []
    count = sum(1 for _ in read_bundle(bundle).entries(found))
    assert not found
    return count


@pytest.mark.parametrize("fmt", list(Format))
async def test_the_sample_city_goes_out_and_back_identically(
    sample_city: Graph, tmp_path: Path, fmt: Format
) -> None:
    before = await count_everything(sample_city)
    rows = rows_in(SAMPLE_CITY)
    first = tmp_path / "first" / ("city.xlsx" if fmt is Format.XLSX else "")
    written = await export_bundle(sample_city, first, fmt=fmt)
    assert sum(written.values()) == rows

    again = await import_bundle(sample_city, read_bundle(first))
    assert again.total(UNCHANGED) == rows, "the export loads back onto the graph without a change"

    await delete_everything(sample_city)
    fresh = await import_bundle(sample_city, read_bundle(first))
    assert fresh.total(CREATED) == rows
    assert await count_everything(sample_city) == before
    second = tmp_path / "second" / ("city.xlsx" if fmt is Format.XLSX else "")
    await export_bundle(sample_city, second, fmt=fmt)
    assert files(first) == files(second)


async def test_pages_of_any_size_export_the_same_files(
    sample_city: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = tmp_path / "whole"
    await export_bundle(sample_city, whole)
    people = rows_in_file(whole / "Person.csv")
    homes = len({line.split(",")[0] for line in (whole / "LIVES_IN.csv").read_text().splitlines()[1:]})
    monkeypatch.setattr(exports, "EXPORT_PAGE", 3)
    before = statements_sent()
    paged = tmp_path / "paged"
    await export_bundle(sample_city, paged)
    sent = statements_sent() - before
    assert files(paged) == files(whole)
    # Three people (or three residents' homes) a read, until a read finds fewer than three.
    assert sent["export_person"] == people // 3 + 1
    assert sent["export_lives_in"] == homes // 3 + 1


@pytest.mark.parametrize("fmt", [Format.CSV, Format.XLSX])
async def test_an_export_that_fails_half_way_leaves_the_earlier_one(
    hand_city: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: Format
) -> None:
    target = tmp_path / "city" / ("city.xlsx" if fmt is Format.XLSX else "")
    await export_bundle(hand_city, target, fmt=fmt)
    earlier = files(target)

    async def neo4j_goes_down(graph: Graph, rel: Rel) -> AsyncIterator[list[dict[str, Any]]]:
        raise GraphUnavailable("Neo4j went away")
        yield []  # pragma: no cover (makes this a generator like the one it replaces)

    monkeypatch.setattr(bundle_out, "rel_pages", neo4j_goes_down)  # after every node file is written
    with pytest.raises(GraphUnavailable):
        await export_bundle(hand_city, target, fmt=fmt, personal_data=False)
    assert files(target) == earlier, "the earlier export is whole, not half replaced by a masked one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["city"], "nothing of the failed one is left"


async def test_values_are_written_in_the_bundle_format(hand_city: Graph, tmp_path: Path) -> None:
    await export_bundle(hand_city, tmp_path)
    people = (tmp_path / "Person.csv").read_text(encoding="utf-8").splitlines()
    assert people[0] == "id,name,phone,partyMember,skills,needs"
    assert "P8,孙志强,13800000008,true,LEGAL;SAFETY," in people
    assert "P10,杜玉珍,13800000010,false,,ELDERLY_ALONE;LOW_INCOME" in people
    assert "U2,C,2022-01-01,2025-06-30" in (tmp_path / "PAIRED_WITH.csv").read_text(encoding="utf-8")
    assert not (tmp_path / "ServiceRequest.csv").exists(), "a label without nodes writes no file"


async def test_personal_data_is_masked_unless_asked_for(hand_city: Graph, tmp_path: Path) -> None:
    await export_bundle(hand_city, tmp_path, personal_data=False)
    people = (tmp_path / "Person.csv").read_text(encoding="utf-8")
    assert "P10,杜玉珍,138****0010,false,," in people.splitlines()
    assert "13800000010" not in people and "ELDERLY_ALONE" not in people
    assert not (tmp_path / "LIVES_IN.csv").exists(), "homes are personal data"


async def test_excel_csv_carries_a_byte_order_mark(hand_city: Graph, tmp_path: Path) -> None:
    await export_bundle(hand_city, tmp_path, excel_bom=True)
    raw = (tmp_path / "Person.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,name,phone") and b"\r\n" in raw
    assert rows_in(tmp_path) == 75, "and it loads back as it is"


async def test_an_export_replaces_the_files_of_an_earlier_one(hand_city: Graph, tmp_path: Path) -> None:
    (tmp_path / "ServiceRequest.csv").write_text(
        "id,kind,title,status,createdAt\nSR9,SERVICE,旧,OPEN,2026-01-01\n"
    )
    await export_bundle(hand_city, tmp_path)
    assert not (tmp_path / "ServiceRequest.csv").exists()


def test_a_workbook_as_a_planner_keeps_it(tmp_path: Path) -> None:
    """Typed cells of Excel: TRUE, a real date, a number: read as the bundle's text would be."""
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Person"
    sheet.append(["id", "name", "phone", "partyMember"])
    sheet.append(["P1", "王芳", 13812345678, True])
    helps = book.create_sheet("HELPS")
    helps.append(["from", "to", "since"])
    helps.append(["P1", "P1", datetime(2026, 1, 31)])
    book.save(tmp_path / "city.xlsx")
    found: list[Problem] = []
    entries = list(read_bundle(tmp_path / "city.xlsx").entries(found))
    assert not found
    person = next(e for e in entries if isinstance(e, NodeEntry))
    assert person.props == {"name": "王芳", "phone": "13812345678", "partyMember": True}
    link = next(e for e in entries if isinstance(e, RelationshipRow))
    assert link.props == {"since": TODAY.replace(month=1, day=31)}
    assert zipfile.is_zipfile(tmp_path / "city.xlsx")


def test_cells() -> None:
    from datetime import UTC, date, datetime, timedelta, timezone

    assert cell(None) == "" and cell(True) == "true" and cell(False) == "false"
    assert cell(["LEGAL", "SAFETY"]) == "LEGAL;SAFETY"
    assert cell(date(2026, 1, 31)) == "2026-01-31"
    cst = timezone(timedelta(hours=8))
    assert cell(datetime(2026, 11, 20, 9, 30, tzinfo=cst)) == "2026-11-20T09:30:00+08:00"
    assert cell(datetime(2026, 11, 20, 1, 30, tzinfo=UTC)) == "2026-11-20T01:30:00+00:00"
    assert cell(320.5) == "320.5" and cell(48) == "48"
