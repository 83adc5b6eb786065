"""Reads shaped like their answers: a projection tree, compiled into one Cypher statement.

The GraphQL layer says what an answer holds (which properties, which links, nested how deep, what a
viewer may see) as a `Projection` built from the closed vocabulary of `graph.model` and `graph.links`;
this module turns it into one statement whose single value is the whole answer. Values come back as
positional lists (`[name, [[...], [...]]]`), never as maps keyed by request text: no name a client
chose ever reaches Cypher, and the caller knows which position holds which field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from itertools import count
from typing import Any

from graph.driver import Graph, Statement
from graph.links import (
    BRANCH_OF_MANAGER,
    LEVEL_PATHS,
    SERVICE_RULES,
    FieldFrom,
    Level,
    Link,
    ServiceRole,
    Step,
)
from graph.model import ENTITY, REL_KEYS, Label
from graph.statements import HIDDEN_RUNS, current, live, node_map, shown, step_pattern

# --- The projection tree ------------------------------------------------------------------------


class Cast(StrEnum):
    """How a stored value becomes the GraphQL scalar's value."""

    NONE = "NONE"
    FLOAT = "FLOAT"  # an integer stored for a Float field answers 120.0, not 120
    TEXT = "TEXT"  # dates and times answer as ISO 8601 text
    EMPTY_LIST = "EMPTY_LIST"  # a list property that is absent answers []


class Audience(StrEnum):
    """Whose personal data (phone, needs, home) the reader sees (docs/domain.md, "People")."""

    EVERYONE = "EVERYONE"  # a city administrator
    AREA = "AREA"  # residents whose home lies inside $audienceScope
    SUBJECT = "SUBJECT"  # $audienceSubject themself and the residents they currently help
    NOBODY = "NOBODY"  # analysts and anonymous readers


@dataclass(frozen=True)
class Prop:
    """A property of the node in scope."""

    name: str
    cast: Cast = Cast.NONE


@dataclass(frozen=True)
class RelProp:
    """A property of the relationship that reached the node in scope."""

    name: str
    cast: Cast = Cast.NONE


@dataclass(frozen=True)
class Masked:
    """A phone number: whole for a reader who sees the person's personal data, masked for others."""

    name: str


@dataclass(frozen=True)
class Personal:
    """`value` for a reader who sees the person in scope's personal data, `otherwise` for others."""

    value: Expr
    otherwise: Literal


@dataclass(frozen=True)
class Literal:
    value: bool | list[Any] | None


@dataclass(frozen=True)
class Follow:
    """The neighbours along `link`: a list, or the first one (`many=False`), ordered by id."""

    link: Link
    item: Shape
    many: bool = True
    visible_only: bool = False  # only people whose personal data the reader sees
    ended_too: bool = False  # relationships that ended or have not begun too, not only current ones


@dataclass(frozen=True)
class IsCurrent:
    """Whether the relationship that reached the node in scope counts today."""


@dataclass(frozen=True)
class ServiceColumn:
    """One column of a service link (role, level, via, field), inside `ServedBy`'s item."""

    name: str  # "role", "level", "via" or "field"


@dataclass(frozen=True)
class Holder:
    """The holder of a service link when it carries one of `labels`, else null."""

    labels: frozenset[Label]
    item: Shape


@dataclass(frozen=True)
class ServedBy:
    """Everyone and everything currently serving the building in scope, nearest level first."""

    item: tuple[Expr, ...]


@dataclass(frozen=True)
class NodeRecord:
    """The node in scope as stored: {id, label, props}, for readers that build objects from it."""


@dataclass(frozen=True)
class Shape:
    """The value of a node: one list of fields, or one per group of labels (an interface's types).

    With several variants the value is `[variant index, ...fields]`, the index telling which one.
    """

    variants: tuple[Variant, ...]

    @classmethod
    def of(cls, *fields: Expr) -> Shape:
        return cls((Variant(None, fields),))


