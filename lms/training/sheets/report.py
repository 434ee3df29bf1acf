"""What an import reports: ok or not, the problems by row and column, counts."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    """One problem: ``row`` as the spreadsheet shows it (None for the file
    as a whole), ``column`` its letter ("" for the whole file)."""

    row: int | None
    column: str
    reason: str


@dataclass
class SheetImportReport:
    """The outcome of an import. Unless ``ok`` nothing was written.
    ``counts``: attendance {"changed", "unchanged"}; enrolment
    {"enrolled", "waitlisted", "unchanged"}."""

    ok: bool
    errors: list[RowError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def refused(cls, message: str) -> "SheetImportReport":
        return cls(ok=False, errors=[RowError(None, "", message)])
