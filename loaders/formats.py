"""The three shapes a bundle takes on disk: a folder of CSV files, a folder of JSON Lines files, or one
Excel workbook with a sheet per file. Reading yields each file's cells as text, streamed row by row;
writing takes rows and writes one of the three, byte for byte the same for the same rows.

Pure: no database, no row models. What a cell means is `loaders.rows`' business.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook

from loaders.problems import BundleError, Problem, Where

LIST_SEPARATOR = ";"
# A cell may hold up to this many characters; Python's csv module stops at 131,072 by default and would
# raise deep inside a read. Longer cells are refused as a problem of the cell, with its place.
MAX_CELL = 1_000_000
csv.field_size_limit(MAX_CELL)
# Excel's workbook stamps its own time into every file: a fixed one keeps two exports identical.
FIXED_TIME = datetime(2026, 1, 1)


class Format(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    XLSX = "xlsx"


Cells = list[str | None]


@dataclass(frozen=True)
class Table:
    """One file of a bundle: its name (a label or relationship type), where it is, and its rows."""

    name: str
    file: str  # as shown in problems: Person.csv, Person.jsonl, city.xlsx[Person]
    path: Path
    format: Format

    def rows(self, problems: list[Problem]) -> Iterator[tuple[str, Where, Mapping[str, str | None]]]:
        """(name, where, cells by column) for each row of a JSON Lines file or an Excel sheet;
        unreadable parts become problems. A CSV file is read as records, a chunk at a time
        (`csv_chunks`, then `csv_row`), so that a line the database holds already is never decoded."""
        readers = {Format.JSONL: _jsonl_rows, Format.XLSX: _xlsx_rows}
        for where, cells in readers[self.format](self, problems):
            yield self.name, where, cells

    def header(self, problems: list[Problem]) -> list[str] | None:
        """The columns named in the file's first row (CSV and Excel); None for JSON Lines or unreadable."""
        if self.format is Format.CSV:
            return _first_line(self, problems)
        if self.format is Format.XLSX:
            book = load_workbook(self.path, read_only=True)
            try:
                for row in book[self.name].iter_rows(max_row=1, values_only=True):
                    return [str(value) if value is not None else "" for value in row]
                return []
            finally:
                book.close()
        return None


def open_tables(path: Path) -> list[Table]:
    """The files of a bundle at `path`, whatever its format; BundleError for anything else."""
    if path.is_file() and path.suffix.lower() == ".xlsx":
        return _workbook_tables(path)
    if not path.is_dir():
        raise BundleError(
            [Problem(Where(str(path), 0), "not a bundle: expected a folder or an .xlsx workbook")]
        )
    found = {fmt: sorted(path.glob(f"*.{fmt.value}")) for fmt in (Format.CSV, Format.JSONL)}
    kinds = [fmt for fmt, files in found.items() if files]
    if not kinds:
        message = "no bundle files here: expected .csv or .jsonl files, one per label or relationship type"
        raise BundleError([Problem(Where(str(path), 0), message)])
    if len(kinds) > 1:
        message = "both .csv and .jsonl files: a bundle is one or the other"
        raise BundleError([Problem(Where(str(path), 0), message)])
    fmt = kinds[0]
    return [Table(p.stem, p.name, p, fmt) for p in found[fmt]]


def _workbook_tables(path: Path) -> list[Table]:
    try:
        book = load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise BundleError([Problem(Where(path.name, 0), f"not a readable Excel workbook: {error}")]) from None
    names = list(book.sheetnames)
    book.close()
    return [Table(name, f"{path.name}[{name}]", path, Format.XLSX) for name in names]


# --- Reading ------------------------------------------------------------------------------------


NOT_UTF8 = "not UTF-8 text: save the file as CSV UTF-8 (e.g. not GBK)"


