"""A careless or hostile bundle is refused with file, line and column, without a traceback and without
echoing personal data; Excel's own habits are understood, or refused with a hint."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from graph.model import CITY_TIMEZONE
from loaders.bundle import BundleError, NodeEntry, Problem, read_bundle
from tests.loaders.bundles import append, city_with

REQUEST_HEADER = "id,kind,title,status,createdAt,dueAt,closedAt\n"


def problems(bundle: Path) -> list[str]:
    with pytest.raises(BundleError) as refused:
        read_bundle(bundle)
    return [str(p) for p in refused.value.problems]


def node(bundle: Path, node_id: str) -> NodeEntry:
    found: list[Problem] = []
    rows = [e for e in read_bundle(bundle).entries(found) if isinstance(e, NodeEntry) and e.id == node_id]
    assert not found and len(rows) == 1
    return rows[0]


def test_one_person_in_two_current_homes(tmp_path: Path) -> None:
    # P1 lives in B1 (LIVES_IN.csv line 2); a second current home would let two area admins disagree.
    bundle = city_with(tmp_path, LIVES_IN=append("LIVES_IN", "P1,B2"))
    assert problems(bundle) == [
        'LIVES_IN.csv:9: "P1" already has a current home in this bundle (B1); it may have one: '
        "give the old one an until"
    ]


def test_a_home_that_ended_is_history_not_a_second_home(tmp_path: Path) -> None:
    text = "from,to,since,until\nP1,B1,2020-01-01,2024-12-31\nP1,B2,2025-01-01,\n"
    assert read_bundle(city_with(tmp_path, LIVES_IN=text))


def test_an_id_with_spaces_around_it(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Person=append("Person", " P11,周强,13800000011,false,,"))
    assert problems(bundle) == [
        'Person.csv:12:1 (id): id " P11" has spaces around it: an id is exactly its characters'
    ]
    bundle = city_with(tmp_path / "2", LIVES_IN=append("LIVES_IN", "P8 ,B2"))
    assert problems(bundle) == [
        'LIVES_IN.csv:9:1 (from): id "P8 " has spaces around it: an id is exactly its characters'
    ]


def test_until_before_since(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, HELPS="from,to,since,until\nP3,P10,2025-05-01,2025-01-01\n")
    assert problems(bundle) == ["HELPS.csv:2: until 2025-01-01 is before since 2025-05-01"]


def test_closed_or_due_before_created(tmp_path: Path) -> None:
    rows = (
        "SR1,SERVICE,修灯,CLOSED,2026-11-02T09:00:00+08:00,,2026-11-01T09:00:00+08:00\n"
        "SR2,SERVICE,修灯,OPEN,2026-11-02T09:00:00+08:00,2026-11-02T08:00:00+08:00,\n"
    )
    bundle = city_with(tmp_path, ServiceRequest=REQUEST_HEADER + rows)
    assert problems(bundle) == [
        "ServiceRequest.csv:2: closedAt 2026-11-01T09:00:00+08:00 is before createdAt 2026-11-02T09:00:00+08:00",
        "ServiceRequest.csv:3: dueAt 2026-11-02T08:00:00+08:00 is before createdAt 2026-11-02T09:00:00+08:00",
    ]


def test_dates_outside_a_sane_range(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, HELPS="from,to,since,until\nP3,P10,0001-01-01,9999-12-31\n")
    assert problems(bundle) == [
        'HELPS.csv:2:3 (since): "0001-01-01" is outside the years 1900 to 2100: a typing slip?',
        'HELPS.csv:2:4 (until): "9999-12-31" is outside the years 1900 to 2100: a typing slip?',
    ]


def test_a_date_time_without_offset_is_city_time_and_year_one_is_refused(tmp_path: Path) -> None:
    rows = "SR1,SERVICE,修灯,OPEN,2026-11-02T09:00:00,,\nSR2,SERVICE,修灯,OPEN,0001-01-01T00:00:00,,\n"
    bundle = city_with(tmp_path, ServiceRequest=REQUEST_HEADER + rows)
    assert problems(bundle) == [
        'ServiceRequest.csv:3:5 (createdAt): "0001-01-01T00:00:00" is outside the years 1900 to 2100: '
        "a typing slip?"
    ]
    fine = city_with(tmp_path / "2", ServiceRequest=REQUEST_HEADER + rows.splitlines()[0] + "\n")
    assert node(fine, "SR1").props["createdAt"] == datetime(2026, 11, 2, 9, tzinfo=CITY_TIMEZONE)


def test_control_characters_in_text(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Person=append("Person", "P11,周\x00强,13800000011,false,,"))
    assert problems(bundle) == [
        "Person.csv:12:2 (name): a control character (U+0000) at position 2: not text"
    ]


def test_oversized_cells(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Person=append("Person", f"P11,{'周' * 200_000},13800000011,false,,"))
    assert problems(bundle) == ["Person.csv:12:2 (name): 200,000 characters; a cell may hold 2,000"]
    # A quoted cell past what the CSV reader holds at all: one line, not a traceback.
    bundle = city_with(tmp_path / "2", Person=append("Person", f'P11,"{"x" * 1_000_001}",,false,,'))
    [problem] = problems(bundle)
    assert problem.startswith("Person.csv:12: unreadable CSV (field larger than field limit")
    # Unquoted, the same cell is split off at its commas and refused as the cell it is.
    bundle = city_with(tmp_path / "3", Person=append("Person", f"P11,{'x' * 1_000_001},,false,,"))
    assert problems(bundle) == ["Person.csv:12:2 (name): 1,000,001 characters; a cell may hold 2,000"]


def test_personal_values_are_never_echoed_even_with_quotes(tmp_path: Path) -> None:
    bundle = city_with(
        tmp_path,
        Person=append(
            "Person",
            'P11,周强,"ELDER""13912345678;BAD",false,,',
            'P12,周明,13800000012,false,,"ELDER""13912345678"',
        ),
    )
    found = problems(bundle)
    assert found == [
        "Person.csv:12:3 (phone): expected a phone number (digits, an optional leading + and dashes)",
        "Person.csv:13:6 (needs): unknown need code; known: DISABLED, ELDERLY_ALONE, LEFT_BEHIND_CHILD, "
        "LOST_ONLY_CHILD, LOW_INCOME, SERIOUS_ILLNESS",
    ]
    assert not any("13912345678" in p or 'ELDER"' in p or "BAD" in p for p in found)


# --- Excel's habits -------------------------------------------------------------------------------


def test_excel_true_false_and_slashed_dates_are_understood(tmp_path: Path) -> None:
    bundle = city_with(
        tmp_path,
        OwnersCommittee="id,name,selfManaged\nOC1,南湖花园业主委员会,TRUE\n",
        HELPS="from,to,since,until\nP3,P10,2025/3/1,2026/1/31\n",
    )
    assert node(bundle, "OC1").props["selfManaged"] is True
    found: list[Problem] = []
    [helps] = [e for e in read_bundle(bundle).entries(found) if getattr(e, "rel", None) == "HELPS"]
    assert helps.props == {"since": date(2025, 3, 1), "until": date(2026, 1, 31)}


def test_a_phone_in_scientific_notation_is_refused_with_a_hint(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Person=append("Person", "P11,周强,1.38E+10,false,,"))
    assert problems(bundle) == [
        "Person.csv:12:3 (phone): a number in scientific notation: Excel wrote this number in scientific "
        "notation and its digits are lost: format the column as Text and enter the values again"
    ]


def test_an_id_in_scientific_notation_is_refused_with_a_hint(tmp_path: Path) -> None:
    bundle = city_with(tmp_path, Person=append("Person", "1.38E+10,周强,,false,,"))
    assert problems(bundle) == [
        'Person.csv:12:1 (id): id "1.38E+10": Excel wrote this number in scientific notation and its '
        "digits are lost: format the column as Text and enter the values again"
    ]


def test_an_empty_or_unknown_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert problems(tmp_path / "empty") == [
        f"{tmp_path / 'empty'}:0: no bundle files here: expected .csv or .jsonl files, one per label or "
        "relationship type"
    ]
    assert problems(tmp_path / "missing") == [
        f"{tmp_path / 'missing'}:0: not a bundle: expected a folder or an .xlsx workbook"
    ]
