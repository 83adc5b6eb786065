"""Reading a bundle folder into typed rows, and the checks that need no database.

Every problem names its file, line and column; reading goes on past a bad row so that one run lists
all the problems of a bundle (up to `MAX_PROBLEMS`), not just the first.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.model import ENDPOINTS, REL_KEYS, Label, Rel
from loaders.rows import NODE_ROWS, REL_ROWS, LinkRow, NodeRow, Row, columns, required_columns

MAX_PROBLEMS = 50
# Columns holding a resident's personal data: a problem with one names the place, never the value.
PERSONAL_COLUMNS = {(Label.PERSON, "phone"), (Label.PERSON, "needs")}


@dataclass(frozen=True)
class Where:
    """A place in a bundle: file, line (1 is the header) and, where known, column and its name."""

    file: str
    line: int
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        return place + (f" ({self.field})" if self.field else "")


@dataclass(frozen=True)
class Problem:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class BundleError(Exception):
    """The bundle was refused; nothing was written. `problems` says what and where."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        more = len(self.problems) - len(shown)
        return "\n".join(shown + ([f"... and {more} more"] if more > 0 else []))


@dataclass(frozen=True)
class NodeEntry:
    label: Label
    id: str
    props: dict[str, Any]
    where: Where


@dataclass(frozen=True)
class LinkEntry:
    rel: Rel
    source: str
    target: str
    key: dict[str, Any]
    props: dict[str, Any]
    where: Where
    columns: tuple[int, int] = (1, 2)  # where "from" and "to" stand in the file

    @property
    def identity(self) -> tuple[str, str, tuple[Any, ...]]:
        return self.source, self.target, tuple(self.key.values())


@dataclass
class Bundle:
    path: Path
    nodes: list[NodeEntry] = field(default_factory=list)
    links: list[LinkEntry] = field(default_factory=list)

    def node_ids(self) -> dict[str, NodeEntry]:
        return {entry.id: entry for entry in self.nodes}


def read_bundle(path: Path) -> Bundle:
    """Parse and check every CSV of a bundle; raise BundleError listing all problems found."""
    if not path.is_dir():
        raise BundleError([Problem(Where(str(path), 0), "not a folder: a bundle is a folder of CSV files")])
    bundle = Bundle(path)
    problems: list[Problem] = []
    for csv_path in sorted(path.glob("*.csv")):
        _read_file(csv_path, bundle, problems)
    problems.extend(check_bundle(bundle))
    if problems:
        raise BundleError(problems)
    return bundle


def _read_file(csv_path: Path, bundle: Bundle, problems: list[Problem]) -> None:
    name = csv_path.stem
    if name in Label.__members__.values():
        kind: Label | Rel = Label(name)
        model: type[Row] = NODE_ROWS[Label(name)]
    elif name in Rel.__members__.values():
        kind = Rel(name)
        model = REL_ROWS[Rel(name)]
    else:
        known = ", ".join(sorted([*Label, *Rel]))
        problems.append(
            Problem(
                Where(csv_path.name, 1), f"unknown file: {name} is no label or relationship type ({known})"
            )
        )
        return
    text = _decode(csv_path, problems)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        problems.append(Problem(Where(csv_path.name, 1), "the file is empty: expected a header row"))
        return
    if not _check_header(csv_path.name, header, model, problems):
        return
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        where = Where(csv_path.name, reader.line_num)
        if len(cells) != len(header):
            problems.append(Problem(where, f"{len(cells)} cells where the header has {len(header)}"))
            continue
        _add_row(bundle, kind, model, header, cells, where, problems)


def _decode(csv_path: Path, problems: list[Problem]) -> str | None:
    raw = csv_path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(
            Problem(Where(csv_path.name, line), "not UTF-8 text: save the file as CSV UTF-8 (e.g. not GBK)")
        )
        return None


