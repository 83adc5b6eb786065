"""The statements of the root lists: one page and one count per kind of list, generated from data.

A list is a kind (which labels it holds, how its nodes sit in an area, which filters apply) and an
order (sort keys, then the id). Every statement takes the same parameters, unused ones null:
`$within` (an area id or null), `$today`, each filter's parameter, `$after` (the previous page's last
sort key, or null) and `$limit`. Pages are keyset pages: the next page starts strictly after the
previous page's last key, so rows added before it never shift it. The generated text of every kind in
every single-key order is committed in `lists.cypher` (tests/graph/test_lists_statements.py keeps it
in step).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import cache

from graph.driver import Statement
from graph.model import ENTITY, ORGANISATION_LABELS, Label
from graph.statements import DOMAIN_LABEL, live, shown


class Filter(Enum):
    """A filter a list may offer: its parameter and the condition on `n` (true when the parameter is null)."""

    NAME_CONTAINS = ("nameContains", "toLower(n.name) CONTAINS toLower($nameContains)")
    KINDS = ("kinds", "n.kind IN $kinds")
    LABELS = ("labels", "any(l IN labels(n) WHERE l IN $labels)")
    PARTY_MEMBER = ("partyMember", "coalesce(n.partyMember, false) = $partyMember")
    SKILLS = ("skills", "any(s IN $skills WHERE s IN coalesce(n.skills, []))")
    NEEDS = ("needs", "any(s IN $needs WHERE s IN coalesce(n.needs, []))")
    TOPICS = ("topics", "n.topic IN $topics")
    # Not offered to callers: narrows a list to the people a volunteer may see (themselves, those they help).
    IDS = ("ids", "n.id IN $ids")

    @property
    def param(self) -> str:
        return self.value[0]

    def condition(self) -> str:
        param, test = self.value
        return f"(${param} IS NULL OR {test})"


class SortKey(Enum):
    """What a list may be sorted by: the expression sorted on (never null, so keys compare)."""

    NAME = "n.name"
    POPULATION = "coalesce(n.population, -1)"
    HOUSEHOLDS = "coalesce(n.households, -1)"
    DATE = "coalesce(toString(n.date), '')"


class Direction(StrEnum):
    ASC = "ASC"
    DESC = "DESC"


Order = tuple[tuple[SortKey, Direction], ...]

# How a node of a label sits in an area `a`: a pattern from `n` to `a` whose relationship `p` must be
# current. Areas sit in themselves; a label absent here cannot be listed `within` an area.
PLACEMENT: dict[Label, str] = {
    Label.PERSON: "(n)-[p:LIVES_IN]->(a)",
    Label.UNIT: "(n)-[p:PAIRED_WITH]->(a)",
    Label.PROPERTY_COMPANY: "(n)-[p:MANAGES]->(a)",
    Label.OWNERS_COMMITTEE: "(n)-[p:REPRESENTS]->(a)",
    Label.PARTY_BRANCH: "(n)-[p:ORGANISES]->(a)",
    Label.PARTY_COMMITTEE: "(n)-[p:ORGANISES]->(a)",
    Label.PARTY_GROUP: "(n)-[p:ORGANISES]->(a)",
    Label.SOCIAL_ORGANISATION: "(n)-[p:ACTIVE_IN]->(a)",
    Label.VOLUNTEER_TEAM: "(n)-[p:SERVES]->(a)",
    Label.ENVIRONMENT_COMMITTEE: "(n)-[p:OVERSEES]->(a)",
    Label.VENUE: "(n)-[p:LOCATED_IN]->(a)",
    Label.RESOURCE: "(n)-[p:FOR]->(a)",
    Label.SERVICE_REQUEST: "(n)-[p:RAISED_IN]->(a)",
    Label.TRAINING_SESSION: "(n)-[p:ORDERED_BY]->(a)",
    Label.COURSE: "(n)<-[:OF_COURSE]-(:TrainingSession)-[p:ORDERED_BY]->(a)",
}
_DIRECT = re.compile(r"\(n\)-\[p:(\w+)\]->\(a\)")


def _direct_rel(pattern: str) -> str | None:
    """The relationship type of a one-step placement, None for a longer path."""
    found = _DIRECT.fullmatch(pattern)
    return found.group(1) if found else None


# The relationships that place a node of any label directly in an area (writes check them).
PLACING_RELS = tuple(sorted({rel for p in PLACEMENT.values() if (rel := _direct_rel(p)) is not None}))
AREA_LABELS_IN_ORDER = (
    Label.DISTRICT,
    Label.STREET,
    Label.COMMUNITY,
    Label.GRID,
    Label.COMPOUND,
    Label.BUILDING,
)


@dataclass(frozen=True)
class ListKind:
    """One list: the field's name, the labels it holds, its filters and sort keys.

    A root list holds every node of its labels, or with `$within` those in an area's subtree. A list
    with an `anchor` hangs off one node instead (`$within` is that node, `a`): the anchor is the pattern
    from each listed `n` to it, through a relationship `p` that must be current.
    """

    field: str
    labels: tuple[Label, ...]
    filters: tuple[Filter, ...]
    sort_keys: tuple[SortKey, ...] = (SortKey.NAME,)
    anchor: str | None = None

    @property
    def is_area(self) -> bool:
        return all(label in AREA_LABELS_IN_ORDER for label in self.labels)


_AREA_FILTERS = (Filter.NAME_CONTAINS,)
_ORGANISATIONS = tuple(sorted(ORGANISATION_LABELS, key=str))


class ListOf(Enum):
    DISTRICTS = ListKind("districts", (Label.DISTRICT,), _AREA_FILTERS)
    STREETS = ListKind("streets", (Label.STREET,), _AREA_FILTERS)
    COMMUNITIES = ListKind(
        "communities", (Label.COMMUNITY,), _AREA_FILTERS, (SortKey.NAME, SortKey.POPULATION)
    )
    GRIDS = ListKind("grids", (Label.GRID,), _AREA_FILTERS)
    COMPOUNDS = ListKind("compounds", (Label.COMPOUND,), _AREA_FILTERS)
    BUILDINGS = ListKind("buildings", (Label.BUILDING,), _AREA_FILTERS, (SortKey.NAME, SortKey.HOUSEHOLDS))
    PEOPLE = ListKind(
        "people",
        (Label.PERSON,),
        (Filter.NAME_CONTAINS, Filter.PARTY_MEMBER, Filter.SKILLS, Filter.NEEDS, Filter.IDS),
    )
    # The members of one organisation (`$within`): a nested list, `membersConnection`.
    MEMBERS = ListKind(
        "members",
        (Label.PERSON,),
        (Filter.NAME_CONTAINS, Filter.PARTY_MEMBER, Filter.SKILLS),
        anchor="(n)-[p:MEMBER_OF]->(a)",
    )
    UNITS = ListKind("units", (Label.UNIT,), (Filter.NAME_CONTAINS, Filter.KINDS))
    ORGANISATIONS = ListKind("organisations", _ORGANISATIONS, (Filter.NAME_CONTAINS, Filter.LABELS))
    COURSES = ListKind("courses", (Label.COURSE,), (Filter.NAME_CONTAINS, Filter.TOPICS))
    TRAINING_SESSIONS = ListKind(
        "trainingSessions", (Label.TRAINING_SESSION,), (Filter.NAME_CONTAINS,), (SortKey.DATE, SortKey.NAME)
    )


def _is(node: str, labels: tuple[Label, ...]) -> str:
    return " OR ".join(f"{node}:`{label.value}`" for label in labels)


def _subtree() -> str:
    """Every area at or below `$within`, through current IN and PART_OF links no hidden run wrote."""
    hop = f"[h:IN|PART_OF WHERE {live('h', '$hiddenRuns')}]"
    return f"MATCH (w:{ENTITY} {{id: $within}}) MATCH (w) (()<-{hop}-()){{0,5}} (a)"


def _placement(kind: ListKind) -> str:
    if kind.is_area:
        return f"MATCH (a) WHERE {_is('a', kind.labels)} WITH DISTINCT a AS n"
    patterns = sorted({PLACEMENT[label] for label in kind.labels})
    direct = sorted({rel for pattern in patterns if (rel := _direct_rel(pattern)) is not None})
    if len(direct) == len(patterns) > 1:  # one pattern for all: the types as alternatives
        patterns = [f"(n)-[p:{'|'.join(direct)}]->(a)"]
    branches = "\n      UNION\n        ".join(
        f"MATCH {pattern} WHERE ({_is('n', kind.labels)}) AND {live('p', '$hiddenRuns')} RETURN n"
        for pattern in patterns
    )
    return f"WITH DISTINCT a CALL (a) {{\n        {branches}\n    }}\n    WITH DISTINCT n"


def _anchored(kind: ListKind) -> str:
    return (
        f"MATCH (a:{ENTITY} {{id: $within}})\n    MATCH {kind.anchor}\n"
        f"    WHERE ({_is('n', kind.labels)}) AND {live('p', '$hiddenRuns')}\n    WITH DISTINCT n"
    )


def _match(kind: ListKind, within: bool) -> str:
    if kind.anchor is not None:
        if not within:
            raise ValueError(f"the list of {kind.field} hangs off one node: give `within`")
        return _anchored(kind)
    if within:
        return f"{_subtree()}\n    {_placement(kind)}"
    if len(kind.labels) == 1:
        return f"MATCH (n:`{kind.labels[0].value}`)"
    return f"MATCH (n) WHERE {_is('n', kind.labels)}"


def _filters(kind: ListKind) -> str:
    """The kind's filters, and never a node an import still running (or undone) has written."""
    return "\n      AND ".join([*(f.condition() for f in kind.filters), shown("n", "$hiddenRuns")])