@dataclass(frozen=True)
class Variant:
    labels: frozenset[Label] | None  # None: any node
    fields: tuple[Expr, ...]


Expr = (
    Prop
    | RelProp
    | Masked
    | Personal
    | Literal
    | Follow
    | ServedBy
    | ServiceColumn
    | Holder
    | NodeRecord
    | IsCurrent
    | Shape
)


@dataclass(frozen=True)
class ById:
    """The root of a read: the node with the id in parameter `param`, if it carries one of `labels`."""

    labels: frozenset[Label]
    param: str
    shape: Shape


# --- Compiling ----------------------------------------------------------------------------------


@dataclass
class _Names:
    """Fresh variable names for one statement."""

    counter: count[int] = field(default_factory=count)

    def new(self, prefix: str) -> str:
        return f"{prefix}{next(self.counter)}"


@dataclass(frozen=True)
class _Scope:
    node: str
    rel: str | None = None
    service: str | None = None  # the variable holding a service link's columns


STARS = "*" * 64  # a masked phone keeps 3 digits at the front and 4 at the end, the rest are stars


def sees(node: str, audience: Audience) -> str:
    """The Cypher predicate: the reader sees the personal data of the person in `node`."""
    if audience is Audience.EVERYONE:
        return "true"
    if audience is Audience.NOBODY:
        return "false"
    if audience is Audience.AREA:
        return (
            f"EXISTS {{ MATCH ({node})-[home:LIVES_IN]->(:Building)-[up:IN|PART_OF*0..5]->(area) "
            f"WHERE area.id = $audienceScope AND {live('home')} "
            f"AND all(step IN up WHERE {live('step')}) }}"
        )
    return (
        f"({node}.id = $audienceSubject OR EXISTS {{ MATCH (:Person {{id: $audienceSubject}})"
        f"-[helps:HELPS]->({node}) WHERE {live('helps')} }})"
    )


def _label_test(node: str, labels: frozenset[Label]) -> str:
    return " OR ".join(f"{node}:`{label.value}`" for label in sorted(labels))


def _cast(expression: str, cast: Cast) -> str:
    if cast is Cast.FLOAT:
        return f"toFloat({expression})"
    if cast is Cast.TEXT:
        return f"toString({expression})"
    if cast is Cast.EMPTY_LIST:
        return f"coalesce({expression}, [])"
    return expression