def _bad_line(path: Path) -> int:
    """The first line that is not UTF-8 (the decoder reads in blocks and cannot say)."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 1


def _first_line(table: Table, problems: list[Problem]) -> list[str] | None:
    try:
        with table.path.open(encoding="utf-8-sig", newline="") as handle:
            return next(csv.reader(handle), [])
    except UnicodeDecodeError:
        problems.append(Problem(Where(table.file, _bad_line(table.path)), NOT_UTF8))
        return None
    except csv.Error as error:
        problems.append(Problem(Where(table.file, 1), f"unreadable CSV header ({error})"))
        return None


Record = tuple[int, bytes]  # a CSV record: the line it starts on, its bytes without the line end
BLOCK = 1 << 20  # CSV files are read a megabyte at a time


def csv_chunks(path: Path) -> Iterator[list[Record]]:
    """The records of a CSV file, header first, a block of the file at a time. A record is one line,
    or several when a quoted cell holds a line break. Streamed: a block is about a megabyte."""
    with path.open("rb") as handle:
        number, rest = 1, b""
        pending: list[bytes] = []  # the lines of a record whose quote is still open
        start = quotes = 0
        while True:
            block = handle.read(BLOCK)
            data = rest + block
            lines = data.split(b"\n")
            rest = lines.pop() if block else b""
            if not block and not lines[-1]:
                lines.pop()  # the file ends at a line end, or is empty
            chunk: list[Record] = []
            if not pending and b'"' not in data:  # nearly always: each line a record
                chunk = [(number + i, line.rstrip(b"\r")) for i, line in enumerate(lines)]
            else:
                for i, line in enumerate(lines):
                    if not pending and b'"' not in line:
                        chunk.append((number + i, line.rstrip(b"\r")))
                        continue
                    if not pending:
                        start = number + i
                    pending.append(line)
                    quotes += line.count(b'"')
                    if quotes % 2 == 0:  # every quote closed: the record ends with this line
                        chunk.append((start, b"\n".join(pending).rstrip(b"\r")))
                        pending, quotes = [], 0
            number += len(lines)
            if chunk:
                yield chunk
            if not block:
                break
        if pending:
            yield [(start, b"\n".join(pending).rstrip(b"\r"))]


def csv_cells(text: str) -> list[str]:
    """The cells of one record: split at commas, unless quotes make it the csv module's work."""
    return text.split(",") if '"' not in text else next(csv.reader([text]), [])


