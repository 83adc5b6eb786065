"""The first load into an empty database, through Neo4j's own bulk importer (`neo4j-admin database
import full`): the planned creations written as the importer's CSV files, by a process of its own
while the bundle is still being checked (`BulkWriter`).

Every node gets its labels (`Entity` and its own, and `InNeed` for a person in need), `_run` and
`_hash` as the Bolt path writes them, and one published `ImportRun` node is written beside them, so
that the graph after a bulk import is the graph a Bolt import of the same bundle would have made. The
server's side (stopping it, importing, starting it again) is the caller's: it alone knows the data
directory.
"""

from __future__ import annotations

import csv
import multiprocessing
import queue
import shutil
import types
import typing
from dataclasses import dataclass, field
from datetime import date, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, Any

from graph.imports import Write
from graph.model import ENTITY, IMPORT_RUN, PUBLISHED_RUN, Label, Rel, labels_of_person
from loaders.rowhash import HASH, LINE, row_hash
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
QUEUED_BATCHES = 8  # planned batches of creations waiting for the writer process, at most
# How often the loader and its writer, each waiting on the other, check that the other still runs.
ALIVE_CHECK_SECONDS = 1.0


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


class _Files:
    """The importer's files being written: each opened with its first row."""

    def __init__(self, folder: Path, run_id: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.run_id = run_id
        self.open: dict[str, _File] = {}
        self.rows = 0

    def add(self, write: Write) -> None:
        if write.op == "create_nodes":
            label = Label(write.target)
            out = self.open.get(label) or self.open.setdefault(label, _node_file(self.folder, label))
            labels = f"{ENTITY};{label.value}"
            for row in write.rows:
                extra = labels_of_person(row["props"]) if label is Label.PERSON else ()
                row_labels = ";".join((labels, *extra)) if extra else labels
                out.write([row["id"], row_labels, self.run_id, *_fingerprints(row)], row["props"])
        elif write.op == "create_rels":
            rel = Rel(write.target)
            out = self.open.get(rel) or self.open.setdefault(rel, _rel_file(self.folder, rel))
            for row in write.rows:
                out.write([row["from"], row["to"], rel.value, self.run_id, *_fingerprints(row)], row["props"])
        else:
            raise ValueError(f"a first load only creates; planned {write.op}")
        self.rows += len(write.rows)

    def close(self) -> BulkFiles:
        files = BulkFiles(self.folder, rows=self.rows)
        for name, out in self.open.items():
            out.handle.close()
            (files.nodes if name in Label.__members__.values() else files.relationships).append(out.path)
            files.multiline = files.multiline or out.multiline
        return files


class BulkWriteFailed(RuntimeError):
    """The importer's files could not be written (a full disk, a folder gone); nothing was imported."""


class BulkWriter:
    """The importer's files, written by a child process while the bundle is still being checked.

    A first load's check keeps one core busy and asks Neo4j nothing, so the other core is free. The
    planner hands each batch of creations to `add`, which queues it; the queue's own thread sends it
    to the writer. At most `QUEUED_BATCHES` wait: a slow writer holds the check back rather than
    letting rows pile up in memory. `finish` waits for the files, adds the published `ImportRun`
    node's own and returns them all; `close` stops a writer still running.

    The writer is spawned, so it imports the program's main module again, as any spawned process
    does: a program that loads in bulk keeps its work under `if __name__ == "__main__"` (the
    `gridwork` command does).
    """

    def __init__(self, folder: Path, run_id: str) -> None:
        context = multiprocessing.get_context("spawn")  # nothing of the loader's threads is inherited
        self._queue: multiprocessing.Queue[Write | None] = context.Queue(QUEUED_BATCHES)
        self._outcome, child = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_write_in_child,
            args=(self._queue, child, folder, run_id),
            name="gridwork-bulk-writer",
            daemon=True,
        )
        self._process.start()
        child.close()
        self.folder = folder
        self.run_id = run_id
        self.rows = 0

    def add(self, write: Write) -> None:
        if write.rows:
            self._put(write)
            self.rows += len(write.rows)

    def _put(self, write: Write | None) -> None:
        while True:
            try:
                self._queue.put(write, timeout=ALIVE_CHECK_SECONDS)
                return
            except queue.Full:
                if not self._process.is_alive():
                    raise BulkWriteFailed(self._ended()) from None

    def _ended(self) -> str:
        return f"the writer process ended (exit {self._process.exitcode}) before its files were done"

    def finish(self, run: ImportRunRecord) -> BulkFiles:
        """Every file written and closed; BulkWriteFailed says why not."""
        self._put(None)
        try:
            outcome: BulkFiles | str = self._outcome.recv()
        except EOFError:
            outcome = self._ended()
        self._process.join()
        if isinstance(outcome, str):
            raise BulkWriteFailed(f"writing the bulk importer's files failed: {outcome}")
        outcome.nodes.append(_run_file(self.folder, run))
        return outcome

    def close(self) -> None:
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._queue.cancel_join_thread()  # what a killed writer left unread is dropped
        self._queue.close()
        self._outcome.close()


def _write_in_child(
    batches: multiprocessing.Queue[Write | None], outcome: Connection, folder: Path, run_id: str
) -> None:
    """The writer process: creations from the queue into files until None comes; then the files, or
    what went wrong (the rest of the creations are still taken, so the sender never waits on it).
    A loader that is killed sends nothing more: its writer then removes the files and ends."""
    files = _Files(folder, run_id)
    failure: str | None = None
    while (write := _next(batches)) is not None:
        if failure is None:
            try:
                files.add(write)
            except Exception as error:
                failure = f"{type(error).__name__}: {error}"
    if not _loader_alive():
        shutil.rmtree(folder, ignore_errors=True)
        return
    result: BulkFiles | str
    try:
        result = files.close()
    except Exception as error:
        result = f"{type(error).__name__}: {error}"
    outcome.send(failure or result)
    outcome.close()


def _next(batches: multiprocessing.Queue[Write | None]) -> Write | None:
    """The next batch of creations; None once they are all sent, or once the loader is gone."""
    while True:
        try:
            return batches.get(timeout=ALIVE_CHECK_SECONDS)
        except queue.Empty:
            if not _loader_alive():
                return None


def _loader_alive() -> bool:
    loader = multiprocessing.parent_process()
    return loader is not None and loader.is_alive()


def _fingerprints(row: dict[str, Any]) -> tuple[str, str]:
    """A created row's `_hash` (worked out here when the planner left it to the writer) and `_line`."""
    fingerprint = row_hash(row["props"]) if row[HASH] is None else row[HASH]
    line = row[LINE]
    return str(fingerprint), "" if line is None else str(line)


def _run_file(folder: Path, run: ImportRunRecord) -> Path:
    path = folder / f"{IMPORT_RUN}.nodes.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        times = ("started:datetime", "beat:datetime", "finished:datetime")
        writer.writerow([":LABEL", "id", "state", "bundle", "host", "pid:long", *times])
        moments = (run.started.isoformat(), run.finished.isoformat(), run.finished.isoformat())
        writer.writerow([IMPORT_RUN, run.id, PUBLISHED_RUN, run.bundle, run.host, str(run.pid), *moments])
    return path
