"""The GraphQL types of the practice's pieces: the five-level party organisation, the community's
environment and property management committee, community workers and cadres sent down, and ordered
training (点单式培训) with its courses, sessions, attendance and totals.

`party_chain`, `training_record`, `community_workers`, `community_committee` and `courses_offered`
answer fields of the area, person and organisation types (Building.partyChain, Person.trainingRecord,
Community.workers, Community.committee, Unit.courses).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from graph.model import Label
from graph.practice import PartyLevel, TrainingTotals, WorkerKind
from graph.statements.practice import PracticeLink
from schema.types import Area, Community, Info, Organisation, Person, wrap
from schema.types.base import node_type
from schema.types.described import described_enum

described_enum(
    PartyLevel,
    name="PartyLevel",
    description="A level of the party organisation (党组织层级).",
    values={
        "STREET": "The street party working committee (街道党工委).",
        "COMMUNITY": "The community party organisation (社区党组织).",
        "GRID": "The grid party branch (网格党支部).",
        "BUILDING": "The building party group (楼栋党小组).",
        "HOUSEHOLD": "The party-member central households (党员中心户).",
    },
)
described_enum(
    WorkerKind,
    name="WorkerKind",
    description="How someone works in a community (社区工作人员类别).",
    values={
        "FULL_TIME": "A full-time community worker (社区专职工作者).",
        "SENT_DOWN": "A cadre sent down from a unit to work in the community (下沉干部).",
    },
)


async def linked(info: Info, link: PracticeLink, node_id: str) -> list[Any]:
    return [wrap(n.node) for n in await info.context.dataloaders.practice_neighbours.load((link, node_id))]


# --- Posts and the party organisation ------------------------------------------------------------


@strawberry.type(description="Someone holding a post in an organisation (职务): who, and the post.")
class Post:
    person: Person = strawberry.field(description="Who holds the post (人员).")
    role: str | None = strawberry.field(
        description="The post (职务): SECRETARY 书记, DEPUTY_SECRETARY 副书记, LEADER 组长, DIRECTOR 主任, "
        "MEMBER 委员/成员, TRAINER 师资 ..."
    )


async def posts(info: Info, organisation_id: str) -> list[Post]:
    found = await info.context.dataloaders.practice_neighbours.load(
        (PracticeLink.POSTS_OF_ORGANISATION, organisation_id)
    )
    return [Post(person=wrap(n.node), role=n.link.get("role")) for n in found]


@node_type(
    Label.PARTY_COMMITTEE,
    description="A party committee (党委): of a street, 街道党工委 (street party working committee), or of "
    "a community, 社区党组织 (community party organisation).",
)
class PartyCommittee(Organisation):
    @strawberry.field(description="The people on it and their posts (成员及职务).")
    async def posts(self, info: Info) -> list[Post]:
        return await posts(info, self.id)

    @strawberry.field(description="The street or community it leads (所领导的街道或社区).")
    async def organises(self, info: Info) -> list[Area]:
        return await linked(info, PracticeLink.AREAS_ORGANISED, self.id)


@node_type(
    Label.PARTY_GROUP, description="A building party group (楼栋党小组): the party members of one building."
)
class PartyGroup(Organisation):
    @strawberry.field(description="The people in it and their posts (成员及职务): LEADER 组长, MEMBER 党员.")
    async def posts(self, info: Info) -> list[Post]:
        return await posts(info, self.id)

    @strawberry.field(description="The building it organises (所在楼栋).")
    async def organises(self, info: Info) -> list[Area]:
        return await linked(info, PracticeLink.AREAS_ORGANISED, self.id)


@node_type(
    Label.ENVIRONMENT_COMMITTEE,
    description="A community's environment and property management committee (环境和物业管理委员会): "
    "residents, party members and property staff who oversee the community's environment and "
    "property service.",
)
class EnvironmentCommittee(Organisation):
    established: date | None = strawberry.field(description="When it was set up (成立日期).")

    @strawberry.field(description="Its members and their posts (成员及职务): DIRECTOR 主任, MEMBER 委员.")
    async def posts(self, info: Info) -> list[Post]:
        return await posts(info, self.id)

    @strawberry.field(description="The community it serves (所属社区).")
    async def community(self, info: Info) -> Community | None:
        found = await linked(info, PracticeLink.COMMUNITY_OVERSEEN, self.id)
        return found[0] if found else None


@strawberry.type(
    description="Someone at one level of the party organisation (党组织中的人员) and their posts."
)
class PartyChainPost:
    person: Person = strawberry.field(description="Who (人员).")
    roles: list[str] = strawberry.field(
        description="Their posts at this level (职务): SECRETARY 书记, LEADER 组长/网格长/楼栋长, "
        "MEMBER 党员, CENTRAL_HOUSEHOLD 党员中心户."
    )


@strawberry.type(
    description="One of the five levels of the party organisation above a building (党组织层级): street, "
    "community, grid, building, central households."
)
class PartyChainLevel:
    level: PartyLevel = strawberry.field(
        description="STREET 街道党工委, COMMUNITY 社区党组织, GRID 网格党支部, BUILDING 楼栋党小组, "
        "HOUSEHOLD 党员中心户."
    )
    via: strawberry.ID | None = strawberry.field(
        description="The area this level sits on (所在区域); null when the building has no such area."
    )
    organisations: list[Organisation] = strawberry.field(
        description="The party organisations at this level (该层级党组织); none for central households."
    )
    people: list[PartyChainPost] = strawberry.field(description="The people at this level (该层级人员).")


async def party_chain(info: Info, building_id: str) -> list[PartyChainLevel]:
    """Building.partyChain: the five levels above a building, highest first, each with its people."""
    rungs = await info.context.dataloaders.party_chain.load(building_id)
    return [
        PartyChainLevel(
            level=rung.level,
            via=strawberry.ID(rung.via) if rung.via is not None else None,
            organisations=[wrap(o) for o in rung.organisations],
            people=[PartyChainPost(person=wrap(p.person), roles=list(p.roles)) for p in rung.posts],
        )
        for rung in rungs
    ]


# --- Community workers and the committee ----------------------------------------------------------


@strawberry.type(
    description="Someone working in a community (社区工作人员): a full-time community worker "
    "(社区专职工作者) or a cadre sent down from a unit (下沉干部), with dates."
)
class CommunityWorker:
    kind: WorkerKind = strawberry.field(description="FULL_TIME 社区专职工作者 or SENT_DOWN 下沉干部.")
    person: Person = strawberry.field(description="Who (人员).")
    post: str | None = strawberry.field(description="Their post (岗位), e.g. 网格员, 社会工作者.")
    since: date | None = strawberry.field(description="First day (起始日期).")
    until: date | None = strawberry.field(description="Last day, if it has ended or will end (结束日期).")
    unit: Organisation | None = strawberry.field(description="The unit a cadre was sent from (派出单位).")


async def community_workers(
    info: Info, community_id: str, include_ended: bool = False
) -> list[CommunityWorker]:
    """Community.workers: current full-time workers and cadres sent down (and ended ones on request)."""
    found = await info.context.dataloaders.workers.load((community_id, include_ended))
    return [
        CommunityWorker(
            kind=w.kind,
            person=wrap(w.person),
            post=w.post,
            since=w.since,
            until=w.until,
            unit=wrap(w.unit) if w.unit is not None else None,
        )
        for w in found
    ]


async def community_committee(info: Info, community_id: str) -> EnvironmentCommittee | None:
    """Community.committee: its current environment and property management committee, if any."""
    found = await linked(info, PracticeLink.COMMITTEES_OF_COMMUNITY, community_id)
    return found[0] if found else None


# --- Training ----------------------------------------------------------------------------------------


@node_type(
    Label.COURSE,
    description="A training course (培训课程) of ordered training (点单式培训), on one topic, offered by "
    "providers such as universities and taught by trainers from the trainer pool (师资库).",
)
class Course:
    id: strawberry.ID = strawberry.field(description="The course's id (编号).")
    name: str = strawberry.field(description="The course's name (课程名称).")
    topic: str = strawberry.field(
        description="Topic code (培训主题): FIRST_AID 生命急救, DISEASE_PREVENTION 疾病预防, "
        "MEDIATION 矛盾调处, POLICY 政策理论, PSYCHOLOGICAL 心理疏导, FIRE_SAFETY 消防安全, "
        "ELDERLY_CARE 养老护理."
    )
    hours: float | None = strawberry.field(description="Length of one session in hours (课时).")
    node: strawberry.Private[Any]

    @strawberry.field(description="Who offers it (培训提供方), e.g. a university.")
    async def providers(self, info: Info) -> list[Organisation]:
        return await linked(info, PracticeLink.PROVIDERS_OF_COURSE, self.id)

    @strawberry.field(description="Trainers who teach it (师资库中的授课教师).")
    async def trainers(self, info: Info) -> list[Person]:
        return await linked(info, PracticeLink.TRAINERS_OF_COURSE, self.id)

    @strawberry.field(description="Sessions of it that communities ordered (培训场次).")
    async def sessions(self, info: Info) -> list[TrainingSession]:
        return await linked(info, PracticeLink.SESSIONS_OF_COURSE, self.id)


@strawberry.type(description="One attendance (参训记录): who attended and their score.")
class SessionAttendee:
    person: Person = strawberry.field(description="Who attended (参训人员).")
    score: float | None = strawberry.field(description="Assessment score, 0-100 (考核成绩), if assessed.")


@node_type(
    Label.TRAINING_SESSION,
    description="A training session (培训场次): one course, ordered by one community (点单), on one day.",
)
class TrainingSession:
    id: strawberry.ID = strawberry.field(description="The session's id (编号).")
    name: str = strawberry.field(description="The session's name (场次名称).")
    date: date = strawberry.field(description="The day it was held (培训日期).")
    hours: float | None = strawberry.field(description="Hours of training (课时).")
    node: strawberry.Private[Any]

    @strawberry.field(description="The course taught (课程).")
    async def course(self, info: Info) -> Course | None:
        found = await linked(info, PracticeLink.COURSE_OF_SESSION, self.id)
        return found[0] if found else None

    @strawberry.field(description="The community that ordered it (点单社区).")
    async def community(self, info: Info) -> Community | None:
        found = await linked(info, PracticeLink.COMMUNITY_OF_SESSION, self.id)
        return found[0] if found else None

    @strawberry.field(description="Who taught it (授课教师).")
    async def trainers(self, info: Info) -> list[Person]:
        return await linked(info, PracticeLink.TRAINERS_OF_SESSION, self.id)

    @strawberry.field(description="Who attended, with scores (参训人员及成绩).")
    async def attendees(self, info: Info) -> list[SessionAttendee]:
        found = await info.context.dataloaders.practice_neighbours.load(
            (PracticeLink.ATTENDEES_OF_SESSION, self.id)
        )
        return [SessionAttendee(person=wrap(n.node), score=n.link.get("score")) for n in found]


@strawberry.type(description="One line of a training record (培训档案): a session attended and its score.")
class Attendance:
    session: TrainingSession = strawberry.field(description="The session (培训场次).")
    score: float | None = strawberry.field(description="Assessment score, 0-100 (考核成绩).")
    course: Course | None = strawberry.field(description="Its course (课程).")
    community: Community | None = strawberry.field(description="The community that ordered it (点单社区).")


@strawberry.type(description="A person's training record (培训档案): every session attended, earliest first.")
class TrainingRecord:
    sessions: list[Attendance] = strawberry.field(description="Sessions attended (参训场次).")
    session_count: int = strawberry.field(description="How many sessions (参训次数).")
    hours: float = strawberry.field(description="Hours of training in all (累计学时).")
    mean_score: float | None = strawberry.field(description="Mean of the scores given (平均成绩).")


async def training_record(info: Info, person_id: str) -> TrainingRecord:
    """Person.trainingRecord: every session the person attended, with totals."""
    found = await info.context.dataloaders.training.load(person_id)
    scores = [a.score for a in found if a.score is not None]
    return TrainingRecord(
        sessions=[
            Attendance(
                session=wrap(a.session),
                score=a.score,
                course=wrap(a.course) if a.course is not None else None,
                community=wrap(a.community) if a.community is not None else None,
            )
            for a in found
        ],
        session_count=len(found),
        hours=float(sum(a.session.get("hours") or 0 for a in found)),
        mean_score=sum(scores) / len(scores) if scores else None,
    )


async def courses_offered(info: Info, organisation_id: str) -> list[Course]:
    """Unit.courses (or any provider's): the courses it offers."""
    return await linked(info, PracticeLink.COURSES_OFFERED, organisation_id)


@strawberry.type(
    name="TrainingTotals",
    description="Training totals of an area (培训统计): what its communities ordered and who came.",
)
class TrainingTotalsType:
    sessions: int = strawberry.field(description="Sessions held (培训场次数).")
    attendances: int = strawberry.field(description="Attendances (参训人次).")
    people: int = strawberry.field(description="Different people trained (参训人数).")
    person_hours: float = strawberry.field(description="Hours of training times attendees (总学时).")
    mean_score: float | None = strawberry.field(
        description="Mean score of the assessed attendances (平均成绩)."
    )

    @classmethod
    def from_record(cls, totals: TrainingTotals) -> TrainingTotalsType:
        return cls(
            sessions=totals.sessions,
            attendances=totals.attendances,
            people=totals.people,
            person_hours=totals.person_hours,
            mean_score=totals.mean_score,
        )
