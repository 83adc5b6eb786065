"""The compiled converters type good rows exactly as the row models do and leave every bad one to
pydantic (whose messages are shown); a row's fingerprint changes with any value and only with one."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from graph.model import Rel
from loaders.convert import fast_row
from loaders.rowhash import row_hash
from loaders.rows import REL_ROWS, PersonRow, ResourceRow, Row, ServiceRequestRow

GOOD: list[tuple[type[Row], dict[str, Any]]] = [
    (
        PersonRow,
        {
            "id": "P1",
            "name": "王芳",
            "phone": "138-0000-0001",
            "partyMember": "TRUE",
            "skills": "LEGAL; REPAIR",
        },
    ),
    (PersonRow, {"id": "P2", "name": "李雷", "phone": None, "needs": ["LOW_INCOME"]}),  # JSON Lines: a list
    (ResourceRow, {"id": "R1", "name": "经费", "kind": "FUNDS", "amount": "1200.50", "year": "2026"}),
    (
        ServiceRequestRow,
        {
            "id": "SR1",
            "kind": "SERVICE",
            "title": "漏水",
            "status": "OPEN",
            "createdAt": "2026/1/31 9:30",
            "dueAt": "2026-02-01T09:30:00+08:00",
            "satisfaction": "5",
        },
    ),
    (REL_ROWS[Rel.ADVISES], {"from": "P1", "to": "C", "field": "LEGAL", "since": "2025-03-01"}),
    (REL_ROWS[Rel.CLAIMED], {"from": "P1", "to": "POST1", "since": "2026/1/31", "until": None}),
]
BAD: list[tuple[type[Row], dict[str, Any]]] = [
    (PersonRow, {"id": "P1", "name": "王芳", "phone": "1.38E+10"}),  # Excel's scientific notation
    (PersonRow, {"id": " P1", "name": "王芳"}),  # spaces around an id
    (PersonRow, {"id": "P1", "name": None}),  # a required value missing
    (PersonRow, {"id": "P1"}),  # a required column missing (JSON Lines)
    (PersonRow, {"id": "P1", "name": "王芳", "skills": "FLYING"}),  # an unknown code
    (
        PersonRow,
        {"id": "P1", "name": "王芳", "partyMember": 1},
    ),  # a JSON 1 for a truth value: pydantic decides
    (ResourceRow, {"id": "R1", "name": "经费", "kind": "FUNDS", "amount": 12}),  # a JSON int for a number
    (
        ServiceRequestRow,
        {
            "id": "SR1",
            "kind": "SERVICE",
            "title": "漏水",
            "status": "OPEN",
            "createdAt": "2026-02-02",
            "dueAt": "2026-02-01",
            "satisfaction": "5",
        },
    ),
    (
        ServiceRequestRow,
        {
            "id": "SR1",
            "kind": "SERVICE",
            "title": "漏水",
            "status": "OPEN",
            "createdAt": "2026-02-02",
            "satisfaction": "6",
        },
    ),
    (REL_ROWS[Rel.HELPS], {"from": "P1", "to": "P2", "since": "2026-02-02", "until": "2026-02-01"}),
    (REL_ROWS[Rel.CLAIMED], {"from": "P1", "to": "POST1", "since": None}),
]


@pytest.mark.parametrize(("model", "cells"), GOOD)
def test_a_good_row_is_typed_as_the_model_types_it(model: type[Row], cells: dict[str, Any]) -> None:
    by_model = model.model_validate(cells).model_dump(by_alias=True)
    assert fast_row(model).typed(cells) == {column: by_model[column] for column in cells}


@pytest.mark.parametrize(("model", "cells"), BAD)
def test_a_row_the_converters_cannot_vouch_for_goes_to_pydantic(
    model: type[Row], cells: dict[str, Any]
) -> None:
    assert fast_row(model).typed(cells) is None


def test_a_fingerprint_changes_with_any_value_and_not_with_order_or_empty_cells() -> None:
    row = {"name": "王芳", "phone": "13800000001", "skills": ["LEGAL"], "since": date(2025, 3, 1)}
    same = {
        "since": date(2025, 3, 1),
        "skills": ["LEGAL"],
        "phone": "13800000001",
        "name": "王芳",
        "needs": None,
    }
    assert row_hash(row) == row_hash(same)
    assert row_hash(row) != row_hash({**row, "phone": "13700000001"})
    assert row_hash(row) != row_hash({**row, "skills": ["LEGAL", "REPAIR"]})
    # A whole number, a number, a text and a truth value are different stored values.
    assert len({row_hash({"x": 1}), row_hash({"x": 1.0}), row_hash({"x": "1"}), row_hash({"x": True})}) == 4