def _check_header(file: str, header: list[str], model: type[Row], problems: list[Problem]) -> bool:
    allowed = columns(model)
    ok = True
    seen: set[str] = set()
    for index, column in enumerate(header, start=1):
        where = Where(file, 1, index, column)
        if column not in allowed:
            problems.append(
                Problem(where, f'unknown column "{column}"; this file takes {", ".join(allowed)}')
            )
            ok = False
        elif column in seen:
            problems.append(Problem(where, f'column "{column}" appears twice'))
            ok = False
        seen.add(column)
    for column in required_columns(model):
        if column not in header:
            problems.append(Problem(Where(file, 1), f'missing column "{column}"'))
            ok = False
    return ok


def _add_row(
    bundle: Bundle,
    kind: Label | Rel,
    model: type[Row],
    header: list[str],
    cells: list[str],
    where: Where,
    problems: list[Problem],
) -> None:
    values = {column: (cell if cell != "" else None) for column, cell in zip(header, cells, strict=True)}
    try:
        row = model.model_validate(values)
    except ValidationError as error:
        for detail in error.errors():
            column = str(detail["loc"][0]) if detail["loc"] else None
            index = header.index(column) + 1 if column in header else None
            message = _message(detail)
            if (kind, column) in PERSONAL_COLUMNS:
                message = re.sub(r'"[^"]*"', "(value withheld: personal data)", message)
            problems.append(Problem(Where(where.file, where.line, index, column), message))
        return
    dumped = row.model_dump(by_alias=True)
    if isinstance(kind, Label) and isinstance(row, NodeRow):
        props = {c: dumped[c] for c in header if c != "id"}
        bundle.nodes.append(NodeEntry(kind, row.id, props, where))
    elif isinstance(kind, Rel) and isinstance(row, LinkRow):
        key = {k: dumped[k] for k in REL_KEYS.get(kind, ())}
        props = {c: dumped[c] for c in header if c not in ("from", "to")}
        ends = (header.index("from") + 1, header.index("to") + 1)
        bundle.links.append(LinkEntry(kind, row.from_, row.to, key, props, where, ends))


def _message(detail: Any) -> str:
    if detail["type"] in ("missing", "string_too_short") or detail.get("input") is None:
        return "a value is required"
    if detail["type"] == "bundle_value":
        return str(detail["msg"])
    return f'{detail["msg"]}, got "{detail.get("input")}"'


def check_bundle(bundle: Bundle) -> list[Problem]:
    """Checks within the bundle itself: unique ids, unique relationships, ends of the right kind."""
    return [*_duplicate_ids(bundle.nodes), *_duplicate_links(bundle.links), *_wrong_ends(bundle)]


def _duplicate_ids(nodes: Iterable[NodeEntry]) -> Iterable[Problem]:
    first: dict[str, NodeEntry] = {}
    for entry in nodes:
        if entry.id in first:
            earlier = first[entry.id]
            yield Problem(
                Where(entry.where.file, entry.where.line, 1, "id"),
                f'id "{entry.id}" is already used by {earlier.label} at {earlier.where}',
            )
        else:
            first[entry.id] = entry


def _duplicate_links(links: Iterable[LinkEntry]) -> Iterable[Problem]:
    first: dict[tuple[Rel, tuple[str, str, tuple[Any, ...]]], LinkEntry] = {}
    for entry in links:
        key = (entry.rel, entry.identity)
        if key in first:
            yield Problem(
                entry.where,
                f"{entry.source} -> {entry.target} is already given at line {first[key].where.line}",
            )
        else:
            first[key] = entry


def _wrong_ends(bundle: Bundle) -> Iterable[Problem]:
    """Ends defined in this bundle must have labels the relationship type allows."""
    labels: dict[str, Label] = {}
    for node in bundle.nodes:
        labels.setdefault(node.id, node.label)  # a duplicate id is reported once, where it repeats
    for entry in bundle.links:
        yield from end_problems(
            entry, labels.get(entry.source), labels.get(entry.target), check_missing=False
        )


def end_problems(
    entry: LinkEntry, source: Label | None, target: Label | None, *, check_missing: bool
) -> list[Problem]:
    """What is wrong with the two ends of a relationship, given the labels found for them."""
    problems: list[Problem] = []
    allowed = ENDPOINTS[entry.rel]
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
