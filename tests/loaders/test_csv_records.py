"""CSV files read a block at a time: every record whole, with the line it starts on, wherever the
blocks happen to cut the file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from loaders import formats
from loaders.formats import csv_cells, csv_chunks

TRICKY = (
    "id,name,note\r\n"
    'A1,"王, 小明","line one\r\nline two"\r\n'
    "\r\n"
    'A2,李四,"say ""hi"""\r\n'
    'A3,"three\nlines\nhere",x\r\n'
    "A4,last,no line end"
)


@pytest.mark.parametrize("block", [1, 2, 3, 7, 64, 1 << 20])
def test_records_are_whole_whatever_the_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    path = tmp_path / "T.csv"
    path.write_bytes(TRICKY.encode())
    monkeypatch.setattr(formats, "BLOCK", block)
    records = [record for chunk in csv_chunks(path) for record in chunk]
    # Worked out by hand: the line each record starts on, and its cells as the csv module reads them.
    assert [line for line, _ in records] == [1, 2, 4, 5, 6, 9]
    cells = [csv_cells(record.decode()) for _, record in records]
    assert cells == [
        ["id", "name", "note"],
        ["A1", "王, 小明", "line one\r\nline two"],
        [""],
        ["A2", "李四", 'say "hi"'],
        ["A3", "three\nlines\nhere", "x"],
        ["A4", "last", "no line end"],
    ]
    # And the csv module, reading the whole file at once, agrees (it gives the blank line as []).
    assert [c for c in cells if c != [""]] == [
        row for row in csv.reader(io.StringIO(TRICKY, newline="")) if row
    ]


def test_an_empty_file_has_no_records(tmp_path: Path) -> None:
    path = tmp_path / "T.csv"
    path.write_bytes(b"")
    assert list(csv_chunks(path)) == []


def test_an_unclosed_quote_runs_to_the_end(tmp_path: Path) -> None:
    path = tmp_path / "T.csv"
    path.write_bytes(b'id,name\nA1,"open\nA2,b\n')
    records = [record for chunk in csv_chunks(path) for record in chunk]
    assert records == [(1, b"id,name"), (2, b'A1,"open\nA2,b')]
