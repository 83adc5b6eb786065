"""The first load into an empty database, through Neo4j's own bulk importer (`neo4j-admin database
import full`): the checked and planned creations written as the importer's CSV files.

Every node gets its labels (`Entity` and its own, and `InNeed` for a person in need), `_run` and
`_hash` as the Bolt path writes them, and one published `ImportRun` node is written beside them, so
that the graph after a bulk import is the graph a Bolt import of the same bundle would have made. The
server's side (stopping it, importing, starting it again) is the caller's: it alone knows the data
directory.
"""

from __future__ import annotations

import csv
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from graph.imports import Write
from graph.model import ENTITY, IMPORT_RUN, PUBLISHED_RUN, Label, Rel, labels_of_person
from loaders.rowhash import HASH, LINE
from loaders.rows import NODE_ROWS, REL_ROWS, Row, columns

# How Neo4j's importer names the types the Bolt path stores: whole numbers are Long, numbers Double.
_TYPES: dict[type, str] = {
    bool: "boolean",
    int: "long",
    float: "double",
    datetime: "datetime",
    date: "date",
    str: "string",
}
NEWLINES = ("\n", "\r")


@dataclass(frozen=True)
class ImportRunRecord:
    """The `ImportRun` node a bulk import writes, already published."""

    id: str
    bundle: str
    host: str
    pid: int
    started: datetime
    finished: datetime


@dataclass
class BulkFiles:
    """The importer's input: one node file per label, one relationship file per type."""

    folder: Path
    nodes: list[Path] = field(default_factory=list)
    relationships: list[Path] = field(default_factory=list)
    multiline: bool = False  # some text holds a line break: the importer must read quoted newlines
    rows: int = 0


def _base_type(annotation: Any) -> str:
    """The importer's type of a row model's field (`long`, `string[]`, ...)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _base_type(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base_type(inner)
    if origin is list:
        return _base_type(typing.get_args(annotation)[0]) + "[]"
    return _TYPES[annotation]


def column_types(model: type[Row]) -> dict[str, str]:
    """Each column of a row model (as written in a bundle) with the importer's type for it."""
    names = dict(zip(model.model_fields, columns(model), strict=True))
    return {names[name]: _base_type(info.annotation) for name, info in model.model_fields.items()}


def _text(value: Any) -> str:
    if value is None:
        return ""  # an empty field: no property, as an empty cell in a bundle
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


class _File:
    """One CSV file of the importer, its header fixed by the row model it holds."""

    def __init__(self, path: Path, header: list[str], props: list[str]) -> None:
        self.path = path
        self.handle: IO[str] = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.writer(self.handle, lineterminator="\n")
        self.writer.writerow(header)
        self.props = props
        self.multiline = False

    def write(self, front: list[str], props: dict[str, Any]) -> None:
        cells = [_text(props.get(name)) for name in self.props]
        if not self.multiline and any(n in cell for cell in cells for n in NEWLINES):
            self.multiline = True
        self.writer.writerow([*front, *cells])


def _node_file(folder: Path, label: Label) -> _File:
    typed = {c: t for c, t in column_types(NODE_ROWS[label]).items() if c != "id"}
    header = [
        "id:ID",
        ":LABEL",
        "_run",
        f"{HASH}:long",
        f"{LINE}:long",
        *(f"{c}:{t}" for c, t in typed.items()),
    ]
    return _File(folder / f"{label.value}.nodes.csv", header, list(typed))


def _rel_file(folder: Path, rel: Rel) -> _File:
    typed = {c: t for c, t in column_types(REL_ROWS[rel]).items() if c not in ("from", "to")}
    header = [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "_run",
        f"{HASH}:long",
        f"{LINE}:long",
        *(f"{c}:{t}" for c, t in typed.items()),
    ]
    return _File(folder / f"{rel.value}.relationships.csv", header, list(typed))


def write_files(creates: Iterator[Write], folder: Path, run: ImportRunRecord) -> BulkFiles:
    """The planned creations of a bundle (the planner's `creates`) as the bulk importer's files."""
    folder.mkdir(parents=True, exist_ok=True)
    files = BulkFiles(folder)
    open_files: dict[str, _File] = {}
    try:
        for write in creates:
            if write.op == "create_nodes":
                label = Label(write.target)
                out = open_files.get(label) or open_files.setdefault(label, _node_file(folder, label))
                labels = f"{ENTITY};{label.value}"
                for row in write.rows:
                    extra = labels_of_person(row["props"]) if label is Label.PERSON else ()
                    row_labels = ";".join((labels, *extra)) if extra else labels
                    out.write([row["id"], row_labels, run.id, *_fingerprints(row)], row["props"])
            elif write.op == "create_rels":
                rel = Rel(write.target)
                out = open_files.get(rel) or open_files.setdefault(rel, _rel_file(folder, rel))
                for row in write.rows:
                    out.write([row["from"], row["to"], rel.value, run.id, *_fingerprints(row)], row["props"])
            else:
                raise ValueError(f"a first load only creates; planned {write.op}")
            files.rows += len(write.rows)
    finally:
        for out in open_files.values():
            out.handle.close()
    for name, out in open_files.items():
        (files.nodes if name in Label.__members__.values() else files.relationships).append(out.path)
        files.multiline = files.multiline or out.multiline
    files.nodes.append(_run_file(folder, run))
    return files


def _fingerprints(row: dict[str, Any]) -> tuple[str, str]:
    line = row[LINE]
    return str(row[HASH]), "" if line is None else str(line)


def _run_file(folder: Path, run: ImportRunRecord) -> Path:
    path = folder / f"{IMPORT_RUN}.nodes.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        times = ("started:datetime", "beat:datetime", "finished:datetime")
        writer.writerow([":LABEL", "id", "state", "bundle", "host", "pid:long", *times])
        moments = (run.started.isoformat(), run.finished.isoformat(), run.finished.isoformat())
        writer.writerow([IMPORT_RUN, run.id, PUBLISHED_RUN, run.bundle, run.host, str(run.pid), *moments])
    return path
