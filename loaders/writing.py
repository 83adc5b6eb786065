"""Writing a bundle in one of the three shapes `loaders.formats` reads, byte for byte the same for the
same rows: each value as the format writes it, a file created at its first row, and nothing put in
place of what the target held until the whole bundle is written.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook

from loaders.formats import LIST_SEPARATOR, Format

# Excel's workbook stamps its own time into every file: a fixed one keeps two exports identical.
FIXED_TIME = datetime(2026, 1, 1)


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
