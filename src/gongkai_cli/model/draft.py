"""What `gongkai import` gives back: the draft it wrote and the points a person has to
look at, each placed at its line (values, so that render/ can lay them out)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ReviewPoint:
    """What a person has to decide or check in the draft, placed at its line of a written
    file: `file:line: field: message` (`lint`'s findings are about a plan, not a draft)."""

    file: str
    line: int
    field: str
    message: str
    decide: bool

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


@dataclass(frozen=True, slots=True)
class ImportedDraft:
    """What `import` wrote and what a person has to look at."""

    out: Path
    layout: str
    year: int | None
    tasks: int
    units: int
    new_units: int
    findings: tuple[ReviewPoint, ...]
    encoding: str | None
    defaulted: tuple[int, ...] = ()
    """The 序号 of the items that took --default-time-node (they write no 完成时限)."""

    @property
    def needs_decisions(self) -> bool:
        """Whether the draft does not validate as it stands."""
        return any(finding.decide for finding in self.findings)
