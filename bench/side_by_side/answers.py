"""Answers made comparable: lists whose order the API does not define sorted by id, then compared."""

from __future__ import annotations

from typing import Any

# Fields whose values never appear in a report, even when two systems disagree on them.
PERSONAL = frozenset({"phone", "needs", "livesIn"})


def canonical(value: Any, ordered: frozenset[str], field: str | None = None) -> Any:
    """The value with every list of objects sorted by id, except under the fields named in `ordered`."""
    if isinstance(value, dict):
        return {key: canonical(item, ordered, key) for key, item in value.items()}
    if isinstance(value, list):
        items = [canonical(item, ordered) for item in value]
        if field not in ordered and all(isinstance(item, dict) and "id" in item for item in items):
            items.sort(key=lambda item: str(item["id"]))
        return items
    return value


def first_difference(expected: Any, actual: Any, path: str = "data") -> str | None:
    """Where two canonical answers first differ, as a path and the two values; None when they agree."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(expected.keys() | actual.keys()):
            if key not in actual or key not in expected:
                side = "missing" if key not in actual else "unexpected"
                return f"{path}.{key}: {side}"
            found = first_difference(expected[key], actual[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return f"{path}: {len(expected)} items expected, {len(actual)} found"
        for index, (one, other) in enumerate(zip(expected, actual, strict=True)):
            found = first_difference(one, other, f"{path}[{index}]")
            if found:
                return found
        return None
    if expected != actual:
        if path.rsplit(".", 1)[-1] in PERSONAL:
            return f"{path}: differs (personal data, values not shown)"
        return f"{path}: expected {_short(expected)}, found {_short(actual)}"
    return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def list_sizes(value: Any, counts: dict[str, int] | None = None) -> dict[str, int]:
    """How many items the answer's lists hold, by field, summed over the whole answer (its size in words)."""
    counts = {} if counts is None else counts
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, list):
                counts[key] = counts.get(key, 0) + len(item)
            list_sizes(item, counts)
    elif isinstance(value, list):
        for item in value:
            list_sizes(item, counts)
    return counts
