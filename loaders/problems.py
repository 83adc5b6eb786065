"""What is wrong with a bundle and where: the one shape every check reports in."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Where:
    """A place in a bundle: file, line (1 is the header) and, where known, column and its name."""

    file: str
    line: int
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        return place + (f" ({self.field})" if self.field else "")


@dataclass(frozen=True)
class Problem:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class BundleError(Exception):
    """The bundle was refused; nothing was written. `problems` says what and where."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.render())

    def render(self) -> str:
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS]]
        more = len(self.problems) - len(shown)
        return "\n".join(shown + ([f"... and {more} more"] if more > 0 else []))
