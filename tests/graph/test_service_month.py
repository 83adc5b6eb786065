"""The rates, the complaints ranking, the whistles and supervision on a hand-made month (October 2026).

The month (tests/fixtures/service_month) on the hand-made city: D > S > C > G1 > B1, G2 > B2, and
compound K holding B1. Policy: a request is due 72 h after it is raised, taken up in time within 24 h.
Every figure below was worked out on paper from the fixture's rows; the reasoning sits beside it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from graph.driver import Graph
from graph.model import CITY_TIMEZONE, Rel
from graph.service.reports import (
    AreaMetrics,
    opportunities,
    property_complaints,
    service_metrics,
    whistle_reports,
)
from graph.service.requests import requests_along
from graph.service.supervision import supervision_report
from tests.conftest import FIXTURES, TODAY, load


def at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, tzinfo=CITY_TIMEZONE)


OCTOBER = {"start": at(10, 1), "end": at(11, 1), "as_of": at(11, 28), "today": TODAY}


@pytest.fixture
async def month(hand_city: Graph) -> Graph:
    await load(hand_city, FIXTURES / "service_month")
    return hand_city


def figures(m: AreaMetrics) -> tuple[object, ...]:
    return (m.area.id, m.raised, m.cancelled, m.responded, m.done, m.due, m.on_time, m.rated)


@pytest.mark.anyio
async def test_the_rates_of_a_month_per_area(month: Graph) -> None:
    # Raised in October below C (M7 is the street's, M8 was raised in September):
    #   M1 B1 accepted after 6 h, done 10-04 before due 10-05, closed 5
    #   M2 B2 accepted after 48 h (late), done 10-07 after due 10-06, closed 3
    #   M3 B1 accepted after 12 h, done 10-12 18:00 before due 10-13 08:00, not closed
    #   M4 B2 never accepted, due 10-18: past due by the end of the month
    #   M5 C  accepted after 9 h, due 11-20: not yet due on 11-01, not done
    #   M6 B1 cancelled;  M9 B2 never accepted, due 10-21: past due;  M10 B1 cancelled
    # C: raised 8, cancelled 2, live 6; responded M1 M3 M5 = 3 -> 0.5; done M1 M2 M3 = 3 -> 0.5;
    #    due M1 M2 M3 M4 M9 = 5, on time M1 M3 = 2 -> 0.4; satisfaction (5 + 3) / 2 = 4.0
    # G1 (B1): M1 M3 M6 M10: live 2, both responded, done and on time -> 1.0; satisfaction 5
    # G2 (B2): M2 M4 M9: live 3, none responded in time -> 0.0; done M2 -> 1/3; due 3, on time 0
    # K (B1 through PART_OF): the same requests as G1
    rows = await service_metrics(month, "C", **OCTOBER)
    assert [figures(m) for m in rows] == [
        ("C", 8, 2, 3, 3, 5, 2, 2),
        ("G1", 4, 2, 2, 2, 2, 2, 1),
        ("G2", 3, 0, 0, 1, 3, 0, 1),
        ("K", 4, 2, 2, 2, 2, 2, 1),
    ]
    c, g1, g2, _ = rows
    assert (c.response_rate, c.resolution_rate, c.on_time_rate, c.mean_satisfaction) == (0.5, 0.5, 0.4, 4.0)
    assert (g1.response_rate, g1.resolution_rate, g1.on_time_rate, g1.mean_satisfaction) == (
        1.0,
        1.0,
        1.0,
        5.0,
    )
    assert g2.response_rate == 0.0 and g2.on_time_rate == 0.0 and g2.mean_satisfaction == 3.0
    assert g2.resolution_rate == pytest.approx(1 / 3)


@pytest.mark.anyio
async def test_a_request_raised_in_the_street_counts_for_the_street_and_above(month: Graph) -> None:
    # D adds M7 (the street's whistle): accepted after 5 h, done 10-25 20:00 before due 10-26 08:00,
    # closed 4. Raised 9, cancelled 2, live 7; responded 4 -> 4/7; done 4 -> 4/7; due 6, on time 3
    # -> 0.5; satisfaction (5 + 3 + 4) / 3 = 4.0. S is D's one child and holds the same requests.
    d, s = await service_metrics(month, "D", **OCTOBER)
    assert figures(d) == ("D", 9, 2, 4, 4, 6, 3, 3) and figures(s)[1:] == figures(d)[1:]
    assert d.response_rate == pytest.approx(4 / 7) and d.resolution_rate == pytest.approx(4 / 7)
    assert (d.on_time_rate, d.mean_satisfaction) == (0.5, 4.0)


@pytest.mark.anyio
async def test_requests_not_yet_due_do_not_count_against_the_on_time_rate(month: Graph) -> None:
    # Seen from 10-19 (period still open): M4 (due 10-18) is past due, M9 (due 10-21) is not yet.
    rows = await service_metrics(month, "G2", start=at(10, 1), end=at(11, 1), as_of=at(10, 19), today=TODAY)
    assert rows[0].due == 2 and rows[0].on_time == 0  # M2 (done late) and M4
    assert await service_metrics(month, "P1", **OCTOBER) == [], "a person is no area"


@pytest.mark.anyio
async def test_property_companies_ranked_by_complaints_per_thousand_households(month: Graph) -> None:
    # October's complaints below D: M3 against PC1 (M10 was withdrawn, M8 was September's), M9 against
    # PC2. PC1 manages K (B1, 48 households) on 10-31: 1000 * 1 / 48 = 20.83; PC2's management of K
    # ended in 2024, so it manages no households: no rate, ranked after every company with one.
    ranked = await property_complaints(
        month, "D", start=at(10, 1), end=at(11, 1), day=at(10, 31).date(), today=TODAY
    )
    assert [(c.company.id, c.complaints, c.households) for c in ranked] == [("PC1", 1, 48), ("PC2", 1, 0)]
    assert ranked[0].per_thousand == pytest.approx(1000 / 48) and ranked[1].per_thousand is None
    september = await property_complaints(
        month, "D", start=at(9, 1), end=at(10, 1), day=at(9, 30).date(), today=TODAY
    )
    assert [(c.company.id, c.complaints) for c in september] == [("PC1", 1)]  # M8


@pytest.mark.anyio
async def test_late_and_missing_whistle_reports_per_unit(month: Graph) -> None:
    # M7, dispatched 10-25 09:00 to U1, U2, U3; the window closes 24 h later, 10-26 09:00.
    # U1 reported 10-25 12:00 (on time), U2 10-27 10:00 (late), U3 never (missing by 11-01).
    units = await whistle_reports(month, "D", start=at(10, 1), end=at(11, 1), as_of=at(11, 1), today=TODAY)
    assert [(u.unit.id, [r.outcome for r in u.reports]) for u in units] == [
        ("U2", ["LATE"]),
        ("U3", ["MISSING"]),
        ("U1", ["ON_TIME"]),
    ]
    # Seen at 10-26 08:00 the window is still open: U3's report is pending, not missing.
    early = await whistle_reports(month, "S", start=at(10, 1), end=at(11, 1), as_of=at(10, 26), today=TODAY)
    assert {u.unit.id: u.reports[0].outcome for u in early}["U3"] == "PENDING"
    assert (
        await whistle_reports(month, "C", start=at(10, 1), end=at(11, 1), as_of=at(11, 1), today=TODAY) == []
    )


@pytest.mark.anyio
async def test_supervision_found_fixed_on_time_late_and_open_past_deadline(month: Graph) -> None:
    # Findings of October below C: F1 (B1, U1) fixed 10-10 before 10-12; F2 (B2, P4) fixed 10-15
    # after 10-13; F3 (K, U1) open past 10-25; F4 (C, U2) replied, due 11-10: pending on 11-01.
    # F5 (B1) was found in September: outside the period, but still open past its deadline.
    report = await supervision_report(
        month, "C", start=at(10, 1), end=at(11, 1), as_of=at(11, 1), today=TODAY
    )
    assert report is not None
    by_area = [
        (a.area.id, a.tally.total, a.tally.done_on_time, a.tally.done_late, a.tally.overdue, a.tally.pending)
        for a in report.findings_by_area
    ]
    assert by_area == [
        ("C", 4, 1, 1, 1, 1),
        ("G1", 1, 1, 0, 0, 0),
        ("G2", 1, 0, 1, 0, 0),
        ("K", 2, 1, 0, 1, 0),  # F3 found in K itself, F1 in B1, part of K
    ]
    by_responsible = [
        (r.responsible.id, r.tally.done_on_time, r.tally.done_late, r.tally.overdue, r.tally.pending)
        for r in report.findings_by_responsible
    ]
    assert by_responsible == [("U1", 1, 0, 1, 0), ("P4", 0, 1, 0, 0), ("U2", 0, 0, 0, 1)]
    assert [(o.finding.id, o.area.id, [r.id for r in o.responsible]) for o in report.overdue] == [
        ("F5", "B1", ["U1"]),
        ("F3", "K", ["U1"]),
    ]
    # Week 43's task items, due 10-23 18:00: T1 (G1) done 10-22, T2 (G2) still open, T3 (C) done 10-24.
    tasks = [
        (a.area.id, a.tally.total, a.tally.done_on_time, a.tally.done_late, a.tally.overdue)
        for a in report.tasks_by_area
    ]
    assert tasks == [("C", 3, 1, 1, 1), ("G1", 1, 1, 0, 0), ("G2", 1, 0, 0, 1), ("K", 0, 0, 0, 0)]


@pytest.mark.anyio
async def test_the_pool_of_a_party_member_ranked_by_how_their_skills_fit(month: Graph) -> None:
    # P8 (LEGAL, SAFETY) reported to C. Not yet taken below C: M4 (REPAIR, dispatched to U1) and M9
    # (no skill named, open). Posts of C with a free slot: PO1 (SAFETY, 0 of 1 held), PO2 (POLICY,
    # 1 of 2 held). Fit: PO1 1.0; M9 0.5; M4 and PO2 0.0, M4 first as it has a deadline.
    # Contact: M4's unit U1 sent P7 as C's commissioner; everything else: C's secretary P6.
    pool = await opportunities(month, "P8", today=TODAY)
    assert [(o.item.id, o.fit, o.community.id, o.contact.id if o.contact else None) for o in pool] == [
        ("PO1", 1.0, "C", "P6"),
        ("M9", 0.5, "C", "P6"),
        ("M4", 0.0, "C", "P7"),
        ("PO2", 0.0, "C", "P6"),
    ]
    # P5 holds PO2 already: it is not offered to them again.
    assert "PO2" not in [o.item.id for o in await opportunities(month, "P5", today=TODAY)]
    assert await opportunities(month, "P1", today=TODAY) == [], "P1 reported to no community"


@pytest.mark.anyio
async def test_requests_of_people_units_and_companies_in_one_statement_each(month: Graph) -> None:
    # From the month's bundle: P8 accepted M2 and M5; U1 was called to M1, M3, M4, M7, M8; PC1 is
    # the subject of M3, M8, M10. Newest first.
    accepted = await requests_along(month, Rel.ACCEPTED_BY, ["P8", "P1"], today=TODAY)
    assert {k: [r.id for r in v] for k, v in accepted.items()} == {"P8": ["M5", "M2"], "P1": []}
    units = await requests_along(month, Rel.DISPATCHED_TO, ["U1"], today=TODAY)
    assert [r.id for r in units["U1"]] == ["M7", "M4", "M3", "M1", "M8"]
    companies = await requests_along(month, Rel.CONCERNS, ["PC1"], today=TODAY)
    assert [r.id for r in companies["PC1"]] == ["M10", "M3", "M8"]
