"""Ending a link on the first day of the calendar is refused as bad input, not a crash."""

from __future__ import annotations

from datetime import date

import pytest

from graph import writes
from graph.model import Rel
from graph.writes import BadInput

pytestmark = pytest.mark.anyio


async def test_a_link_cannot_end_on_the_first_day_of_the_calendar() -> None:
    # Its last day would be 0000-12-31, which no date holds; refused before Neo4j is asked.
    with pytest.raises(BadInput, match="ends after 0001-01-01"):
        await writes.end_link(
            None,  # type: ignore[arg-type]
            Rel.MEMBER_OF,
            "P1",
            "U1",
            {},
            date.min,
            who="test",
            today=date(2026, 11, 28),
        )
