"""Supervision (督导) in GraphQL: findings with their timelines, weekly task items, and the report."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry

from graph import service
from graph.reads import Node
from schema.types.areas import Area
from schema.types.base import wrap
from schema.types.organisations import Unit
from schema.types.people import Person
from schema.types.requests import TimelineEvent

Responsible = Annotated[
    Person | Unit,
    strawberry.union("Responsible", description="Who answers for a finding (责任主体): a person or a unit."),
]


@strawberry.type(
    description="A supervision finding (督导问题): found in an area, assigned to a person or unit, answered in "
    "public (REPLIED) and rectified (FIXED) by its deadline, or not."
)
class Finding:
    record: strawberry.Private[service.TrackedWork]

    @strawberry.field(description="Its id (编号).")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.node.id)

    @strawberry.field(description="What it is, in a line (标题).")
    def title(self) -> str:
        return str(self.record.node.get("title"))

    @strawberry.field(description="Where it stands (整改状态): OPEN -> REPLIED -> FIXED.")
    def status(self) -> str:
        return str(self.record.node.get("status"))

    @strawberry.field(description="When it was found (发现时间).")
    def found_at(self) -> datetime | None:
        return self.record.node.get("foundAt")  # type: ignore[no-any-return]

    @strawberry.field(description="Its deadline (整改时限).")
    def due_at(self) -> datetime:
        return self.record.node.get("dueAt")  # type: ignore[no-any-return]

    @strawberry.field(description="The public reply of whoever answers for it (公开答复).")
    def reply(self) -> str | None:
        return self.record.node.get("reply")  # type: ignore[no-any-return]

    @strawberry.field(description="What was done to rectify it (整改结果).")
    def result(self) -> str | None:
        return self.record.node.get("result")  # type: ignore[no-any-return]

    @strawberry.field(description="The area it was found in or assigned to (区域).")
    def area(self) -> Area | None:
        return wrap(self.record.area) if self.record.area is not None else None

    @strawberry.field(description="Who answers for it (责任主体).")
    def responsible(self) -> list[Responsible]:
        return [wrap(node) for node in self.record.responsible]

    @strawberry.field(description="Every move made on it, oldest first (办理记录).")
    def timeline(self) -> list[TimelineEvent]:
        return [TimelineEvent.of(event) for event in self.record.events]


@strawberry.type(
    description="An item of a weekly task list (每周任务清单), assigned to an area: OPEN until DONE."
)
class TaskItem:
    record: strawberry.Private[service.TrackedWork]

    @strawberry.field(description="Its id (编号).")
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.node.id)

    @strawberry.field(description="What it is, in a line (标题).")
    def title(self) -> str:
        return str(self.record.node.get("title"))

    @strawberry.field(description="Where it stands (状态): OPEN or DONE.")
    def status(self) -> str:
        return str(self.record.node.get("status"))

    @strawberry.field(description="Its deadline (整改时限).")
    def due_at(self) -> datetime:
        return self.record.node.get("dueAt")  # type: ignore[no-any-return]

    @strawberry.field(description="The area it was found in or assigned to (区域).")
    def area(self) -> Area | None:
        return wrap(self.record.area) if self.record.area is not None else None

    @strawberry.field(description="Every move made on it, oldest first (办理记录).")
    def timeline(self) -> list[TimelineEvent]:
        return [TimelineEvent.of(event) for event in self.record.events]


@strawberry.type(
    description="Tracked work counted (办理统计): done on time, done late, past due, not yet due."
)
class WorkTally:
    total: int = strawberry.field(description="All of it (总数).")
    done_on_time: int = strawberry.field(description="Done by its deadline (按时完成).")
    done_late: int = strawberry.field(description="Done after its deadline (逾期完成).")
    overdue: int = strawberry.field(description="Still open past its deadline (逾期未完成).")
    pending: int = strawberry.field(description="Open, not yet due (未到期).")

    @classmethod
    def of(cls, tally: service.WorkTally) -> WorkTally:
        return cls(
            total=tally.total,
            done_on_time=tally.done_on_time,
            done_late=tally.done_late,
            overdue=tally.overdue,
            pending=tally.pending,
        )


@strawberry.type(description="One area's tally (区域统计).")
class AreaWorkTally:
    area: Area = strawberry.field(description="The area (区域).")
    tally: WorkTally = strawberry.field(description="Its work counted (办理统计).")


@strawberry.type(description="One responsible person's or unit's tally (责任主体统计).")
class ResponsibleWorkTally:
    responsible: Responsible = strawberry.field(description="Who answers for it (责任主体).")
    tally: WorkTally = strawberry.field(description="Their work counted (办理统计).")


@strawberry.type(description="A finding still open past its deadline (逾期未整改问题).")
class OverdueFinding:
    id: strawberry.ID = strawberry.field(description="The finding's id (编号).")
    title: str = strawberry.field(description="What it is, in a line (标题).")
    due_at: datetime = strawberry.field(description="Its deadline (整改时限).")
    area: Area = strawberry.field(description="The area it was found in (区域).")
    responsible: list[Responsible] = strawberry.field(description="Who answers for it (责任主体).")
    group_name: str | None = strawberry.field(description="The supervision group that found it (督导组).")


@strawberry.type(
    description="督导: findings of a period per area (the scope first, then its child areas) and per "
    "responsible person or unit, the findings still open past their deadline, and weekly task items."
)
class SupervisionReport:
    findings: WorkTally = strawberry.field(description="The scope's findings of the period (督导问题).")
    findings_by_area: list[AreaWorkTally] = strawberry.field(
        description="Findings per area, the scope first, then its child areas (分区域)."
    )
    findings_by_responsible: list[ResponsibleWorkTally] = strawberry.field(
        description="Findings per responsible person or unit (分责任主体)."
    )
    overdue: list[OverdueFinding] = strawberry.field(
        description="Open past their deadline now, whenever they were found (逾期未整改)."
    )
    tasks: WorkTally = strawberry.field(description="The scope's task items due in the period (任务清单).")
    tasks_by_area: list[AreaWorkTally] = strawberry.field(
        description="Task items per area, the scope first, then its child areas (分区域任务)."
    )

    @classmethod
    def of(cls, report: service.SupervisionReport) -> SupervisionReport:
        def by_area(rows: tuple[service.AreaTally, ...]) -> list[AreaWorkTally]:
            return [AreaWorkTally(area=wrap(r.area), tally=WorkTally.of(r.tally)) for r in rows]

        return cls(
            findings=WorkTally.of(report.findings_by_area[0].tally),
            findings_by_area=by_area(report.findings_by_area),
            findings_by_responsible=[
                ResponsibleWorkTally(responsible=wrap(r.responsible), tally=WorkTally.of(r.tally))
                for r in report.findings_by_responsible
            ],
            overdue=[_overdue(o) for o in report.overdue],
            tasks=WorkTally.of(report.tasks_by_area[0].tally),
            tasks_by_area=by_area(report.tasks_by_area),
        )


def _overdue(found: service.OverdueFinding) -> OverdueFinding:
    group: Node | None = found.group
    name: Any = group.get("name") if group is not None else None
    return OverdueFinding(
        id=strawberry.ID(found.finding.id),
        title=str(found.finding.get("title")),
        due_at=found.finding.get("dueAt"),
        area=wrap(found.area),
        responsible=[wrap(node) for node in found.responsible],
        group_name=name,
    )
