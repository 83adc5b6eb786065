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

    def node(self, node: OutNode) -> str:
        """The name of a function building objects laid out as `node`, writing it (and its children)."""
        name = f"b{self.count}"
        self.count += 1
        if not node.indexed:
            self.variant(name, node.variants[0], offset=0)
            return name
        names = [f"{name}_{i}" for i in range(len(node.variants))]
        for variant_name, variant in zip(names, node.variants, strict=True):
            self.variant(variant_name, variant, offset=1)
        self.lines.append(f"{name}_all = ({', '.join(names)},)")
        self.lines.append(f"def {name}(v):\n    return {name}_all[v[0]](v)")
        return name

    def variant(self, name: str, variant: OutVariant, offset: int) -> None:
        entries, position = [], offset
        for out in variant.fields:
            if out.kind == "typename":
                entries.append(f"{out.key!r}: {variant.typename!r}")
                continue
            value = f"v[{position}]"
            position += 1
            if out.kind == "object":
                assert out.node is not None
                child = self.node(out.node)
                value = f"None if {value} is None else {child}({value})"
            elif out.kind == "objects":
                assert out.node is not None
                child = self.node(out.node)
                value = f"[{child}(x) for x in {value}]"
            entries.append(f"{out.key!r}: {value}")
        self.lines.append(f"def {name}(v):\n    return {{{', '.join(entries)}}}")


def make_builder(out: OutNode, *, many: bool = False) -> Builder:
    """A function from a root field's value (a list, or a list of lists, or None) to its answer."""
    writer = _Writer()
    top = writer.node(out)
    body = f"[{top}(x) for x in v]" if many else f"None if v is None else {top}(v)"
    writer.lines.append(f"def build(v):\n    return {body}")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(writer.lines), "<gridwork builder>", "exec"), namespace)
    builder: Builder = namespace["build"]
    return builder