@dataclass
class _Compiler:
    audience: Audience
    names: _Names = field(default_factory=_Names)

    def expr(self, expr: Expr, scope: _Scope) -> str:
        match expr:
            case Prop(name, cast):
                return _cast(f"{scope.node}.`{name}`", cast)
            case RelProp(name, cast):
                return _cast(f"{scope.rel}.`{name}`", cast)
            case Masked(name):
                return self.masked(scope.node, name)
            case Personal(value, otherwise):
                inner, other = self.expr(value, scope), self.literal(otherwise)
                return f"CASE WHEN {sees(scope.node, self.audience)} THEN {inner} ELSE {other} END"
            case Literal():
                return self.literal(expr)
            case Follow():
                return self.follow(expr, scope)
            case ServedBy(item):
                return self.served_by(item, scope)
            case ServiceColumn(name):
                return f"{scope.service}.{name}"
            case Holder(labels, item):
                return f"CASE WHEN {_label_test(scope.node, labels)} THEN {self.shape(item, scope)} END"
            case IsCurrent():
                assert scope.rel is not None
                return f"({current(scope.rel)})"
            case NodeRecord():
                return node_map(scope.node)
            case Shape():
                return self.shape(expr, scope)
        raise TypeError(f"not a projection: {expr!r}")

    def literal(self, literal: Literal) -> str:
        if literal.value is None:
            return "null"
        if isinstance(literal.value, bool):
            return "true" if literal.value else "false"
        if literal.value == []:
            return "[]"
        raise ValueError(f"no Cypher for the literal {literal.value!r}")

    def masked(self, node: str, name: str) -> str:
        phone = f"{node}.`{name}`"
        return (
            f"CASE WHEN {phone} IS NULL THEN null WHEN {sees(node, self.audience)} THEN {phone} "
            f"WHEN size({phone}) <= 7 THEN substring('{STARS}', 0, size({phone})) "
            f"ELSE left({phone}, 3) + substring('{STARS}', 0, size({phone}) - 7) + right({phone}, 4) END"
        )

    def shape(self, shape: Shape, scope: _Scope) -> str:
        if len(shape.variants) == 1 and shape.variants[0].labels is None:
            return self.fields(shape.variants[0].fields, scope)
        cases = []
        for index, variant in enumerate(shape.variants):
            fields = self.fields(variant.fields, scope, head=str(index))
            test = "true" if variant.labels is None else _label_test(scope.node, variant.labels)
            cases.append(f"WHEN {test} THEN {fields}")
        return f"CASE {' '.join(cases)} END"

    def fields(self, fields: tuple[Expr, ...], scope: _Scope, head: str | None = None) -> str:
        parts = ([head] if head is not None else []) + [self.expr(f, scope) for f in fields]
        return f"[{', '.join(parts)}]"

    def follow(self, follow: Follow, scope: _Scope) -> str:
        step = follow.link.step
        node, rel = self.names.new("n"), self.names.new("r")
        keys = ", ".join(f"{rel}.`{key}`" for key in REL_KEYS.get(step.rel, ()))
        order = f"{node}.id" + (f", {keys}" if keys else "") + (f", {rel}.since" if follow.ended_too else "")
        where = ("true" if follow.ended_too else current(rel)) + f" AND {shown(node)} AND {shown(rel)}"
        if follow.visible_only:
            where += f" AND {sees(node, self.audience)}"
        item = self.shape(follow.item, _Scope(node, rel))
        limit = "" if follow.many else " LIMIT 1"
        collected = (
            f"COLLECT {{ MATCH ({scope.node}){step_pattern(step, rel)}({node}{_label(step.target)}) "
            f"WHERE {where} WITH {node}, {rel} ORDER BY {order}{limit} RETURN {item} }}"
        )
        return collected if follow.many else f"head({collected})"

    def served_by(self, item: tuple[Expr, ...], scope: _Scope) -> str:
        link, who = self.names.new("s"), self.names.new("who")
        branches = " UNION ".join(_service_branches(scope.node, who))
        fields = self.fields(item, _Scope(who, service=link))
        return (
            f"COLLECT {{ CALL ({scope.node}, hiddenRuns) {{ {branches} }} "
            f"WITH DISTINCT rel, level, via, field, {who} "
            f"WITH {{role: {_role_case()}, level: level, via: via, field: field}} AS {link}, {who} "
            f"ORDER BY {_order_case('level', Level)}, {_order_case('role', ServiceRole, link)}, "
            f"{who}.name, {who}.id "
            f"RETURN {fields} }}"
        )


def _label(label: Label | None) -> str:
    return f":`{label.value}`" if label is not None else f":`{ENTITY}`"


def _path(start: str, steps: tuple[Step, ...], end: str) -> str:
    """`(start)-[:A]->(:X)<-[:B]-(end)`: the steps from `start`, their relationships unnamed."""
    pattern, names = f"({start})", [f"hop{i}" for i in range(len(steps))]
    for i, step in enumerate(steps):
        target = end if i == len(steps) - 1 else ""
        pattern += f"{step_pattern(step, names[i])}({target}{_label(step.target)})"
    return pattern


