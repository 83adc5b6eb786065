"""Keyset paging stays right while rows are added between pages (a write between two requests).

Names sort by Unicode code point: 光(5149) 北(5317) 南(5357) 和(548C) 幸(5E78) 文(6587) 长(957F), so
the communities by name are 光明 C4, 北塔 C3, 南湖 C1, 幸福 C6, 文化 C2, 长青 C5.
"""

from __future__ import annotations

import pytest

from graph import writes
from graph.driver import Graph
from graph.model import Label
from tests.schema.helpers import execute
from tests.schema.test_lists import COMMUNITIES, ids

pytestmark = pytest.mark.anyio


async def test_a_page_after_a_cursor_stays_right_while_rows_are_added(sample_city: Graph) -> None:
    first = (await execute(sample_city, COMMUNITIES, first=2))["communities"]
    assert ids(first) == ["C4", "C3"]
    assert first["pageInfo"]["hasNextPage"] is True
    # 东方社区 sorts before the cursor (东 4E1C < 光 5149), 和平社区 after 南湖 (和 548C > 南 5357):
    # an offset page would repeat 北塔; a keyset page goes on from 北塔.
    await writes.create_node(sample_city, Label.COMMUNITY, "C90", {"name": "东方社区"}, who="test")
    await writes.create_node(sample_city, Label.COMMUNITY, "C91", {"name": "和平社区"}, who="test")
    after = first["pageInfo"]["endCursor"]
    second = (await execute(sample_city, COMMUNITIES, first=2, after=after))["communities"]
    assert ids(second) == ["C1", "C91"]
    assert second["totalCount"] == 8
    last = await execute(sample_city, COMMUNITIES, first=10, after=second["pageInfo"]["endCursor"])
    assert ids(last["communities"]) == ["C6", "C2", "C5"]
    assert last["communities"]["pageInfo"]["hasNextPage"] is False