def _keyset(order: Order) -> str:
    """True for the rows strictly after `$after`, the last key of the previous page."""
    keys = [(key.value, direction) for key, direction in order] + [("n.id", Direction.ASC)]
    branches = []
    for i, (expression, direction) in enumerate(keys):
        equal = [f"{keys[j][0]} = $after[{j}]" for j in range(i)]
        beyond = f"{expression} {'>' if direction is Direction.ASC else '<'} $after[{i}]"
        branches.append("(" + " AND ".join([*equal, beyond]) + ")")
    return "($after IS NULL OR " + "\n           OR ".join(branches) + ")"


def order_name(order: Order) -> str:
    return "_".join(f"{key.name}_{direction.value}" for key, direction in order).lower() or "id"


@cache
def page_statement(of: ListOf, order: Order, within: bool) -> Statement:
    kind = of.value
    key = ", ".join([key.value for key, _ in order] + ["n.id"])
    sort = ", ".join([f"{key.value} {direction.value}" for key, direction in order] + ["n.id ASC"])
    where = "within" if within else "all"
    return Statement(
        f"list_{kind.field}_{where}_{order_name(order)}",
        f"""
    {_match(kind, within)}
    WITH n WHERE {_filters(kind)}
      AND {_keyset(order)}
    RETURN n.id AS id, {DOMAIN_LABEL.format(node="n")} AS label, properties(n) AS props, [{key}] AS key
    ORDER BY {sort}
    LIMIT $limit
    """,
    )