def csv_row(
    table: Table, header: list[str], line: int, record: bytes, problems: list[Problem]
) -> Mapping[str, str | None] | None:
    """One record's cells by column; None for a blank record or one that is a problem."""
    where = Where(table.file, line)
    try:
        cells = csv_cells(record.decode("utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(where, NOT_UTF8))
        return None
    except csv.Error as error:
        message = f"unreadable CSV ({error}); a cell may hold {MAX_CELL:,} characters"
        problems.append(Problem(where, message))
        return None
    if len(cells) != len(header):
        if any(cell.strip() for cell in cells):
            problems.append(Problem(where, f"{len(cells)} cells where the header has {len(header)}"))
        return None
    if not any(cells):
        return None
    return {column: (cell or None) for column, cell in zip(header, cells, strict=True)}


def _jsonl_rows(table: Table, problems: list[Problem]) -> Iterator[tuple[Where, Mapping[str, str | None]]]:
    with table.path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = Where(table.file, number)
            if not raw.strip():
                continue
            try:
                value = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError:
                problems.append(Problem(where, "not UTF-8 text"))
                continue
            except json.JSONDecodeError as error:
                problems.append(
                    Problem(where, f"not a JSON object: {error.msg} at character {error.pos + 1}")
                )
                continue
            if not isinstance(value, dict):
                problems.append(Problem(where, 'each line must be one JSON object, {"column": value, ...}'))
                continue
            cells: dict[str, str | None] = {}
            for column, item in value.items():
                text = _json_cell(item)
                if text is _UNREADABLE:
                    problems.append(
                        Problem(
                            Where(table.file, number, None, column),
                            "expected text, a number, true or false, or a list of texts",
                        )
                    )
                    continue
                cells[column] = text
            yield where, cells


_UNREADABLE = "\0unreadable"


def _json_cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return value if value != "" else None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return LIST_SEPARATOR.join(value) if value else None
    return _UNREADABLE


def _xlsx_rows(table: Table, problems: list[Problem]) -> Iterator[tuple[Where, Mapping[str, str | None]]]:
    book = load_workbook(table.path, read_only=True)
    try:
        rows = book[table.name].iter_rows(values_only=True)
        header = [str(value) if value is not None else "" for value in next(rows, ())]
        for number, values in enumerate(rows, start=2):
            cells = [_excel_cell(value) for value in values]
            if not any(cell is not None and cell.strip() for cell in cells):
                continue
            if len(cells) > len(header) and any(cell is not None for cell in cells[len(header) :]):
                problems.append(
                    Problem(Where(table.file, number), "cells beyond the last column of the header")
                )
                continue
            cells += [None] * (len(header) - len(cells))
            yield Where(table.file, number), dict(zip(header, cells[: len(header)], strict=True))
    finally:
        book.close()


def _excel_cell(value: Any) -> str | None:
    """A workbook cell as the text a CSV cell would hold: TRUE is true, a date is 2026-01-31."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A whole number stored as a float keeps its digits; anything else is shown as Excel would
        # and refused where digits are expected.
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == time() and value.tzinfo is None else value.isoformat()
        )
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value)
    return text if text != "" else None


# --- Writing ------------------------------------------------------------------------------------


def cell(value: Any) -> str:
    """One value as the CSV and Excel formats write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


class BundleWriter:
    """Writes the files of one bundle in one format: `add` (or `open`) each file, then `close`.

    Nothing of the bundle replaces what the target holds until `close`: the files are written in a
    folder of their own beside them (a workbook in memory), so a bundle that fails half-way (`abort`,
    or leaving a `with` block by an exception) leaves an earlier one as it was.
    """

    def __init__(self, target: Path, fmt: Format, *, excel_bom: bool = False) -> None:
        self.format = fmt
        self.excel_bom = excel_bom
        self.written: dict[str, int] = {}
        self.files: list[FileRows] = []
        if fmt is Format.XLSX:
            self.target = target if target.suffix.lower() == ".xlsx" else target / "bundle.xlsx"
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.book = Workbook(write_only=True)
        else:
            self.target = target
            target.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(prefix=".gridwork-writing-", dir=self.target.parent))

    def __enter__(self) -> BundleWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

    def abort(self) -> None:
        """Leave the target as it was: drop what was written."""
        for file in self.files:
            file.close()
        if self.format is Format.XLSX:
            for sheet in self.book.worksheets:
                sheet.close()  # a write-only sheet's rows go to a file of its own until the book is saved
        shutil.rmtree(self.path, ignore_errors=True)

    def open(self, name: str, header: list[str]) -> FileRows:
        """One file (or sheet), written row by row and created at its first row: a file without rows
        is left out ("files may be absent")."""
        file = FileRows(self, name, header)
        self.files.append(file)
        return file

    def add(self, name: str, header: list[str], rows: Iterable[Mapping[str, Any]]) -> int:
        """Write one whole file (or sheet); return its rows."""
        file = self.open(name, header)
        for row in rows:
            file.write(row)
        return file.close()

    def close(self) -> None:
        """Put the bundle in place of what the target held (an earlier bundle's files do not outlive it)."""
        for file in self.files:
            file.close()
        if self.format is Format.XLSX:
            if not self.written:
                self.book.create_sheet("empty")
            self.book.properties.created = FIXED_TIME
            self.book.properties.modified = FIXED_TIME
            buffer = io.BytesIO()
            self.book.save(buffer)
            _stable_zip(buffer.getvalue(), self.path / self.target.name)
        else:
            for stale in [*self.target.glob("*.csv"), *self.target.glob("*.jsonl")]:
                stale.unlink()
        for written in self.path.iterdir():
            written.replace(self.target if self.format is Format.XLSX else self.target / written.name)
        self.path.rmdir()


class FileRows:
    """The rows of one file of a bundle being written (`BundleWriter.open`): `write` each, then `close`."""

    def __init__(self, bundle: BundleWriter, name: str, header: list[str]) -> None:
        self.bundle, self.name, self.header = bundle, name, header
        self.count = 0
        self._handle: IO[str] | None = None
        self._write: Callable[[Mapping[str, Any]], None] | None = None

    def write(self, row: Mapping[str, Any]) -> None:
        if self._write is None:
            self._write = self._start()
        self._write(row)
        self.count += 1

    def _start(self) -> Callable[[Mapping[str, Any]], None]:
        """Create the file (or sheet) with its header; return how a row is written to it."""
        header, bundle = self.header, self.bundle
        if bundle.format is Format.XLSX:
            sheet = bundle.book.create_sheet(self.name)
            sheet.append(header)
            # Every cell as text: an id or a phone stays digits, never a number Excel may reshape.
            return lambda row: sheet.append([cell(row.get(column)) or None for column in header])
        if bundle.format is Format.JSONL:
            self._handle = handle = (bundle.path / f"{self.name}.jsonl").open(
                "w", encoding="utf-8", newline="\n"
            )

            def line(row: Mapping[str, Any]) -> None:
                item = {c: _json_value(row[c]) for c in header if row.get(c) is not None}
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")

            return line
        # utf-8-sig: a byte-order mark, so that Excel on a Chinese Windows reads UTF-8, not GBK.
        encoding = "utf-8-sig" if bundle.excel_bom else "utf-8"
        self._handle = (bundle.path / f"{self.name}.csv").open("w", encoding=encoding, newline="")
        writer = csv.writer(self._handle, lineterminator="\r\n" if bundle.excel_bom else "\n")
        writer.writerow(header)
        return lambda row: writer.writerow([cell(row.get(column)) for column in header])

    def close(self) -> int:
        """Finish the file (again: nothing more); return how many rows it holds."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self.count:
            self.bundle.written[self.name] = self.count
        return self.count


def _stable_zip(data: bytes, path: Path) -> None:
    """Rewrite a workbook with fixed entry times, so that the same rows make the same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\2", data
                )
            out.writestr(entry, data)
