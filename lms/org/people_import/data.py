"""The plain results of a people import: what each row would do, and why a
row or the whole file was refused."""

import datetime
import enum
from dataclasses import dataclass

from django.utils.translation import gettext as _


class FileRefused(ValueError):
    """The file as a whole cannot be imported; ``str(error)`` says why."""


class Action(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RowError:
    """One problem of one row. ``row`` is the row number the spreadsheet
    shows (the header is row 1); ``column`` is the header as in the file, or
    empty for a problem of the whole row."""

    row: int
    column: str
    reason: str

    def __str__(self):
        if not self.column:
            return _("Row %(row)s: %(reason)s") % {
                "row": self.row,
                "reason": self.reason,
            }
        return _("Row %(row)s, column “%(column)s”: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class RowResult:
    """A validated row: either ``errors``, or the ``action`` it plans.

    ``changes`` are (Person field, new value) pairs; ``move`` says whether the
    unit or title changes, to ``unit_id``/``title_id`` from ``since``.
    """

    row: int
    errors: tuple[RowError, ...] = ()
    action: Action | None = None
    person_id: int | None = None
    changes: tuple[tuple[str, object], ...] = ()
    unit_id: int | None = None
    title_id: int | None = None
    move: bool = False
    since: datetime.date | None = None


@dataclass(frozen=True)
class ImportReport:
    """The outcome of one import. When ``errors`` is not empty nothing was
    written; ``written`` tells whether the rows were saved (False for a dry
    run)."""

    rows: tuple[RowResult, ...]
    dry_run: bool = False

    @property
    def errors(self) -> tuple[RowError, ...]:
        return tuple(error for row in self.rows for error in row.errors)

    @property
    def ok(self) -> bool:
        return not any(row.errors for row in self.rows)

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    @property
    def created(self) -> int:
        return self._count(Action.CREATE)

    @property
    def updated(self) -> int:
        return self._count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self._count(Action.UNCHANGED)

    def _count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action == action)
