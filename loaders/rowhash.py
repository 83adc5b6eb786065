"""A stored row's two fingerprints: whether a bundle row changes what is stored, answered by comparing
one number instead of decoding every stored property (`_hash`), or even without typing the row's
cells (`_line`, the hash of the CSV line that wrote it: loaders/known.py).

Both import paths write them: a node or relationship holds exactly the non-empty cells it was created
or fully updated with, and `_hash` is the hash of those. An update that gives only some of a row's
columns leaves the whole row unknown, so it removes both, and the next load compares properties.
Every write other than an import's removes both as well.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import xxhash

from graph.model import LINE_HASH, ROW_HASH

HASH = ROW_HASH
_SEP, _END = "\x1f", "\x1e"


def _encoded(value: Any) -> str:
    # Typed, so that 1 (a whole number), 1.0, "1" and true hash differently.
    if isinstance(value, bool):
        return "b1" if value else "b0"
    if isinstance(value, int):
        return f"i{value}"
    if isinstance(value, float):
        return f"f{value!r}"
    if isinstance(value, datetime):
        return f"t{value.isoformat()}"
    if isinstance(value, date):
        return f"d{value.isoformat()}"
    if isinstance(value, list):
        return "l" + _SEP.join(map(_encoded, value))
    return f"s{value}"


def row_hash(props: Mapping[str, Any]) -> int:
    """A 64-bit signed fingerprint of a row's non-empty values (a Neo4j integer), key order ignored."""
    text = _END.join(f"{key}{_SEP}{_encoded(props[key])}" for key in sorted(props) if props[key] is not None)
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# --- A bundle line's hash (`_line`) ----------------------------------------------------------------

LINE = LINE_HASH
# Part of every line's hash: raise it when what a cell means changes, so that each stored row is read
# and compared again once instead of being taken for unchanged by its text.
LINE_VERSION = 1


def line_seed(kind: str, header: Sequence[str]) -> int:
    """What a line's hash starts from: the file's label or type and its columns, in their order."""
    return xxhash.xxh3_64_intdigest(f"{LINE_VERSION}\x1f{kind}\x1f{_SEP.join(header)}".encode())


def line_hashes(seed: int, records: Sequence[tuple[int, bytes]], bare: int | None = None) -> list[int]:
    """A 63-bit hash (a non-negative Neo4j integer) of each CSV record's bytes.

    `bare`: the seed of the header without its last column, `op` (`line_seed_without_op`). A record
    whose `op` is empty (it ends with a comma) is then hashed as that line without the column, which
    it means: a file given an `op` column to remove a few rows keeps its other lines known."""
    digest = xxhash.xxh3_64_intdigest
    if bare is None:
        return [digest(record, seed) >> 1 for _, record in records]
    return [
        (digest(record[:-1], bare) if record.endswith(b",") else digest(record, seed)) >> 1
        for _, record in records
    ]


def line_seed_without_op(kind: str, header: Sequence[str], op: str) -> int | None:
    """The seed a line whose last column is an empty `op` is hashed with; None if `op` is not last."""
    return line_seed(kind, header[:-1]) if len(header) > 1 and header[-1] == op else None
