"""Every check of a bundle and its message, whether it needs the database or not.

`BundleIndex` holds what a streamed bundle has said so far, compactly (a million people fit), and checks
each row against it: ids used twice, relationships given twice, ends of the wrong kind, two current
homes or parents. The functions below it check rows against what is stored; `loaders.plan` calls them
with what it looked up.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from graph.model import AREA_LABELS, ENDPOINTS, PARENT_OF, Label, Rel, city_today
from loaders.bundle import Entry, NodeEntry, RelationshipRow
from loaders.problems import Problem, Where

# Relationships of which a node has at most one current at a time: its parent area, its compound, its
# home. A new current one ends the stored one (a move); two current ones in one bundle are refused.
SINGLE: dict[Rel, str] = {Rel.IN: "parent area", Rel.PART_OF: "compound", Rel.LIVES_IN: "home"}
LABELS = list(Label)
LABEL_BITS = 6
LABEL_MASK = (1 << LABEL_BITS) - 1
CREATED_BIT = 1 << LABEL_BITS  # set once the planner finds the id nowhere in the database
LINE_SHIFT = LABEL_BITS + 1


def live(entry: RelationshipRow, today: date) -> bool:
    """Current now or from a later day: a link that has not ended."""
    until = entry.props.get("until")
    return until is None or until >= today


def current(props: dict[str, object], today: date) -> bool:
    since, until = props.get("since"), props.get("until")
    return (not isinstance(since, date) or since <= today) and (not isinstance(until, date) or until >= today)


def end_of_old(entry: RelationshipRow, today: date) -> date:
    """The last day of the link a move replaces: the day before the new one begins (or before today)."""
    since = entry.props.get("since")
    return (since if isinstance(since, date) else today) - timedelta(days=1)


@dataclass
class BundleIndex:
    """What a bundle holds so far: ids with their label and line, relationships, live single links."""

    today: date = field(default_factory=city_today)
    nodes: dict[str, int] = field(default_factory=dict)  # id -> line << LABEL_BITS | label index
    removed: set[str] = field(default_factory=set)
    twice: set[str] = field(default_factory=set)  # ids given twice: reported once, where they repeat
    links: set[int] = field(default_factory=set)  # hashes of (type, from, to, key)
    single: dict[Rel, dict[str, str]] = field(default_factory=lambda: {rel: {} for rel in SINGLE})
    new_areas: dict[str, Where] = field(default_factory=dict)  # filled by the planner
    files: dict[Label, str] = field(default_factory=dict)  # each label's file, as problems name it

    def label(self, node_id: str) -> Label | None:
        packed = self.nodes.get(node_id)
        return None if packed is None else LABELS[packed & LABEL_MASK]

    def mark_created(self, node_id: str) -> None:
        self.nodes[node_id] |= CREATED_BIT

    def created(self, node_id: str) -> bool:
        return bool(self.nodes.get(node_id, 0) & CREATED_BIT)

    def add(self, entry: Entry) -> list[Problem]:
        if isinstance(entry, NodeEntry):
            return self._node(entry)
        return self._link(entry)

    def _node(self, entry: NodeEntry) -> list[Problem]:
        node_id = sys.intern(entry.id)
        packed = self.nodes.get(node_id)
        if packed is not None:
            label, line = LABELS[packed & LABEL_MASK], packed >> LINE_SHIFT
            where = Where(entry.where.file, entry.where.line, 1, "id")
            self.twice.add(node_id)
            earlier = Where(self.files[label], line)
            return [Problem(where, f'id "{node_id}" is already used by {label} at {earlier}')]
        self.files.setdefault(entry.label, entry.where.file)
        self.nodes[node_id] = entry.where.line << LINE_SHIFT | LABELS.index(entry.label)
        if entry.remove:
            self.removed.add(node_id)
        return []

    def _link(self, entry: RelationshipRow) -> list[Problem]:
        if entry.source in self.twice or entry.target in self.twice:
            return []
        problems = end_problems(
            entry, self.label(entry.source), self.label(entry.target), check_missing=False
        )
        for column, node_id, side in (("from", entry.source, 0), ("to", entry.target, 1)):
            if node_id in self.removed and not entry.remove:
                where = Where(entry.where.file, entry.where.line, entry.columns[side], column)
                problems.append(Problem(where, f'"{node_id}" is removed by this bundle'))
        identity = hash((entry.rel, *entry.identity))
        if identity in self.links:
            problems.append(
                Problem(entry.where, f"{entry.source} -> {entry.target} is given twice in {entry.where.file}")
            )
        self.links.add(identity)
        if entry.rel in SINGLE and live(entry, self.today) and not entry.remove and not problems:
            targets = self.single[entry.rel]
            source = sys.intern(entry.source)
            other = targets.setdefault(source, sys.intern(entry.target))
            if other != entry.target:
                problems.append(self._second_current(entry, other))
        return problems

    @staticmethod
    def _second_current(entry: RelationshipRow, other: str) -> Problem:
        what = SINGLE[entry.rel]
        return Problem(
            entry.where,
            f'"{entry.source}" already has a current {what} in this bundle ({other}); it may have one: '
            f"give the old one an until",
        )

    def add_known_nodes(self, label: Label, ids: list[str], lines: list[int], file: str) -> list[Problem]:
        """Rows stored exactly as given (loaders/known.py): only the ids used twice can be wrong."""
        ids = list(map(sys.intern, ids))
        kind = LABELS.index(label)
        fresh = {node_id: line << LINE_SHIFT | kind for node_id, line in zip(ids, lines, strict=True)}
        if len(fresh) < len(ids) or not self.nodes.keys().isdisjoint(fresh):  # rare: say which
            entries = (NodeEntry(label, i, {}, Where(file, line)) for i, line in zip(ids, lines, strict=True))
            return flatten(self._node(entry) for entry in entries)
        self.files.setdefault(label, file)
        self.nodes.update(fresh)
        return []

    def add_known_links(
        self, rel: Rel, ends: list[tuple[str, str]], lines: list[int], where: tuple[str, int, int]
    ) -> list[Problem]:
        """Links stored exactly as given, current if they are homes or parents (loaders/known.py):
        their ends exist and fit, so what can be wrong is a link given twice, an end the bundle
        removes, or a second current home or parent."""
        identities = [hash((rel, source, target, ())) for source, target in ends]
        fresh = set(identities)
        if self.twice or self.removed or len(fresh) < len(identities) or not self.links.isdisjoint(fresh):
            file, first, second = where
            rows = (
                RelationshipRow(rel, s, t, {}, {}, Where(file, line), (first, second))
                for (s, t), line in zip(ends, lines, strict=True)
            )
            return flatten(self._link(row) for row in rows)
        self.links.update(fresh)
        if rel not in SINGLE:
            return []
        targets = self.single[rel]
        problems = []
        for (source, target), line in zip(ends, lines, strict=True):
            other = targets.setdefault(sys.intern(source), sys.intern(target))
            if other != target:
                row = RelationshipRow(rel, source, target, {}, {}, Where(where[0], line), where[1:])
                problems.append(self._second_current(row, other))
        return problems

    def has_link(self, rel: Rel, source: str, target: str) -> bool:
        return hash((rel, source, target, ())) in self.links

    def finish(self) -> list[Problem]:
        """Checks that need the whole bundle: every new area has a current parent in it."""
        problems = []
        parents = self.single[Rel.IN]
        for area_id, where in self.new_areas.items():
            if area_id not in parents:
                label = self.label(area_id)
                problems.append(
                    Problem(where, f'{label} "{area_id}" is in no parent area: add a row for it to IN')
                )
        return problems


def end_problems(
    entry: RelationshipRow, source: Label | None, target: Label | None, *, check_missing: bool
) -> list[Problem]:
    """What is wrong with the two ends of a relationship, given the labels found for them."""
    allowed = ENDPOINTS[entry.rel]
    if (source, target) in allowed:  # nearly every row: both ends found, and a pair this type joins
        return []
    problems: list[Problem] = []
    for column, node_id, label, side in (("from", entry.source, source, 0), ("to", entry.target, target, 1)):
        where = Where(entry.where.file, entry.where.line, entry.columns[side], column)
        kinds = sorted({pair[side] for pair in allowed})
        if label is None:
            if check_missing:
                problems.append(Problem(where, f'no node with id "{node_id}" in the bundle or the database'))
        elif label not in kinds:
            problems.append(
                Problem(where, f'"{node_id}" is a {label}; {entry.rel} takes {" or ".join(kinds)} here')
            )
    if not problems and source is not None and target is not None and (source, target) not in allowed:
        problems.append(Problem(entry.where, f"{entry.rel} does not join a {source} to a {target}"))
    return problems


def needs_parent(label: Label) -> bool:
    return label in PARENT_OF


# --- Checks against what is stored --------------------------------------------------------------


def other_label(entry: NodeEntry, stored: Label | None) -> Problem:
    where = Where(entry.where.file, entry.where.line, 1, "id")
    return Problem(where, f'id "{entry.id}" belongs to a {stored or "node of another kind"} in the database')


def nothing_to_remove(entry: Entry) -> Problem:
    if isinstance(entry, NodeEntry):
        return Problem(entry.where, f'no {entry.label} "{entry.id}" to remove in the database')
    return Problem(entry.where, f"no {entry.rel} {entry.source} -> {entry.target} to remove in the database")


def area_still_holds(entry: NodeEntry, children: int) -> Problem:
    return Problem(
        entry.where,
        f'{entry.label} "{entry.id}" still holds {children} current areas: move or remove them first',
    )


def left_without_parent(where: Where, area_id: str) -> Problem:
    return Problem(
        where, f'"{area_id}" would be in no parent area: its current IN ends and no new one begins'
    )


def is_area(label: Label | None) -> bool:
    return label in AREA_LABELS


def too_many_removals(where: Where, limit: int) -> Problem:
    return Problem(where, f"more than {limit:,} rows to remove in one bundle: split it")


def flatten(groups: Iterable[list[Problem]]) -> list[Problem]:
    return [problem for group in groups for problem in group]
