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

Responsible = Annotated[Person | Unit, strawberry.union("Responsible")]


@strawberry.type(
    description="A supervision finding: found in an area, assigned to a person or unit, answered in "
    "public (REPLIED) and rectified (FIXED) by its deadline, or not."
)
class Finding:
    record: strawberry.Private[service.TrackedWork]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.node.id)

    @strawberry.field
    def title(self) -> str:
        return str(self.record.node.get("title"))

    @strawberry.field(description="OPEN -> REPLIED -> FIXED.")
    def status(self) -> str:
        return str(self.record.node.get("status"))

    @strawberry.field
    def found_at(self) -> datetime | None:
        return self.record.node.get("foundAt")  # type: ignore[no-any-return]

    @strawberry.field
    def due_at(self) -> datetime:
        return self.record.node.get("dueAt")  # type: ignore[no-any-return]

    @strawberry.field(description="The public reply of whoever answers for it.")
    def reply(self) -> str | None:
        return self.record.node.get("reply")  # type: ignore[no-any-return]

    @strawberry.field(description="What was done to rectify it.")
    def result(self) -> str | None:
        return self.record.node.get("result")  # type: ignore[no-any-return]

    @strawberry.field
    def area(self) -> Area | None:
        return wrap(self.record.area) if self.record.area is not None else None

    @strawberry.field
    def responsible(self) -> list[Responsible]:
        return [wrap(node) for node in self.record.responsible]

    @strawberry.field
    def timeline(self) -> list[TimelineEvent]:
        return [TimelineEvent.of(event) for event in self.record.events]


@strawberry.type(description="An item of a weekly task list, assigned to an area: OPEN until DONE.")
class TaskItem:
    record: strawberry.Private[service.TrackedWork]

    @strawberry.field
    def id(self) -> strawberry.ID:
        return strawberry.ID(self.record.node.id)

    @strawberry.field
    def title(self) -> str:
        return str(self.record.node.get("title"))

    @strawberry.field
    def status(self) -> str:
        return str(self.record.node.get("status"))

    @strawberry.field
    def due_at(self) -> datetime:
        return self.record.node.get("dueAt")  # type: ignore[no-any-return]

    @strawberry.field
    def area(self) -> Area | None:
        return wrap(self.record.area) if self.record.area is not None else None

    @strawberry.field
    def timeline(self) -> list[TimelineEvent]:
        return [TimelineEvent.of(event) for event in self.record.events]


@strawberry.type(description="Tracked work counted: done on time, done late, past due, not yet due.")
class WorkTally:
    total: int
    done_on_time: int
    done_late: int
    overdue: int = strawberry.field(description="Still open past its deadline.")
    pending: int = strawberry.field(description="Open, not yet due.")

    @classmethod
    def of(cls, tally: service.WorkTally) -> WorkTally:
        return cls(
            total=tally.total,
            done_on_time=tally.done_on_time,
            done_late=tally.done_late,
            overdue=tally.overdue,
            pending=tally.pending,
        )


@strawberry.type
class AreaWorkTally:
    area: Area
    tally: WorkTally


@strawberry.type
class ResponsibleWorkTally:
    responsible: Responsible
    tally: WorkTally


@strawberry.type
class OverdueFinding:
    id: strawberry.ID
    title: str
    due_at: datetime
    area: Area
    responsible: list[Responsible]
    group_name: str | None


@strawberry.type(
    description="督导: findings of a period per area (the scope first, then its child areas) and per "
    "responsible person or unit, the findings still open past their deadline, and weekly task items."
)
class SupervisionReport:
    findings: WorkTally = strawberry.field(description="The scope's findings of the period.")
    findings_by_area: list[AreaWorkTally]
    findings_by_responsible: list[ResponsibleWorkTally]
    overdue: list[OverdueFinding] = strawberry.field(
        description="Open past their deadline now, whenever they were found."
    )
    tasks: WorkTally = strawberry.field(description="The scope's task items due in the period.")
    tasks_by_area: list[AreaWorkTally]

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