def _service_branches(building: str, who: str) -> list[str]:
    """One UNION branch per level: the current relationships into that level's area."""
    branches = []
    for level, steps in LEVEL_PATHS.items():
        rules = [rule for rule in SERVICE_RULES if rule.level is level]
        area = "area"
        reach = _path(building, steps, area) if steps else f"({building})"
        hops = " AND ".join(live(f"hop{i}") for i in range(len(steps)))
        area_var = area if steps else building
        types = "|".join(rule.rel.value for rule in rules)
        field = _field_case(rules, who)
        match = (f"MATCH {reach} " if steps else "") + f"MATCH ({area_var})<-[r:{types}]-({who})"
        where = f"{live('r')} AND {shown(who)}" + (f" AND {hops}" if hops else "")
        branches.append(
            f"{match} WHERE {where} "
            f"RETURN type(r) AS rel, '{level.value}' AS level, {area_var}.id AS via, {who}, {field} AS field"
        )
    manager, branch = BRANCH_OF_MANAGER
    compound_steps = LEVEL_PATHS[Level.COMPOUND]
    reach = _path(building, compound_steps, "area")
    branches.append(
        f"MATCH {reach}{step_pattern(manager, 'm')}(:`{Label.PROPERTY_COMPANY.value}`)"
        f"{step_pattern(branch, 'r')}({who}:`{Label.PARTY_BRANCH.value}`) "
        f"WHERE {current('r')} AND {current('m')} AND {current('hop0')} "
        f"AND {shown('r')} AND {shown('m')} AND {shown('hop0')} AND {shown(who)} "
        f"RETURN type(r) AS rel, '{Level.COMPOUND.value}' AS level, area.id AS via, {who}, null AS field"
    )
    return branches


def _field_case(rules: list[Any], who: str) -> str:
    cases = []
    for rule in rules:
        if rule.field is FieldFrom.RELATIONSHIP:
            cases.append(f"WHEN '{rule.rel.value}' THEN r.field")
        elif rule.field is FieldFrom.HOLDER_KIND:
            cases.append(f"WHEN '{rule.rel.value}' THEN {who}.kind")
    return f"CASE type(r) {' '.join(cases)} END" if cases else "null"


def _role_case() -> str:
    cases = " ".join(
        f"WHEN rel = '{rule.rel.value}' AND level = '{rule.level.value}' THEN '{rule.role.value}'"
        for rule in SERVICE_RULES
    )
    return f"CASE {cases} END"


def _order_case(column: str, order: type[StrEnum], holder: str | None = None) -> str:
    value = f"{holder}.{column}" if holder else column
    cases = " ".join(f"WHEN '{member.value}' THEN {i}" for i, member in enumerate(order))
    return f"CASE {value} {cases} END"


def compile_read(name: str, root: ById, audience: Audience) -> Statement:
    """One statement answering `root`: its one record's `value` is the whole answer (or null)."""
    compiler = _Compiler(audience)
    node = compiler.names.new("n")
    labels = root.labels
    only = next(iter(labels)) if len(labels) == 1 else None
    pattern = f"({node}{_label(only)} {{id: ${root.param}}})"
    where = shown(node) + ("" if only is not None else f" AND ({_label_test(node, labels)})")
    value = compiler.shape(root.shape, _Scope(node))
    return Statement(
        name,
        f"{HIDDEN_RUNS} RETURN head(COLLECT {{ MATCH {pattern} WHERE {where} RETURN {value} }}) AS value",
    )


async def read_value(graph: Graph, statement: Statement, params: Mapping[str, Any]) -> Any:
    """Run a compiled read; its one value."""
    records = await graph.fetch(statement, **params)
    return records[0]["value"]


def audience_params(*, today: date, scope: str | None, subject: str | None) -> dict[str, Any]:
    return {"today": today, "audienceScope": scope, "audienceSubject": subject}


# The resolver path's batch of servedBy, from the same branches: one row per building, each link as
# [role, level, via, field, holder as {id, label, props}].
SERVICE_LINKS_BY_BUILDING = Statement(
    "service_links_by_building",
    f"{HIDDEN_RUNS} UNWIND $ids AS buildingId MATCH (b:Building {{id: buildingId}}) "
    "RETURN buildingId AS building, "
    + _Compiler(Audience.NOBODY).served_by(
        (
            ServiceColumn("role"),
            ServiceColumn("level"),
            ServiceColumn("via"),
            ServiceColumn("field"),
            NodeRecord(),
        ),
        _Scope("b"),
    )
    + " AS links",
)
