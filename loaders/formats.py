"""The three shapes a bundle takes on disk: a folder of CSV files, a folder of JSON Lines files, or one
Excel workbook with a sheet per file; and reading them: each file's cells as text, streamed (CSV as
records a chunk at a time, the others row by row). Writing them is `loaders.writing`'s.

Pure: no database, no row models. What a cell means is `loaders.rows`' business.
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from loaders.problems import BundleError, Problem, Where

LIST_SEPARATOR = ";"
# A cell may hold up to this many characters; Python's csv module stops at 131,072 by default and would
# raise deep inside a read. Longer cells are refused as a problem of the cell, with its place.
MAX_CELL = 1_000_000
csv.field_size_limit(MAX_CELL)


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
