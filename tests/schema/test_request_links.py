"""Requests and posts reached from the people, units, companies and communities they concern.

From the sample city: P111 raised SR1 (a micro-wish), which P61 accepted after it was dispatched to U1;
complaints SR22 (2026-11-22) and SR24 (2026-11-16) concern property company PC2; community C1 publishes
posts PO1 (held by P24 since 2025-03-01 and P22 since 2025-05-10) and PO2 (P7 holds it; P19 left at
the end of 2025); P1 reports to C1 (双报到).
"""

from __future__ import annotations

import pytest

from graph.driver import Graph
from schema.permissions import Role, Viewer
from tests.schema.helpers import CITY_ADMIN, execute

pytestmark = pytest.mark.anyio


async def test_a_request_is_reached_from_who_raised_it_took_it_and_got_it(sample_city: Graph) -> None:
    query = """{
      raiser: person(id: "P111") { requestsRaised { id kind } }
      taker: person(id: "P61") { requestsAccepted { id status } }
      unit(id: "U1") { requests { id } }
      company: organisation(id: "PC2") { ... on PropertyCompany { complaints { id } } }
    }"""
    data = await execute(sample_city, query, viewer=CITY_ADMIN)
    assert {"id": "SR1", "kind": "MICRO_WISH"} in data["raiser"]["requestsRaised"]
    assert {"id": "SR1", "status": "CLOSED"} in data["taker"]["requestsAccepted"]
    assert {"id": "SR1"} in data["unit"]["requests"]
    assert data["company"]["complaints"] == [{"id": "SR22"}, {"id": "SR24"}]  # newest first


async def test_what_a_resident_asked_for_is_personal_data(sample_city: Graph) -> None:
    query = '{ person(id: "P111") { requestsRaised { id } } }'
    data = await execute(sample_city, query, viewer=Viewer(role=Role.ANALYST))
    assert data == {"person": {"requestsRaised": []}}


async def test_a_community_lists_its_posts_and_who_reported_to_it(sample_city: Graph) -> None:
    query = '{ community(id: "C1") { posts { id slots free holders { id } } reportedMembers { id } } }'
    data = await execute(sample_city, query, viewer=CITY_ADMIN)
    posts = {post["id"]: post for post in data["community"]["posts"]}
    assert posts["PO1"] == {"id": "PO1", "slots": 2, "free": 0, "holders": [{"id": "P24"}, {"id": "P22"}]}
    assert posts["PO2"]["holders"] == [{"id": "P7"}] and posts["PO2"]["free"] == 2
    assert {"id": "P1"} in data["community"]["reportedMembers"]
    mine = await execute(sample_city, '{ person(id: "P1") { reportedTo { id } } }')
    assert mine == {"person": {"reportedTo": [{"id": "C1"}]}}