@cache
def count_statement(of: ListOf, within: bool) -> Statement:
    kind = of.value
    where = "within" if within else "all"
    return Statement(
        f"count_{kind.field}_{where}",
        f"""
    {_match(kind, within)}
    WITH n WHERE {_filters(kind)}
    RETURN count(n) AS total
    """,
    )


def _batched(single: Statement, columns: str) -> Statement:
    """`single` for each of `$withins` at once: the nested lists of many parents in one statement."""
    body = single.text.replace("$within", "within")
    return Statement(
        f"{single.name}_batched",
        f"""
    UNWIND $withins AS within
    CALL (within) {{{body}}}
    RETURN within, {columns}
    """,
    )


@cache
def batched_page_statement(of: ListOf, order: Order) -> Statement:
    """A page within each of `$withins`; each parent's rows come in the page's order."""
    return _batched(page_statement(of, order, True), "id, label, props, key")


@cache
def batched_count_statement(of: ListOf) -> Statement:
    return _batched(count_statement(of, True), "total")


def every_statement() -> list[Statement]:
    """Each kind's statements in each single-key order: the reviewable text in `lists.cypher`."""
    found: list[Statement] = []
    for of in ListOf:
        for within in (False, True) if of.value.anchor is None else (True,):
            found.append(count_statement(of, within))
            for key in of.value.sort_keys:
                for direction in Direction:
                    found.append(page_statement(of, ((key, direction),), within))
        if of.value.anchor is not None or of is ListOf.PEOPLE:  # the nested lists
            found.append(batched_count_statement(of))
            found.append(batched_page_statement(of, ((of.value.sort_keys[0], Direction.ASC),)))
    return found


def rendered() -> str:
    """The text of `every_statement()`, one block per statement under its name."""
    return "".join(f"// {s.name}\n{s.text.strip()}\n\n" for s in every_statement())
