"""The sample city shows a live platform: open, late and closed work, whistles, posts and supervision."""

from __future__ import annotations

from datetime import datetime

import pytest

from graph.driver import Graph
from graph.model import CITY_TIMEZONE
from graph.service.posts import posts_of_community
from graph.service.reports import opportunities, service_metrics, whistle_reports
from graph.service.requests import request, requests_in_scope
from graph.service.supervision import supervision_report
from tests.conftest import TODAY

NOVEMBER = {
    "start": datetime(2026, 11, 1, tzinfo=CITY_TIMEZONE),
    "end": datetime(2026, 12, 1, tzinfo=CITY_TIMEZONE),
    "as_of": datetime(2026, 11, 28, 12, 0, tzinfo=CITY_TIMEZONE),
    "today": TODAY,
}


@pytest.mark.anyio
async def test_the_sample_city_shows_open_late_and_closed_work(sample_city: Graph) -> None:
    page = await requests_in_scope(
        sample_city, "D1", statuses=None, kinds=None, first=100, after=None, today=TODAY
    )
    assert page is not None and page.total == 26
    statuses = {r.status for r in page.requests}
    assert statuses == {"OPEN", "DISPATCHED", "ACCEPTED", "DONE", "CLOSED", "CANCELLED"}
    closed = await request(sample_city, "SR1", today=TODAY)
    assert closed is not None and [e.move for e in closed.events] == [
        "RAISE",
        "DISPATCH",
        "ACCEPT",
        "COMPLETE",
        "CLOSE",
    ]

    district, *streets = await service_metrics(sample_city, "D1", **NOVEMBER)
    assert district.raised == 26 and district.cancelled == 2 and len(streets) == 3
    assert district.response_rate is not None and 0 < district.response_rate < 1, "some taken up late"
    assert district.on_time_rate is not None and 0 < district.on_time_rate < 1, "some late"

    outcomes = {
        r.outcome for unit in await whistle_reports(sample_city, "D1", **NOVEMBER) for r in unit.reports
    }
    assert {"ON_TIME", "LATE", "MISSING"} <= outcomes

    report = await supervision_report(sample_city, "D1", **NOVEMBER)
    assert report is not None and report.overdue, "findings open past their deadline"
    tally = report.findings_by_area[0].tally
    assert tally.done_on_time and tally.done_late and tally.overdue
    assert report.tasks_by_area[0].tally.overdue

    posts = await posts_of_community(sample_city, "C1", today=TODAY)
    assert [(p.node.id, p.slots, len(p.holders)) for p in posts] == [("PO1", 2, 2), ("PO2", 3, 1)]
    assert await opportunities(sample_city, "P8", today=TODAY), "a party member who reported finds work"
