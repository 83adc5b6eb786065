"""The GraphQL shapes of domain writes and their history, and the check of the properties written.

Properties are checked against the same row models a bundle's rows are (`loaders.rows`), so a value a
bundle refuses is refused here too, with the same words; a resident's phone and needs are never echoed.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, cast

import strawberry
from pydantic import ValidationError
from strawberry.scalars import JSON

from graph.model import Label, Rel
from graph.writes import BadInput
from loaders.rows import NODE_ROWS, REL_ROWS
from schema.types.base import LabelKind

PERSONAL = frozenset({"phone", "needs"})
# Set by the writes themselves, never by a client's props.
RESERVED = frozenset({"id", "since", "until"})


@strawberry.enum(description="Kinds of node a generic write may create (节点类型): the label, upper case.")
class NodeKind(LabelKind):
    DISTRICT = strawberry.enum_value("DISTRICT", description="District (区).")
    STREET = strawberry.enum_value("STREET", description="Street (街道).")
    COMMUNITY = strawberry.enum_value("COMMUNITY", description="Community (社区).")
    GRID = strawberry.enum_value("GRID", description="Grid (网格).")
    COMPOUND = strawberry.enum_value("COMPOUND", description="Compound, residential estate (小区).")
    BUILDING = strawberry.enum_value("BUILDING", description="Building (楼栋).")
    UNIT = strawberry.enum_value("UNIT", description="Government unit or public institution (机关事业单位).")
    PROPERTY_COMPANY = strawberry.enum_value(
        "PROPERTY_COMPANY", description="Property company (物业服务企业)."
    )
    OWNERS_COMMITTEE = strawberry.enum_value("OWNERS_COMMITTEE", description="Owners' committee (业委会).")
    PARTY_BRANCH = strawberry.enum_value("PARTY_BRANCH", description="Party branch (党支部).")
    SOCIAL_ORGANISATION = strawberry.enum_value(
        "SOCIAL_ORGANISATION", description="Social organisation (社会组织)."
    )
    VOLUNTEER_TEAM = strawberry.enum_value("VOLUNTEER_TEAM", description="Volunteer team (志愿服务队).")
    VENUE = strawberry.enum_value("VENUE", description="Service venue (服务阵地).")
    RESOURCE = strawberry.enum_value("RESOURCE", description="Funds, materials or a project (资源).")
    PERSON = strawberry.enum_value("PERSON", description="Person (人员).")
    PARTY_COMMITTEE = strawberry.enum_value(
        "PARTY_COMMITTEE", description="Party committee (街道党工委, 社区党组织)."
    )
    PARTY_GROUP = strawberry.enum_value("PARTY_GROUP", description="Building party group (楼栋党小组).")
    ENVIRONMENT_COMMITTEE = strawberry.enum_value(
        "ENVIRONMENT_COMMITTEE",
        description="Environment and property management committee (环境和物业管理委员会).",
    )
    COURSE = strawberry.enum_value("COURSE", description="Training course (培训课程).")
    TRAINING_SESSION = strawberry.enum_value("TRAINING_SESSION", description="Training session (培训场次).")


_LINK_TERMS = {
    Rel.IN: "lies in (隶属): an area in its parent area",
    Rel.PART_OF: "a building part of a compound (属于小区)",
    Rel.PAIRED_WITH: "a unit paired with a community (包联)",
    Rel.MANAGES: "a property company managing a compound (物业管理)",
    Rel.REPRESENTS: "an owners' committee representing a compound (业委会)",
    Rel.ORGANISES: "a party organisation organising an area or company (党组织覆盖)",
    Rel.ACTIVE_IN: "a social organisation active in a community (社会组织)",
    Rel.SERVES: "a volunteer team serving a community (志愿服务)",
    Rel.LOCATED_IN: "a venue located in a community or compound (阵地)",
    Rel.PROVIDES: "an organisation providing a resource (提供资源)",
    Rel.FOR: "a resource for a community (资源用于)",
    Rel.CUSTODIAN_OF: "a street or community running a compound itself (兜底托管)",
    Rel.MEMBER_OF: "a person member of an organisation, with a role (成员)",
    Rel.LIVES_IN: "a person living in a building (居住)",
    Rel.REPORTED_TO: "a party member reporting to their community (双报到)",
    Rel.SECRETARY_OF: "a community party secretary (社区党组织书记)",
    Rel.COMMISSIONER_OF: "a party-building commissioner (党建专员)",
    Rel.ADVISES: "an adviser of a community in a field (顾问)",
    Rel.LEADS: "a grid or building leader (网格长, 楼栋长)",
    Rel.VOLUNTEERS_FOR: "a building volunteer (楼栋志愿者)",
    Rel.PROPERTY_STAFF_FOR: "property staff for a building (物业服务人员)",
    Rel.HELPS: "a helper paired with a resident in need (结对帮扶)",
    Rel.CENTRAL_HOUSEHOLD_OF: "a party-member central household of a building (党员中心户)",
    Rel.OVERSEES: "an environment and property management committee of a community (环境和物业管理委员会)",
    Rel.WORKS_IN: "a full-time community worker (社区专职工作者)",
    Rel.SENT_TO: "a cadre sent down to a community (下沉干部)",
    Rel.OFFERS: "a provider offering a course (培训提供方)",
    Rel.TEACHES: "a trainer teaching a course (师资库)",
    Rel.OF_COURSE: "a session of a course (培训场次)",
    Rel.ORDERED_BY: "a session ordered by a community (点单)",
    Rel.TAUGHT_BY: "a session taught by a trainer (授课)",
    Rel.ATTENDED: "a person attending a session, with a score (参训)",
}


@strawberry.enum(description="Kinds of relationship a generic write may create (关系类型): the type's name.")
class LinkKind(Enum):
    IN = strawberry.enum_value("IN", description=_LINK_TERMS[Rel.IN])
    PART_OF = strawberry.enum_value("PART_OF", description=_LINK_TERMS[Rel.PART_OF])
    PAIRED_WITH = strawberry.enum_value("PAIRED_WITH", description=_LINK_TERMS[Rel.PAIRED_WITH])
    MANAGES = strawberry.enum_value("MANAGES", description=_LINK_TERMS[Rel.MANAGES])
    REPRESENTS = strawberry.enum_value("REPRESENTS", description=_LINK_TERMS[Rel.REPRESENTS])
    ORGANISES = strawberry.enum_value("ORGANISES", description=_LINK_TERMS[Rel.ORGANISES])
    ACTIVE_IN = strawberry.enum_value("ACTIVE_IN", description=_LINK_TERMS[Rel.ACTIVE_IN])
    SERVES = strawberry.enum_value("SERVES", description=_LINK_TERMS[Rel.SERVES])
    LOCATED_IN = strawberry.enum_value("LOCATED_IN", description=_LINK_TERMS[Rel.LOCATED_IN])
    PROVIDES = strawberry.enum_value("PROVIDES", description=_LINK_TERMS[Rel.PROVIDES])
    FOR = strawberry.enum_value("FOR", description=_LINK_TERMS[Rel.FOR])
    CUSTODIAN_OF = strawberry.enum_value("CUSTODIAN_OF", description=_LINK_TERMS[Rel.CUSTODIAN_OF])
    MEMBER_OF = strawberry.enum_value("MEMBER_OF", description=_LINK_TERMS[Rel.MEMBER_OF])
    LIVES_IN = strawberry.enum_value("LIVES_IN", description=_LINK_TERMS[Rel.LIVES_IN])
    REPORTED_TO = strawberry.enum_value("REPORTED_TO", description=_LINK_TERMS[Rel.REPORTED_TO])
    SECRETARY_OF = strawberry.enum_value("SECRETARY_OF", description=_LINK_TERMS[Rel.SECRETARY_OF])
    COMMISSIONER_OF = strawberry.enum_value("COMMISSIONER_OF", description=_LINK_TERMS[Rel.COMMISSIONER_OF])
    ADVISES = strawberry.enum_value("ADVISES", description=_LINK_TERMS[Rel.ADVISES])
    LEADS = strawberry.enum_value("LEADS", description=_LINK_TERMS[Rel.LEADS])
    VOLUNTEERS_FOR = strawberry.enum_value("VOLUNTEERS_FOR", description=_LINK_TERMS[Rel.VOLUNTEERS_FOR])
    PROPERTY_STAFF_FOR = strawberry.enum_value(
        "PROPERTY_STAFF_FOR", description=_LINK_TERMS[Rel.PROPERTY_STAFF_FOR]
    )
    HELPS = strawberry.enum_value("HELPS", description=_LINK_TERMS[Rel.HELPS])
    CENTRAL_HOUSEHOLD_OF = strawberry.enum_value(
        "CENTRAL_HOUSEHOLD_OF", description=_LINK_TERMS[Rel.CENTRAL_HOUSEHOLD_OF]
    )
    OVERSEES = strawberry.enum_value("OVERSEES", description=_LINK_TERMS[Rel.OVERSEES])
    WORKS_IN = strawberry.enum_value("WORKS_IN", description=_LINK_TERMS[Rel.WORKS_IN])
    SENT_TO = strawberry.enum_value("SENT_TO", description=_LINK_TERMS[Rel.SENT_TO])
    OFFERS = strawberry.enum_value("OFFERS", description=_LINK_TERMS[Rel.OFFERS])
    TEACHES = strawberry.enum_value("TEACHES", description=_LINK_TERMS[Rel.TEACHES])
    OF_COURSE = strawberry.enum_value("OF_COURSE", description=_LINK_TERMS[Rel.OF_COURSE])
    ORDERED_BY = strawberry.enum_value("ORDERED_BY", description=_LINK_TERMS[Rel.ORDERED_BY])
    TAUGHT_BY = strawberry.enum_value("TAUGHT_BY", description=_LINK_TERMS[Rel.TAUGHT_BY])
    ATTENDED = strawberry.enum_value("ATTENDED", description=_LINK_TERMS[Rel.ATTENDED])

    @property
    def rel(self) -> Rel:
        return Rel[self.name]


@strawberry.type(description="What a write did (写入结果).")
class WriteResult:
    id: strawberry.ID = strawberry.field(description="The node written, or the relationship's start (节点).")
    other_id: strawberry.ID | None = strawberry.field(
        description="The relationship's end, for a link (关系终点)."
    )
    kind: str = strawberry.field(description="The node's label or the relationship's type (类型).")
    props: JSON = strawberry.field(description="Its properties as they now are (当前属性).")
    ended: list[strawberry.ID] = strawberry.field(
        description="Where a move ended the old link: the old parent or home (结束的旧关系终点)."
    )


@strawberry.enum(description="What a recorded write did (变更类型).")
class ChangeAction(Enum):
    CREATE_NODE = strawberry.enum_value("CREATE_NODE", description="A node was created (新建).")
    UPDATE_NODE = strawberry.enum_value("UPDATE_NODE", description="A node's properties changed (修改).")
    END_NODE = strawberry.enum_value("END_NODE", description="A node ended, with its lasting links (撤销).")
    CREATE_LINK = strawberry.enum_value("CREATE_LINK", description="A relationship began (建立关系).")
    UPDATE_LINK = strawberry.enum_value(
        "UPDATE_LINK", description="A relationship's properties changed (修改关系)."
    )
    END_LINK = strawberry.enum_value("END_LINK", description="A relationship ended: `until` set (结束关系).")


@strawberry.type(description="One property as it was and as it became (属性变更); null for absent.")
class PropertyChange:
    property: str = strawberry.field(description="The property's name (属性).")
    before: JSON | None = strawberry.field(description="Its value before (原值).")
    after: JSON | None = strawberry.field(description="Its value after (新值).")


@strawberry.type(description="One recorded write (变更记录): who, when, what, and what changed.")
class Change:
    at: datetime = strawberry.field(description="When (时间).")
    by: str = strawberry.field(description="Who: the writer's role and token subject or scope (操作人).")
    action: ChangeAction = strawberry.field(description="What kind of write (变更类型).")
    subject_id: strawberry.ID = strawberry.field(description="The node, or the relationship's start (对象).")
    other_id: strawberry.ID | None = strawberry.field(description="The relationship's end (关系终点).")
    link: str | None = strawberry.field(description="The relationship's type, for a link (关系类型).")
    changes: list[PropertyChange] = strawberry.field(description="The properties that changed (属性变更).")


# --- Checking the properties written ---------------------------------------------------------------


def _refusal(error: ValidationError) -> BadInput:
    """The first problem of a validation as BadInput naming the property; personal values withheld."""
    detail = error.errors()[0]
    field = ".".join(str(part) for part in detail.get("loc", ())) or "?"
    if detail["type"] == "missing":
        message = "a value is required"
    elif detail["type"] == "extra_forbidden":
        message = "no such property"
    elif field.split(".")[0] in PERSONAL:
        message = "not a valid value (value withheld: personal data)"
    else:
        message = str(detail["msg"])
    return BadInput(f"props.{field}", message)


def _json_safe(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def checked_node_props(label: Label, props: dict[str, Any]) -> dict[str, Any]:
    """The props of a node of `label` as stored, or BadInput naming the property at fault."""
    reserved = sorted(RESERVED & set(props) - {"id"})
    if reserved:
        raise BadInput("props", f"{', '.join(reserved)} are set by the writes themselves")
    try:
        row = NODE_ROWS[label].model_validate({"id": props.get("id", "new"), **props})
    except ValidationError as error:
        raise _refusal(error) from None
    return {k: v for k, v in row.model_dump(exclude_none=True).items() if k != "id"}


def checked_link_props(rel: Rel, props: dict[str, Any]) -> dict[str, Any]:
    """The props of a relationship as stored (without its ends and dates), or BadInput."""
    reserved = sorted(RESERVED & set(props))
    if reserved:
        raise BadInput("props", f"{', '.join(reserved)} are set by the writes themselves (since, on)")
    try:
        row = REL_ROWS[rel].model_validate({"from": "a", "to": "b", **props})
    except ValidationError as error:
        raise _refusal(error) from None
    return row.model_dump(exclude_none=True, exclude={"from_", "to", "since", "until"})


def as_json(props: dict[str, Any]) -> JSON:
    """Properties as the JSON scalar carries them: dates as ISO 8601 text."""
    return cast(JSON, {k: _json_safe(v) for k, v in props.items()})
