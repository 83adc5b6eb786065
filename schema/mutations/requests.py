"""Mutations of the service platform: requests move through their states, posts are claimed, findings fixed.

Who may do what: nobody without a role and no ANALYST writes; an AREA_ADMIN writes inside their
scope's subtree; a VOLUNTEER raises requests, accepts as themselves, completes what they accepted, and
claims or leaves posts as themselves; a CITY_ADMIN everything.
Each move is one conditional write in graph/service/; its refusal becomes the matching error code.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated

import strawberry

from graph import service
from graph.model import SKILLS, Label
from graph.service.moves import Move
from graph.service.supervision import WORK_NOUN
from schema.errors import ErrorCode, api_error, graph_refusals
from schema.permissions import Role, Viewer
from schema.queries.requests import in_city_time, now
from schema.types.base import Info
from schema.types.posts import ServicePost
from schema.types.requests import RequestKind, ServiceRequest
from schema.types.supervision import Finding, TaskItem

# Where a request may be raised (docs/domain.md, "Service work"): a building, a community or a street.
RAISED_IN = frozenset({Label.BUILDING, Label.COMMUNITY, Label.STREET})
MAX_TEXT = 500


@strawberry.input(description="A new service request (服务诉求).")
class RaiseRequestInput:
    kind: RequestKind = strawberry.field(description="What kind of request (诉求类型).")
    title: str = strawberry.field(description="What is asked, in a line (标题).")
    area_id: strawberry.ID = strawberry.field(
        description="Where it is raised (所在区域): a building, community or street."
    )
    raised_by_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Who asks (诉求人); a volunteer raises as themselves (the default for them).",
    )
    due_at: datetime | None = strawberry.field(
        default=None,
        description="When it must be done (办结时限); 72 hours from now (the policy) if not given.",
    )
    skill: str | None = strawberry.field(
        default=None, description="The skill it calls for, if any (所需技能)."
    )
    property_company_id: strawberry.ID | None = strawberry.field(
        default=None, description="The property company a complaint concerns (被投诉物业)."
    )


@strawberry.input(description="A new supervision finding (督导问题).")
class RecordFindingInput:
    group_id: strawberry.ID = strawberry.field(description="The supervision group recording it (督导组).")
    title: str = strawberry.field(description="What was found, in a line (标题).")
    area_id: strawberry.ID = strawberry.field(description="Where it was found (区域).")
    responsible_id: strawberry.ID = strawberry.field(
        description="The person or unit that answers for it (责任主体)."
    )
    due_at: datetime = strawberry.field(description="Its deadline for rectification (整改时限).")


RequestId = Annotated[strawberry.ID, strawberry.argument(description="The request's id (诉求编号).")]
UnitId = Annotated[strawberry.ID, strawberry.argument(description="The unit's id (单位编号).")]
PersonId = Annotated[strawberry.ID, strawberry.argument(description="The person's id (人员编号).")]
PostId = Annotated[strawberry.ID, strawberry.argument(description="The post's id (岗位编号).")]
FindingId = Annotated[strawberry.ID, strawberry.argument(description="The finding's id (问题编号).")]


def actor(viewer: Viewer) -> str | None:
    """Who makes a move, for the timeline: the token's subject, else the role and its scope."""
    if viewer.subject is not None:
        return viewer.subject
    if viewer.role is None:
        return None
    return f"{viewer.role.value}:{viewer.scope}" if viewer.scope else viewer.role.value


def forbidden(message: str) -> Exception:
    return api_error(ErrorCode.FORBIDDEN, message)


def text(name: str, value: str) -> str:
    value = value.strip()
    if not value or len(value) > MAX_TEXT:
        raise api_error(ErrorCode.BAD_INPUT, f"{name}: expected 1 to {MAX_TEXT} characters")
    return value


async def _request(info: Info, request_id: str) -> service.Request:
    found = await service.request(info.context.graph, request_id, today=info.context.today)
    if found is None:
        raise api_error(ErrorCode.NOT_FOUND, f"no request has id {request_id}")
    return found


