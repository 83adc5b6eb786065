"""A synthetic city of about N people, the same for the same seed, for benchmarks and load tests.

The proportions are a real city's: about 4,000 residents in 100 buildings (10 grids of 10, four
compounds) per community, six communities per street, a few percent of residents in need, the six
volunteer teams, a paired unit, a secretary, a commissioner and three advisers per community, and
requests from 2% of residents. Names are drawn by how common Chinese surnames are. Most of it meets the
standards; a few percent of each kind of responsibility is left out on purpose, so that gaps exist.
Every id starts with `gen<seed>-` (`gen1-P42`): a generated city never collides with the sample city,
nor with one generated from another seed.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from graph.model import CITY_TIMEZONE, NEEDS, TEAM_KINDS, Label, Rel
from loaders.bundle_out import write_bundle

PEOPLE_PER_BUILDING = 40
BUILDINGS_PER_GRID = 10
GRIDS_PER_COMMUNITY = 10
COMPOUNDS_PER_COMMUNITY = 4
COMMUNITIES_PER_STREET = 6
STREETS_PER_DISTRICT = 10
GAP_RATE = 0.04  # the share of each kind of responsibility left out on purpose
NEED_RATE = 0.04
REQUEST_RATE = 0.02

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Roughly how common each surname is (the first ones most, ~7% each; the last ones a few in a thousand).
SURNAME_WEIGHTS = [1 / (rank + 1) ** 0.9 for rank in range(len(SURNAMES))]
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍建红梅志国庆海燕春文晓东德福金凤淑珍立新"
    "宇浩轩涵欣怡梓雨桐佳琪俊思远婷慧琳雪晨阳鑫斌彬辉鹏飞"
)
STREET_NAMES = [
    "和平",
    "南湖",
    "北塔",
    "光明",
    "长青",
    "幸福",
    "文化",
    "新华",
    "胜利",
    "青年",
    "建设",
    "友谊",
]
UNIT_NAMES = [
    "民政局",
    "卫生健康局",
    "司法局",
    "税务局",
    "住房和城乡建设局",
    "教育局",
    "人力资源和社会保障局",
    "市场监督管理局",
    "应急管理局",
    "文化旅游局",
]
TEAM_NAMES = {
    "NEIGHBOUR_AID": "邻里互助",
    "POLICY_OUTREACH": "政策宣讲",
    "HEALTH_CARE": "卫生保健",
    "FAMILY_EDUCATION": "家庭教育",
    "SAFETY": "安全保卫",
    "CULTURE_SPORTS": "文体活动",
}
HELPER_SKILLS = {
    "ELDERLY_ALONE": "ELDERLY_CARE",
    "LOST_ONLY_CHILD": "PSYCHOLOGICAL",
    "LOW_INCOME": "POLICY",
    "DISABLED": "MEDICAL",
    "LEFT_BEHIND_CHILD": "FAMILY_EDUCATION",
    "SERIOUS_ILLNESS": "MEDICAL",
}
ADVISER_SKILLS = {"LEGAL": "LEGAL", "HEALTH": "MEDICAL", "SAFETY": "SAFETY"}
REQUEST_TITLES = {
    "MICRO_WISH": ["为独居老人更换灯泡", "代购常用药品", "陪同老人就医", "为留守儿童辅导作业"],
    "SERVICE": ["上门理发", "家电维修", "法律咨询", "心理疏导"],
    "WHISTLE": ["小区化粪池堵塞", "楼道堆物清理", "违章停车占用消防通道", "路灯损坏"],
    "COMPLAINT": ["物业不及时维修电梯", "物业收费不透明", "小区绿化无人养护"],
}
TODAY = date(2026, 11, 28)


@dataclass
class City:
    """The rows of a bundle, by label and relationship type, built up by `generate`."""

    rng: random.Random
    seed: int
    nodes: dict[Label, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    links: dict[Rel, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    counters: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    linked: set[tuple[Rel, str, str, Any]] = field(default_factory=set)

    def node(self, label: Label, prefix: str, **props: Any) -> str:
        self.counters[prefix] += 1
        node_id = f"gen{self.seed}-{prefix}{self.counters[prefix]}"
        self.nodes[label].append({"id": node_id, **props})
        return node_id

    def link(self, rel: Rel, source: str, target: str, **props: Any) -> None:
        """Add a relationship once: a second one between the same ends (and field) is ignored."""
        key = (rel, source, target, props.get("field"))
        if key not in self.linked:
            self.linked.add(key)
            self.links[rel].append({"from": source, "to": target, **props})

    def gap(self) -> bool:
        """True for the few responsibilities left out on purpose."""
        return self.rng.random() < GAP_RATE

    def name(self) -> str:
        """A name as common as it is in China: 王, 李, 张 and 刘 far more often than 覃 or 莫."""
        surname = self.rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
        return surname + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))


@dataclass
class Area:
    id: str
    residents: list[str] = field(default_factory=list)


def generate(out: Path, *, persons: int, seed: int = 1) -> dict[str, int]:
    """Write a bundle of exactly `persons` people into `out`; return the rows per file."""
    if persons < PEOPLE_PER_BUILDING:
        raise ValueError(f"a city needs at least {PEOPLE_PER_BUILDING} persons, one building's worth")
    city = City(random.Random(seed), seed)
    people = _people(city, persons)
    buildings = _areas(city, people)
    _service(city, buildings)
    _helpers(city, people)
    _requests(city, buildings, persons)
    return write_bundle(out, city.nodes, city.links)


def _people(city: City, persons: int) -> list[dict[str, Any]]:
    for number in range(1, persons + 1):
        city.node(
            Label.PERSON,
            "P",
            name=city.name(),
            phone=f"139{number:08d}",
            partyMember=city.rng.random() < 0.3,
            skills=[],
            needs=[],
        )
    return city.nodes[Label.PERSON]


def _areas(city: City, people: list[dict[str, Any]]) -> list[tuple[Area, str, str, str | None]]:
    """The hierarchy; returns each building with its grid, community and compound."""
    building_count = math.ceil(len(people) / PEOPLE_PER_BUILDING)
    grid_count = math.ceil(building_count / BUILDINGS_PER_GRID)
    community_count = math.ceil(grid_count / GRIDS_PER_COMMUNITY)
    street_count = math.ceil(community_count / COMMUNITIES_PER_STREET)
    districts = [
        city.node(Label.DISTRICT, "D", name=f"第{d + 1}区")
        for d in range(math.ceil(street_count / STREETS_PER_DISTRICT))
    ]
    buildings: list[tuple[Area, str, str, str | None]] = []
    for s in range(street_count):
        street_name = STREET_NAMES[s % len(STREET_NAMES)] + (
            str(s // len(STREET_NAMES) + 1) if s >= len(STREET_NAMES) else ""
        )
        street = city.node(Label.STREET, "S", name=f"{street_name}街道")
        city.link(Rel.IN, street, districts[s // STREETS_PER_DISTRICT])
        for c in range(min(COMMUNITIES_PER_STREET, community_count - s * COMMUNITIES_PER_STREET)):
            community = city.node(Label.COMMUNITY, "C", name=f"{street_name}第{c + 1}社区", population=0)
            city.link(Rel.IN, community, street)
            compounds = [
                city.node(Label.COMPOUND, "CP", name=f"{street_name}{c + 1}{k}小区")
                for k in "甲乙丙丁"[:COMPOUNDS_PER_COMMUNITY]
            ]
            for compound in compounds:
                city.link(Rel.IN, compound, community)
            for g in range(GRIDS_PER_COMMUNITY):
                if len(buildings) >= building_count:
                    break
                grid = city.node(Label.GRID, "G", name=f"{street_name}第{c + 1}社区第{g + 1}网格")
                city.link(Rel.IN, grid, community)
                for b in range(BUILDINGS_PER_GRID):
                    if len(buildings) >= building_count:
                        break
                    name = f"{street_name}{c + 1}社区{g + 1}网格{b + 1}号楼"
                    building = city.node(Label.BUILDING, "B", name=name, households=0)
                    city.link(Rel.IN, building, grid)
                    part_of = (
                        None
                        if city.gap()
                        else compounds[(g * BUILDINGS_PER_GRID + b) * len(compounds) // 100 % len(compounds)]
                    )
                    if part_of:
                        city.link(Rel.PART_OF, building, part_of)
                    buildings.append((Area(building), grid, community, part_of))
    for index, person in enumerate(people):  # evenly: every building gets 20 to 40 residents
        area = buildings[index * len(buildings) // len(people)][0]
        area.residents.append(person["id"])
        city.link(Rel.LIVES_IN, person["id"], area.id)
    for node, (area, *_) in zip(city.nodes[Label.BUILDING], buildings, strict=True):
        node["households"] = math.ceil(len(area.residents) / 2.5)
    return buildings


def _service(city: City, buildings: list[tuple[Area, str, str, str | None]]) -> None:
    """Who serves each building, grid, compound and community."""
    people = {p["id"]: p for p in city.nodes[Label.PERSON]}
    by_community: dict[str, list[str]] = defaultdict(list)
    by_grid: dict[str, list[str]] = defaultdict(list)
    compounds: dict[str, str] = {}
    for area, grid, community, compound in buildings:
        by_community[community].extend(area.residents)
        by_grid[grid].extend(area.residents)
        if compound:
            compounds[compound] = community
    units = _units(city, sorted(by_community))
    companies = _compounds(city, sorted(compounds), compounds)
    for area, _, _, compound in buildings:
        leader, *volunteers = city.rng.sample(area.residents, 3)
        if not city.gap():
            city.link(Rel.LEADS, leader, area.id)
            people[leader]["partyMember"] = True
        for volunteer in volunteers[: 1 if city.gap() else 2]:
            city.link(Rel.VOLUNTEERS_FOR, volunteer, area.id)
        if compound in companies and not city.gap():
            staff = city.rng.choice(area.residents)
            city.link(Rel.PROPERTY_STAFF_FOR, staff, area.id)
            city.link(Rel.MEMBER_OF, staff, companies[compound], role="STAFF")
    for grid, residents in sorted(by_grid.items()):
        city.link(Rel.LEADS, city.rng.choice(residents), grid)
        branch = city.node(Label.PARTY_BRANCH, "PB", name=f"{grid}网格党支部")
        city.link(Rel.ORGANISES, branch, grid)
    for community, residents in sorted(by_community.items()):
        _community(city, community, residents, units[community], people)


def _units(city: City, communities: list[str]) -> dict[str, str | None]:
    """Government units, each paired with a few communities; returns each community's current unit."""
    count = max(1, len(communities) // 3)
    unit_ids = [
        city.node(
            Label.UNIT,
            "U",
            name=f"第{u // len(UNIT_NAMES) + 1}区{UNIT_NAMES[u % len(UNIT_NAMES)]}",
            kind="GOVERNMENT_BUREAU",
        )
        for u in range(count)
    ]
    paired: dict[str, str | None] = {}
    for index, community in enumerate(communities):
        unit = unit_ids[index % count]
        if city.gap():  # the pairing ended last year
            city.link(Rel.PAIRED_WITH, unit, community, since=date(2022, 1, 1), until=date(2025, 12, 31))
            paired[community] = None
        else:
            city.link(Rel.PAIRED_WITH, unit, community, since=date(2024, 1, 1), until=None)
            paired[community] = unit
    return paired


def _compounds(city: City, compound_ids: list[str], community_of: dict[str, str]) -> dict[str, str]:
    """Managers, owners' committees and party branches; returns the company managing each compound."""
    companies: dict[str, str] = {}
    company = ""
    for index, compound in enumerate(compound_ids):
        if index % 4 == 0:
            company = city.node(
                Label.PROPERTY_COMPANY,
                "PC",
                name=f"第{index // 4 + 1}物业服务有限公司",
                publicWelfare=city.rng.random() < 0.2,
            )
        if city.gap():  # no current manager: the contract ended
            city.link(Rel.MANAGES, company, compound, since=date(2019, 1, 1), until=date(2025, 6, 30))
        elif city.gap():
            city.link(Rel.CUSTODIAN_OF, community_of[compound], compound)
        else:
            city.link(Rel.MANAGES, company, compound, since=date(2023, 1, 1), until=None)
            companies[compound] = company
        if not city.gap():
            committee = city.node(
                Label.OWNERS_COMMITTEE, "OC", name=f"{compound}业主委员会", selfManaged=False
            )
            city.link(Rel.REPRESENTS, committee, compound)
        if not city.gap():
            branch = city.node(Label.PARTY_BRANCH, "PB", name=f"{compound}小区党支部")
            city.link(Rel.ORGANISES, branch, compound)
    return companies


def _community(
    city: City, community: str, residents: list[str], unit: str | None, people: dict[str, Any]
) -> None:
    secretary, commissioner, *advisers = city.rng.sample(residents, 5)
    city.link(Rel.SECRETARY_OF, secretary, community)
    people[secretary]["partyMember"] = True
    if unit is not None and not city.gap():
        city.link(Rel.COMMISSIONER_OF, commissioner, community)
        city.link(Rel.MEMBER_OF, commissioner, unit, role="COMMISSIONER")
    for adviser, (adviser_field, skill) in zip(advisers, ADVISER_SKILLS.items(), strict=True):
        if not city.gap():
            people[adviser]["skills"].append(skill)
            city.link(Rel.ADVISES, adviser, community, field=adviser_field)
    for kind in sorted(TEAM_KINDS):
        if not city.gap():
            team = city.node(
                Label.VOLUNTEER_TEAM, "VT", name=f"{community}{TEAM_NAMES[kind]}志愿服务队", kind=kind
            )
            city.link(Rel.SERVES, team, community)
            city.link(Rel.MEMBER_OF, city.rng.choice(residents), team, role="MEMBER")
    for number in range(1 if city.gap() else 2):
        organisation = city.node(
            Label.SOCIAL_ORGANISATION, "SO", name=f"{community}社工服务中心{number + 1}", field="SOCIAL_WORK"
        )
        city.link(Rel.ACTIVE_IN, organisation, community)
    venue = city.node(
        Label.VENUE, "V", name=f"{community}党建+邻里中心", kind="NEIGHBOURHOOD_CENTRE", areaM2=300.0
    )
    city.link(Rel.LOCATED_IN, venue, community)
    funds = city.node(
        Label.RESOURCE,
        "R",
        name=f"{community}2026年服务群众专项经费",
        kind="FUNDS",
        amount=150000.0 if city.gap() else 200000.0,
        year=2026,
    )
    city.link(Rel.FOR, funds, community)
    if unit is not None:
        city.link(Rel.PROVIDES, unit, funds)
    # The practice's own pieces: an environment and property management committee, and full-time
    # community workers (a few communities lack either, like every other standard).
    if not city.gap():
        committee = city.node(Label.ENVIRONMENT_COMMITTEE, "EC", name=f"{community}环境和物业管理委员会")
        city.link(Rel.OVERSEES, committee, community)
        city.link(Rel.MEMBER_OF, city.rng.choice(residents), committee, role="MEMBER")
    for worker in city.rng.sample(residents, 0 if city.gap() else 2):
        city.link(Rel.WORKS_IN, worker, community, since=date(2024, 1, 1), post="网格员")
    for person in residents:
        if people[person]["partyMember"]:
            city.link(Rel.REPORTED_TO, person, community, since=date(2024, 3, 1))
    community_node = next(n for n in city.nodes[Label.COMMUNITY] if n["id"] == community)
    community_node["population"] = len(residents)


def _helpers(city: City, people: list[dict[str, Any]]) -> None:
    """Residents in need and their helpers, at most three each, from the same building's neighbours."""
    needs = sorted(NEEDS)
    load: Counter[str] = Counter()
    for start in range(0, len(people), PEOPLE_PER_BUILDING):
        neighbours = people[start : start + PEOPLE_PER_BUILDING]
        in_need = [p for p in neighbours if city.rng.random() < NEED_RATE]
        for resident in in_need:
            resident["needs"] = sorted(city.rng.sample(needs, city.rng.choice((1, 1, 2))))
        free = [p for p in neighbours if not p["needs"]]
        for resident in in_need:
            free = [p for p in free if load[p["id"]] < 3]
            if not free or city.gap():
                continue
            helper = city.rng.choice(free)
            skill = HELPER_SKILLS[resident["needs"][0]]
            if skill not in helper["skills"]:
                helper["skills"].append(skill)
            city.link(Rel.HELPS, helper["id"], resident["id"], since=date(2025, 3, 1), until=None)
            load[helper["id"]] += 1


def _requests(city: City, buildings: list[tuple[Area, str, str, str | None]], persons: int) -> None:
    units = [n["id"] for n in city.nodes[Label.UNIT]]
    companies = [n["id"] for n in city.nodes[Label.PROPERTY_COMPANY]]
    flow = ["OPEN", "DISPATCHED", "ACCEPTED", "DONE", "CLOSED", "CLOSED", "CANCELLED"]
    for _ in range(max(1, int(persons * REQUEST_RATE))):
        area = city.rng.choice(buildings)[0]
        kind = city.rng.choice(sorted(REQUEST_TITLES))
        status = city.rng.choice(flow)
        created = datetime(2026, 11, 1, 8, tzinfo=CITY_TIMEZONE) + timedelta(
            minutes=city.rng.randrange(0, 26 * 24 * 60)
        )
        closed = (
            created + timedelta(hours=city.rng.randrange(2, 96))
            if status in ("DONE", "CLOSED", "CANCELLED")
            else None
        )
        request = city.node(
            Label.SERVICE_REQUEST,
            "SR",
            kind=kind,
            title=city.rng.choice(REQUEST_TITLES[kind]),
            status=status,
            createdAt=created,
            dueAt=created + timedelta(hours=72),
            closedAt=closed,
            satisfaction=city.rng.randint(3, 5) if status == "CLOSED" else None,
        )
        raiser = city.rng.choice(area.residents)
        city.link(Rel.RAISED_IN, request, area.id)
        city.link(Rel.RAISED_BY, request, raiser)
        if status not in ("OPEN", "CANCELLED") and units:
            city.link(Rel.DISPATCHED_TO, request, city.rng.choice(units))
        if status in ("ACCEPTED", "DONE", "CLOSED"):
            city.link(Rel.ACCEPTED_BY, request, city.rng.choice(area.residents))
        if kind == "COMPLAINT" and companies:
            city.link(Rel.CONCERNS, request, city.rng.choice(companies))
