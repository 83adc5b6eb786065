"""A stored row's fingerprint (`_hash`): whether a bundle row changes what is stored, answered by
comparing one number instead of decoding every stored property.

Both import paths write it: a node or relationship holds exactly the non-empty cells it was created
or fully updated with, and `_hash` is the hash of those. An update that gives only some of a row's
columns leaves the whole row unknown, so it removes `_hash`, and the next load compares properties.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from graph.model import ROW_HASH

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
