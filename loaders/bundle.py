"""Reading a bundle into typed rows, streamed file by file: the cells of `loaders.formats` checked by the
row models of `loaders.rows`, every problem named by file, line and column.

Node files come before relationship files, so that every id a relationship names is known by then.
Nothing here keeps a whole bundle in memory: `entries` yields one row at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError, create_model

from graph.model import REL_KEYS, Label, Rel
from loaders.convert import fast_row
from loaders.formats import Format, Record, Table, csv_chunks, csv_row, open_tables
from loaders.problems import BundleError, Problem, Where
from loaders.rowhash import line_hashes, line_seed, line_seed_without_op
from loaders.rows import NODE_ROWS, REL_ROWS, LinkRow, NodeRow, Row, columns, required_columns

__all__ = [
    "Bundle",
    "BundleError",
    "NodeEntry",
    "Problem",
    "RelationshipRow",
    "Where",
    "open_bundle",
    "read_bundle",
]

# Columns holding a resident's personal data: a problem with one names the place, never the value.
PERSONAL_COLUMNS = {(Label.PERSON, "phone"), (Label.PERSON, "needs")}
WITHHELD = "(value withheld: personal data)"
# The column that asks for a row to be removed rather than written (docs/bundles.md).
OP = "op"
REMOVE, UPSERT = "remove", "upsert"
# The longest text a cell may hold: a name, a title, a list of codes. Longer is a slip or an attack.
MAX_TEXT = 2_000
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NODE_KEYS = ("id",)
LINK_KEYS = ("from", "to")


@dataclass(frozen=True, slots=True)
class NodeEntry:
    label: Label
    id: str
    props: dict[str, Any]
    where: Where
    remove: bool = False
    line: int | None = None  # the hash of its CSV line (loaders/rowhash.py), None in other formats


@dataclass(frozen=True, slots=True)
class RelationshipRow:
    rel: Rel
    source: str
    target: str
    key: dict[str, Any]
    props: dict[str, Any]
    where: Where
    columns: tuple[int | None, int | None] = (1, 2)  # where "from" and "to" stand in the file
    remove: bool = False
    line: int | None = None

    @property
    def identity(self) -> tuple[str, str, tuple[Any, ...]]:
        return self.source, self.target, tuple(self.key.values())


Entry = NodeEntry | RelationshipRow


class RecordFilter(Protocol):
    """Which CSV records of a chunk still need reading (loaders.known.KnownLines leaves out the ones
    the database already holds as they are)."""

    def __call__(self, chunk: Sequence[Record], digests: Sequence[int]) -> Iterable[int]:
        """The positions in `chunk` of the records still to read."""
        ...


@dataclass(frozen=True)
class Bundle:
    """A bundle on disk, its files in reading order; its rows are read when asked for."""

    path: Path
    format: Format
    tables: tuple[Table, ...]

    def entries(self, problems: list[Problem]) -> Iterator[Entry]:
        """Every valid row, nodes first; each bad row or file adds to `problems` instead."""
        for table in self.tables:
            yield from table_entries(table, problems)


def open_bundle(path: Path) -> Bundle:
    """The bundle at `path` with its files in order; BundleError for an empty or unknown folder or file."""
    tables = open_tables(path)
    problems: list[Problem] = []
    known = [table for table in tables if _kind(table, problems) is not None]
    if problems:
        raise BundleError(problems)
    order = {name: index for index, name in enumerate([*Label, *Rel])}
    known.sort(key=lambda table: order[table.name])
    return Bundle(path, tables[0].format, tuple(known))


def read_bundle(path: Path) -> Bundle:
    """Open a bundle and check every row without a database; BundleError lists all problems found."""
    from loaders.checks import BundleIndex  # the checks build on these entries

    bundle = open_bundle(path)
    problems: list[Problem] = []
    index = BundleIndex()
    for entry in bundle.entries(problems):
        problems.extend(index.add(entry))
    problems.extend(index.finish())
    if problems:
        raise BundleError(problems)
    return bundle


def _kind(table: Table, problems: list[Problem]) -> Label | Rel | None:
    if table.name in Label.__members__.values():
        return Label(table.name)
    if table.name in Rel.__members__.values():
        return Rel(table.name)
    known = ", ".join(sorted([*Label, *Rel]))
    message = f"unknown file: {table.name} is no label or relationship type ({known})"
    problems.append(Problem(Where(table.file, 1), message))
    return None


def kind_of(table: Table) -> Label | Rel:
    return Label(table.name) if table.name in Label.__members__.values() else Rel(table.name)


def table_entries(
    table: Table, problems: list[Problem], known: RecordFilter | None = None
) -> Iterator[Entry]:
    """The valid rows of one file; CSV records that `known` recognises are left out unread."""
    kind = kind_of(table)
    model: type[Row] = NODE_ROWS[kind] if isinstance(kind, Label) else REL_ROWS[kind]
    header = table.header(problems)
    if header is None and table.format is not Format.JSONL:
        return  # unreadable: said so
    positions: dict[str, int] = {}
    if header is not None:
        if not header:
            problems.append(Problem(Where(table.file, 1), "the file is empty: expected a header row"))
            return
        if not _header_fits(table.file, header, model, problems):
            return
        positions = {column: index for index, column in enumerate(header, start=1)}
    allowed = {*columns(model), OP}
    if table.format is Format.CSV and header is not None:
        rows: Iterator[tuple[Where, Mapping[str, str | None], int | None]] = _csv_lines(
            table, kind, header, problems, known
        )
    else:
        rows = ((where, cells, None) for _, where, cells in table.rows(problems))
    for where, cells, line in rows:
        if header is None and not _keys_fit(where, cells, allowed, problems):
            continue
        entry = _entry(kind, model, cells, where, positions, problems, line)
        if entry is not None:
            yield entry


def _csv_lines(
    table: Table, kind: Label | Rel, header: list[str], problems: list[Problem], known: RecordFilter | None
) -> Iterator[tuple[Where, Mapping[str, str | None], int | None]]:
    """A CSV file's rows with each one's line hash, read from its records (past the header) a chunk at
    a time; the records `known` recognises are not read."""
    seed, bare = line_seed(kind.value, header), line_seed_without_op(kind.value, header, OP)
    for number, chunk in enumerate(csv_chunks(table.path)):
        if number == 0:
            chunk = chunk[1:]  # the header
        digests = line_hashes(seed, chunk, bare)
        for position in range(len(chunk)) if known is None else known(chunk, digests):
            line, record = chunk[position]
            cells = csv_row(table, header, line, record, problems)
            if cells is not None:
                yield Where(table.file, line), cells, digests[position]


def _header_fits(file: str, header: list[str], model: type[Row], problems: list[Problem]) -> bool:
    allowed = [*columns(model), OP]
    ok = True
    seen: set[str] = set()
    for index, column in enumerate(header, start=1):
        where = Where(file, 1, index, column)
        if column not in allowed:
            listed = ", ".join(allowed)
            problems.append(Problem(where, f'unknown column "{column}"; this file takes {listed}'))
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


def _keys_fit(where: Where, cells: Mapping[str, Any], allowed: set[str], problems: list[Problem]) -> bool:
    unknown = [key for key in cells if key not in allowed]
    for key in unknown:
        listed = ", ".join(sorted(allowed))
        problems.append(
            Problem(Where(where.file, where.line, None, key), f'unknown key "{key}"; takes {listed}')
        )
    return not unknown


def _entry(
    kind: Label | Rel,
    model: type[Row],
    cells: Mapping[str, str | None],
    where: Where,
    positions: Mapping[str, int],
    problems: list[Problem],
    line: int | None,
) -> Entry | None:
    texts = [text for text in cells.values() if text is not None]
    if CONTROL.search("".join(texts)) or max(map(len, texts), default=0) > MAX_TEXT:  # rare: then find where
        problems.extend(
            p for column, text in cells.items() if (p := _cell_problem(kind, column, text, where, positions))
        )
        return None
    op = cells.get(OP)
    if op not in (None, REMOVE, UPSERT):
        place = Where(where.file, where.line, positions.get(OP), OP)
        problems.append(Problem(place, f'op is "{REMOVE}", "{UPSERT}" or empty, got "{op}"'))
        return None
    values = {column: text for column, text in cells.items() if column != OP}
    if op == REMOVE:
        model = _removal_model(kind, model)
        values = {
            column: text
            for column, text in values.items()
            if column in model.model_fields or column == "from"
        }
    # Most rows are good: compiled converters type them; pydantic types the rest, and says what is wrong.
    dumped = fast_row(model).typed(values) if op != REMOVE else None
    if dumped is None:
        try:
            dumped = model.model_validate(values).model_dump(by_alias=True)
        except ValidationError as error:
            problems.extend(_problems(kind, error, where, positions))
            return None
    given = [column for column in values if column in dumped]
    if isinstance(kind, Label):
        props = {c: dumped[c] for c in given if c != "id"}
        return NodeEntry(kind, dumped["id"], props, where, op == REMOVE, line)
    key = {k: dumped.get(k) for k in REL_KEYS.get(kind, ())}
    props = {c: dumped[c] for c in given if c not in LINK_KEYS}
    ends = (positions.get("from"), positions.get("to"))
    return RelationshipRow(kind, dumped["from"], dumped["to"], key, props, where, ends, op == REMOVE, line)


def _removal_model(kind: Label | Rel, model: type[Row]) -> type[Row]:
    """A removal names its row by id, or by its ends and key: only those cells are read."""
    if isinstance(kind, Label):
        return NodeRow
    keys = {k: (model.model_fields[k].annotation, model.model_fields[k]) for k in REL_KEYS.get(kind, ())}
    return create_model(f"{kind.value}Removal", __base__=LinkRow, **keys)  # type: ignore[call-overload,no-any-return]


def _cell_problem(
    kind: Label | Rel, column: str, text: str | None, where: Where, positions: Mapping[str, int]
) -> Problem | None:
    if text is None:
        return None
    place = Where(where.file, where.line, positions.get(column), column)
    if len(text) > MAX_TEXT:
        return Problem(place, f"{len(text):,} characters; a cell may hold {MAX_TEXT:,}")
    control = CONTROL.search(text)
    if control:
        code = f"U+{ord(control.group()):04X}"
        return Problem(place, f"a control character ({code}) at position {control.start() + 1}: not text")
    return None


def _problems(
    kind: Label | Rel, error: ValidationError, where: Where, positions: Mapping[str, int]
) -> list[Problem]:
    found = []
    for detail in error.errors():
        column = str(detail["loc"][0]) if detail["loc"] else None
        place = Where(where.file, where.line, positions.get(column) if column else None, column)
        found.append(Problem(place, _message(detail, personal=(kind, column) in PERSONAL_COLUMNS)))
    return found


def _message(detail: Any, *, personal: bool) -> str:
    if detail["type"] in ("missing", "string_too_short") or detail.get("input") is None:
        return "a value is required"
    if detail["type"] == "bundle_value":
        return str(detail["ctx"]["safe"] if personal else detail["msg"])
    if personal:
        return f"{detail['msg']} {WITHHELD}"
    return f'{detail["msg"]}, got "{detail.get("input")}"'
