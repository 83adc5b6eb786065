"""Turning a compiled read's positional lists into the response's objects, keys in the query's order.

Neo4j does not keep the order of a map's keys, and GraphQL answers keep the order of the query's
fields; so compiled reads answer in lists, and this module writes, once per query, a small Python
function that lays each list out as the object the query asked for: `{"name": v[0], "grids": [...]}`.
The code is generated from the plan (keys are GraphQL names, checked by the parser; positions are
numbers), compiled once, and cached with the statement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from schema.compiled.plan import OutNode, OutVariant

Builder = Callable[[Any], Any]


@dataclass
class _Writer:
    lines: list[str] = field(default_factory=list)
    count: int = 0

    def fresh(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def function(self, node: OutNode) -> str:
        """The name of a function building objects laid out as `node`, writing it (and its children)."""
        name = self.fresh("b")
        if not node.indexed:
            self.lines.append(f"def {name}(v):\n    return {self.literal(node.variants[0], 'v', 0)}")
            return name
        names = []
        for variant in node.variants:
            names.append(self.fresh("b"))
            self.lines.append(f"def {names[-1]}(v):\n    return {self.literal(variant, 'v', 1)}")
        self.lines.append(f"{name}_all = ({', '.join(names)},)")
        self.lines.append(f"def {name}(v):\n    return {name}_all[v[0]](v)")
        return name

    def literal(self, variant: OutVariant, var: str, offset: int) -> str:
        """A dict display building one object from the list in `var`; lists of objects built inline."""
        entries, position = [], offset
        for out in variant.fields:
            if out.kind == "typename":
                entries.append(f"{out.key!r}: {variant.typename!r}")
                continue
            value = f"{var}[{position}]"
            position += 1
            if out.kind == "object":
                assert out.node is not None
                value = f"None if {value} is None else {self.function(out.node)}({value})"
            elif out.kind == "objects":
                assert out.node is not None
                value = self.objects(out.node, value)
            entries.append(f"{out.key!r}: {value}")
        return f"{{{', '.join(entries)}}}"

    def objects(self, node: OutNode, value: str) -> str:
        item = self.fresh("x")
        if node.indexed:
            return f"[{self.function(node)}({item}) for {item} in {value}]"
        return f"[{self.literal(node.variants[0], item, 0)} for {item} in {value}]"


def make_builder(out: OutNode, *, many: bool = False) -> Builder:
    """A function from a root field's value (a list, or a list of lists, or None) to its answer."""
    writer = _Writer()
    body = writer.objects(out, "v") if many else f"None if v is None else {writer.function(out)}(v)"
    writer.lines.append(f"def build(v):\n    return {body}")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(writer.lines), "<gridwork builder>", "exec"), namespace)
    builder: Builder = namespace["build"]
    return builder