def _check(viewer: Viewer, found: service.Request, move: Move, person_id: str | None = None) -> None:
    """FORBIDDEN unless this viewer may make this move on this request."""
    if viewer.may_act_in(found.areas):
        return
    if viewer.role is Role.VOLUNTEER and viewer.subject is not None:
        me = viewer.subject
        holder = found.accepted_by.id if found.accepted_by else None
        if (move is Move.ACCEPT and person_id == me) or (move is Move.COMPLETE and holder == me):
            return
        raise forbidden(f"a volunteer may not {move.value.lower()} request {found.id} (see docs/service.md)")
    if viewer.role is Role.AREA_ADMIN:
        raise forbidden(f"request {found.id} lies outside area {viewer.scope}")
    raise forbidden(
        f"a {viewer.role.value if viewer.role else 'caller without a token'} may not change requests"
    )


async def _move(
    info: Info,
    request_id: str,
    move: Move,
    *,
    target: str | None = None,
    note: str | None = None,
    satisfaction: int | None = None,
) -> ServiceRequest:
    context = info.context
    found = await _request(info, request_id)
    _check(context.viewer, found, move, target)
    with graph_refusals():
        await service.move_request(
            context.graph,
            move,
            found,
            now=now(),
            by=actor(context.viewer),
            target=target,
            note=note,
            satisfaction=satisfaction,
        )
    return ServiceRequest(record=await _request(info, request_id))


