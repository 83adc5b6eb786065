"""Rows known unchanged by their text: a CSV line that is, byte for byte, the line that last wrote a
stored row (the row's `_line`, loaders/rowhash.py) changes nothing, so it is neither typed nor
compared with the database. Loading the same bundle again reads each line once and looks it up.

Why that is safe: an import writes `_line` only with the whole row that line gave, and every other
write to a node or relationship removes it (graph.statements.forget_fingerprints). A stored `_line`
therefore says that the row holds exactly what that line says.

A known line still takes part in the bundle's own checks (`BundleIndex`): its id or its link counts for
ids used twice, links given twice, two current homes or parents, and ends that the bundle removes.
Lines whose meaning depends on more than their text are read as usual: relationships with a key
(ADVISES, CLAIMED, HELPS), and a home, compound or parent area that begins after today or ends.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from graph import imports
from graph.driver import Graph
from graph.model import REL_KEYS, Label, Rel
from loaders.bundle import kind_of
from loaders.checks import SINGLE, BundleIndex
from loaders.formats import Format, Record, Table, csv_cells
from loaders.plan import UNCHANGED, ImportReport
from loaders.problems import Problem


@dataclass
class KnownLines:
    """The stored line hashes of one file's label or type, and what a known line adds to the index.

    The filter runs in the reader's thread and only notes what it knows; `settle`, in the loop's
    thread, adds it to the index and the report, so that only one thread ever changes them."""

    kind: Label | Rel
    file: str
    stored: set[int]
    index: BundleIndex
    report: ImportReport
    ends: tuple[int, int]  # where "from" and "to" (or "id", twice) stand among the cells
    since: int | None  # where a home's, compound's or parent area's since and until stand
    until: int | None
    today: bytes
    splits: int = 0  # how many commas to split a line at: enough for every cell looked at
    # Known lines not yet settled, a chunk at a time: their ids (a label's file) or their ends (a
    # relationship type's), with their line numbers.
    ids: list[tuple[list[str], list[int]]] = field(default_factory=list)
    ends_of: list[tuple[list[tuple[str, str]], list[int]]] = field(default_factory=list)
    noted: threading.Lock = field(default_factory=threading.Lock)  # the reader notes, the loop settles

    def __post_init__(self) -> None:
        self.splits = max(i for i in (*self.ends, self.since, self.until) if i is not None) + 1

    @classmethod
    def of(
        cls, table: Table, header: list[str], stored: set[int], index: BundleIndex, report: ImportReport
    ) -> KnownLines:
        """The known lines of a file whose header has its ids (`_ids_header`)."""
        kind = kind_of(table)
        names = _ID_COLUMNS[isinstance(kind, Label)]
        ends = (header.index(names[0]), header.index(names[1]))
        since, until = (
            header.index(c) if kind in SINGLE and c in header else None for c in ("since", "until")
        )
        today = index.today.isoformat().encode()
        return cls(kind, table.file, stored, index, report, ends, since, until, today)

    def __call__(self, chunk: Sequence[Record], digests: Sequence[int]) -> list[int]:
        stored = self.stored
        hits = [i for i, digest in enumerate(digests) if digest in stored]
        if not hits:
            return list(range(len(chunk)))
        splits = self.splits  # only the cells up to the last one looked at (ids, dates), as bytes
        rows = {i: record.split(b",", splits) for i in hits if b'"' not in (record := chunk[i][1])}
        if len(rows) < len(hits):  # quoted lines: the csv module's, in the file's order
            rows.update({i: _quoted_cells(chunk[i][1]) for i in hits if i not in rows})
            rows = dict(sorted(rows.items()))
        if self.since is not None or self.until is not None:
            rows = {i: cells for i, cells in rows.items() if self._current(cells)}
        first, second = self.ends
        lines = [chunk[i][0] for i in rows]
        if isinstance(self.kind, Label):
            ids = [cells[first].decode() for cells in rows.values()]
            with self.noted:
                self.ids.append((ids, lines))
        else:
            ends = [(cells[first].decode(), cells[second].decode()) for cells in rows.values()]
            with self.noted:
                self.ends_of.append((ends, lines))
        return [i for i in range(len(chunk)) if i not in rows]

    def settle(self) -> list[Problem]:
        """Add the lines known since the last call to the index and the report; what is wrong with them."""
        with self.noted:
            noted_ids, noted_ends = self.ids, self.ends_of
            self.ids, self.ends_of = [], []
        problems: list[Problem] = []
        known = 0
        for ids, lines in noted_ids:
            problems.extend(self.index.add_known_nodes(Label(self.kind), ids, lines, self.file))
            known += len(lines)
        where = (self.file, self.ends[0] + 1, self.ends[1] + 1)
        for ends, lines in noted_ends:
            problems.extend(self.index.add_known_links(Rel(self.kind), ends, lines, where))
            known += len(lines)
        if known:
            self.report.add(self.kind, UNCHANGED, known)
            self.report.known += known
        return problems

    def _current(self, cells: list[bytes]) -> bool:
        """Begun by today (an ISO day, or none) and not ending: then it starts no move and ends none."""
        if self.until is not None and cells[self.until]:
            return False
        since = b"" if self.since is None else cells[self.since]
        return not since or (len(since) == 10 and since[4:5] == since[7:8] == b"-" and since <= self.today)


_ID_COLUMNS = {True: ("id", "id"), False: ("from", "to")}  # a label's file, a relationship type's


def _ids_header(table: Table) -> list[str] | None:
    """The header of a file whose lines can be known: CSV, no type with a key, its ids among the
    columns (a header without them is reported when the file is read)."""
    kind = kind_of(table)
    header = table.header([]) if table.format is Format.CSV else None
    if header is None or (isinstance(kind, Rel) and kind in REL_KEYS):
        return None
    return header if all(name in header for name in _ID_COLUMNS[isinstance(kind, Label)]) else None


@dataclass
class StoredLines:
    """The stored line hashes of every file of a bundle whose lines can be known, asked for at once
    (two at a time) so that Neo4j gathers the next files' while this process reads the current one."""

    graph: Graph
    tables: Sequence[Table]
    # Each such file's header and the request for its hashes, by file.
    asked: dict[str, tuple[list[str], asyncio.Task[set[int]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        turns = asyncio.Semaphore(2)

        async def fetch(kind: Label | Rel) -> set[int]:
            async with turns:
                return await imports.stored_lines(self.graph, kind)

        for table in self.tables:
            if (header := _ids_header(table)) is not None:
                self.asked[table.file] = header, asyncio.create_task(fetch(kind_of(table)))

    async def known(self, table: Table, index: BundleIndex, report: ImportReport) -> KnownLines | None:
        """What a file's lines can be known by; None when none can be (see `_ids_header`) or none is
        stored."""
        if table.file not in self.asked:
            return None
        header, task = self.asked.pop(table.file)
        stored = await task
        return KnownLines.of(table, header, stored, index, report) if stored else None

    async def close(self) -> None:
        """Cancel what is no longer needed (a load that stopped early)."""
        tasks = [task for _, task in self.asked.values()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self.asked.clear()


def _quoted_cells(record: bytes) -> list[bytes]:
    return [cell.encode() for cell in csv_cells(record.decode("utf-8"))]