@strawberry.type
class RequestMutations:
    @strawberry.mutation(
        description="Raise a request (提出诉求; OPEN); it is due 72 hours from now unless dueAt says."
    )
    async def raise_request(
        self,
        info: Info,
        input: Annotated[RaiseRequestInput, strawberry.argument(description="The request (诉求).")],
    ) -> ServiceRequest:
        context, viewer = info.context, info.context.viewer
        if viewer.role not in (Role.CITY_ADMIN, Role.AREA_ADMIN, Role.VOLUNTEER):
            raise forbidden("raising a request needs a city admin, area admin or volunteer token")
        raiser = input.raised_by_id or (viewer.subject if viewer.role is Role.VOLUNTEER else None)
        if viewer.role is Role.VOLUNTEER and raiser != viewer.subject:
            raise forbidden("a volunteer raises requests as themselves")
        title = text("title", input.title)
        if input.skill is not None and input.skill not in SKILLS:
            raise api_error(ErrorCode.BAD_INPUT, f'skill: unknown skill code "{input.skill}"')
        due = in_city_time(input.due_at) if input.due_at is not None else None
        moment = now()
        if due is not None and due <= moment:
            raise api_error(ErrorCode.BAD_INPUT, "dueAt: must lie in the future")
        where = await service.raise_context(
            context.graph,
            area_id=input.area_id,
            raised_by=raiser,
            company_id=input.property_company_id,
            today=context.today,
        )
        if where.area is None:
            raise api_error(ErrorCode.NOT_FOUND, f"no area has id {input.area_id}")
        if where.area.label not in RAISED_IN:
            raise api_error(
                ErrorCode.BAD_INPUT,
                f"areaId: a request is raised in a building, community or street, not a {where.area.label}",
            )
        if raiser is not None and not where.raiser_found:
            raise api_error(ErrorCode.NOT_FOUND, f"no person has id {raiser}")
        if input.property_company_id is not None and not where.company_found:
            raise api_error(ErrorCode.NOT_FOUND, f"no property company has id {input.property_company_id}")
        if viewer.role is Role.AREA_ADMIN and not viewer.may_act_in(where.areas):
            raise forbidden(f"area {input.area_id} lies outside area {viewer.scope}")
        request_id = await service.raise_request(
            context.graph,
            kind=input.kind.value,
            title=title,
            area_id=input.area_id,
            raised_by=raiser,
            company_id=input.property_company_id,
            skill=input.skill,
            due_at=due,
            now=moment,
            by=actor(viewer),
        )
        return ServiceRequest(record=await _request(info, request_id))

    @strawberry.mutation(
        description="Dispatch (派单): OPEN -> DISPATCHED to a unit; a whistle while DISPATCHED is called "
        "to one more unit."
    )
    async def dispatch_request(self, info: Info, id: RequestId, unit_id: UnitId) -> ServiceRequest:
        return await _move(info, id, Move.DISPATCH, target=unit_id)

    @strawberry.mutation(
        description="Accept (接单): DISPATCHED -> ACCEPTED by one person; two at once: one wins, one "
        "CONFLICT."
    )
    async def accept_request(self, info: Info, id: RequestId, person_id: PersonId) -> ServiceRequest:
        return await _move(info, id, Move.ACCEPT, target=person_id)

    @strawberry.mutation(description="Complete (办结): ACCEPTED -> DONE.")
    async def complete_request(self, info: Info, id: RequestId) -> ServiceRequest:
        return await _move(info, id, Move.COMPLETE)

    @strawberry.mutation(
        description="Close (评价关闭): DONE -> CLOSED, with the requester's satisfaction (1..5)."
    )
    async def close_request(
        self,
        info: Info,
        id: RequestId,
        satisfaction: Annotated[
            int | None, strawberry.argument(description="Satisfaction (满意度), 1 to 5.")
        ] = None,
    ) -> ServiceRequest:
        if satisfaction is not None and not 1 <= satisfaction <= 5:
            raise api_error(ErrorCode.BAD_INPUT, f"satisfaction: expected 1 to 5, got {satisfaction}")
        return await _move(info, id, Move.CLOSE, satisfaction=satisfaction)

    @strawberry.mutation(
        description="Cancel (取消): OPEN, DISPATCHED or ACCEPTED -> CANCELLED, with the reason."
    )
    async def cancel_request(
        self,
        info: Info,
        id: RequestId,
        reason: Annotated[str, strawberry.argument(description="Why (取消原因).")],
    ) -> ServiceRequest:
        return await _move(info, id, Move.CANCEL, note=text("reason", reason))

    @strawberry.mutation(
        description="部门报到: a unit a whistle was dispatched to reports, once; the time is measured "
        "against the policy's response window."
    )
    async def report_whistle(self, info: Info, id: RequestId, unit_id: UnitId) -> ServiceRequest:
        return await _move(info, id, Move.REPORT, target=unit_id)

    @strawberry.mutation(description="认岗: claim a free slot of a post; a full post is a CONFLICT.")
    async def claim_post(self, info: Info, post_id: PostId, person_id: PersonId) -> ServicePost:
        return await _move_post(info, post_id, person_id, service.claim_post)

    @strawberry.mutation(description="Leave a post (离岗): the claim ends and becomes history.")
    async def leave_post(self, info: Info, post_id: PostId, person_id: PersonId) -> ServicePost:
        return await _move_post(info, post_id, person_id, service.leave_post)

    @strawberry.mutation(
        description="A supervision group records a finding (督导发现问题) in an area (OPEN)."
    )
    async def record_finding(
        self,
        info: Info,
        input: Annotated[RecordFindingInput, strawberry.argument(description="The finding (问题).")],
    ) -> Finding:
        context = info.context
        where = await service.raise_context(
            context.graph, area_id=input.area_id, raised_by=None, company_id=None, today=context.today
        )
        if where.area is None:
            raise api_error(ErrorCode.NOT_FOUND, f"no area has id {input.area_id}")
        if not context.viewer.may_act_in(where.areas):
            raise forbidden(
                f"only a city admin or an admin of an area holding {input.area_id} records findings"
            )
        moment = now()
        due = in_city_time(input.due_at)
        if due <= moment:
            raise api_error(ErrorCode.BAD_INPUT, "dueAt: must lie in the future")
        finding_id = await service.record_finding(
            context.graph,
            group_id=input.group_id,
            title=text("title", input.title),
            area_id=input.area_id,
            responsible_id=input.responsible_id,
            due_at=due,
            now=moment,
            by=actor(context.viewer),
        )
        if finding_id is None:
            raise api_error(
                ErrorCode.NOT_FOUND,
                f"no supervision group {input.group_id} or no person or unit {input.responsible_id}",
            )
        return Finding(record=await _work(info, finding_id, Label.FINDING))

    @strawberry.mutation(
        description="Reply (公开答复): OPEN -> REPLIED, the public reply of whoever answers for a finding."
    )
    async def reply_finding(
        self,
        info: Info,
        id: FindingId,
        reply: Annotated[str, strawberry.argument(description="The public reply (答复).")],
    ) -> Finding:
        return Finding(record=await _move_work(info, id, Label.FINDING, Move.REPLY, text("reply", reply)))

    @strawberry.mutation(
        description="Rectify (整改): REPLIED -> FIXED, with what was done; on time if by its deadline."
    )
    async def fix_finding(
        self,
        info: Info,
        id: FindingId,
        result: Annotated[str, strawberry.argument(description="What was done (整改结果).")],
    ) -> Finding:
        return Finding(record=await _move_work(info, id, Label.FINDING, Move.FIX, text("result", result)))

    @strawberry.mutation(description="Complete (完成): OPEN -> DONE for an item of a weekly task list.")
    async def complete_task_item(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="The task item's id (任务编号).")],
        note: Annotated[
            str | None, strawberry.argument(description="A note on what was done (备注).")
        ] = None,
    ) -> TaskItem:
        done = text("note", note) if note else None
        return TaskItem(record=await _move_work(info, id, Label.TASK_ITEM, Move.COMPLETE, done))


async def _post(info: Info, post_id: str) -> ServicePost:
    found = (await service.posts_by_id(info.context.graph, [post_id], today=info.context.today)).get(post_id)
    if found is None:
        raise api_error(ErrorCode.NOT_FOUND, f"no post has id {post_id}")
    return ServicePost(record=found)


async def _check_post(info: Info, post_id: str, person_id: str) -> None:
    viewer = info.context.viewer
    post = await _post(info, post_id)
    if viewer.may_act_in(post.record.areas):
        return
    if viewer.role is Role.VOLUNTEER:
        if viewer.subject == person_id:
            return
        raise forbidden("a volunteer claims and leaves posts as themselves")
    raise forbidden(f"post {post_id} lies outside what this token may change")


async def _move_post(
    info: Info, post_id: str, person_id: str, move: Callable[..., Awaitable[None]]
) -> ServicePost:
    """Claim or leave a post (`move`: `service.claim_post` or `service.leave_post`), then read it again."""
    await _check_post(info, post_id, person_id)
    with graph_refusals():
        await move(
            info.context.graph, post_id, person_id, today=info.context.today, by=actor(info.context.viewer)
        )
    return await _post(info, post_id)


async def _work(info: Info, work_id: str, label: Label) -> service.TrackedWork:
    found = await service.tracked_work(info.context.graph, work_id, today=info.context.today)
    if found is None or found.node.label is not label:
        raise api_error(ErrorCode.NOT_FOUND, f"no {WORK_NOUN[label]} has id {work_id}")
    return found


async def _move_work(
    info: Info, work_id: str, label: Label, move: Move, note: str | None
) -> service.TrackedWork:
    """Make one move on a finding or task item, then read it again as it now is."""
    context = info.context
    found = await _work(info, work_id, label)
    if not context.viewer.may_act_in(found.areas):
        raise forbidden(f"{work_id} lies outside what this token may change")
    with graph_refusals():
        await service.move_work(
            context.graph, label, move, work_id, note=note, now=now(), by=actor(context.viewer)
        )
    return await _work(info, work_id, label)
