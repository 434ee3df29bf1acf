"""The attendance sheet of a class as .xlsx: its layout (learner rows,
session columns, hidden keys, the C/M/P/V letters) and writing it."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation

from ..data import AttendanceStatus
from ..documents import learners_of
from ..models import Attendance
from .cells import column_letter
from .writing import BOLD, BOX, WRAP, to_bytes

LETTERS = {
    AttendanceStatus.PRESENT: "C",  # có mặt
    AttendanceStatus.LATE: "M",  # muộn
    AttendanceStatus.EXCUSED: "P",  # vắng có phép
    AttendanceStatus.ABSENT: "V",  # vắng
}
STATUS_OF = {letter: status for status, letter in LETTERS.items()}
MARKER = "hocvien:attendance:"
KEY, NUMBER, NAME, PHONE, UNIT = range(5)  # columns A-E; A (the key) is hidden
FIRST_SESSION = 5  # column F
FIRST_LEARNER_ROW = 4  # row 1: hidden ids; rows 2-3: headings


def attendance_sheet_xlsx(*, training_class) -> bytes:
    """The class's attendance sheet: one row per enrolled learner (name
    order), one column per session, holding the current marks as letters
    (C, M, P, V); hidden keys (learner ids in column A, session ids in row
    1) tell ``import_attendance`` exactly which cell is which."""
    sessions = list(training_class.sessions.order_by("date", "start_time", "pk"))
    stored = Attendance.objects.filter(session__training_class=training_class)
    marks = {(a.session_id, a.user_id): LETTERS[a.status] for a in stored}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Attendance")[:31]
    write_attendance_headings(sheet, training_class, sessions)
    learners = learners_of(training_class)
    for number, person in enumerate(learners, 1):
        row = [person.user_id, number, person.full_name, person.local_phone]
        row.append(person.unit.name if person.unit else "")
        row += [marks.get((s.pk, person.user_id), "") for s in sessions]
        write_row(sheet, FIRST_LEARNER_ROW + number - 1, row)
    last_row = FIRST_LEARNER_ROW + len(learners) - 1
    if sessions and learners:
        add_mark_choices(sheet, len(sessions), last_row)
    write_legend(sheet, last_row + 2)
    set_up_page(sheet, training_class, len(sessions))
    return to_bytes(workbook)


def write_attendance_headings(sheet, training_class, sessions) -> None:
    sheet.cell(1, KEY + 1, f"{MARKER}{training_class.pk}")
    headings = [_("Key"), _("No."), _("Full name"), _("Phone number"), _("Unit")]
    for index, heading in enumerate(headings):
        sheet.cell(2, index + 1, heading)
        sheet.merge_cells(
            start_row=2, end_row=3, start_column=index + 1, end_column=index + 1
        )
    for index, session in enumerate(sessions, FIRST_SESSION + 1):
        sheet.cell(1, index, session.pk)
        sheet.cell(2, index, f"{session.date:%d/%m} {session.start_time:%H:%M}")
        sheet.cell(3, index, session.title)
    for row in sheet.iter_rows(min_row=2, max_row=3):
        for heading in row:
            heading.font, heading.alignment, heading.border = BOLD, WRAP, BOX
    sheet.row_dimensions[1].hidden = True
    sheet.row_dimensions[3].height = 48


def write_row(sheet, number: int, values: list) -> None:
    for index, value in enumerate(values, 1):
        written = sheet.cell(number, index, value)
        written.border = BOX
        if index == PHONE + 1:
            written.number_format = "@"
        if index == NUMBER + 1 or index > FIRST_SESSION:
            written.alignment = Alignment(horizontal="center")


def add_mark_choices(sheet, session_count: int, last_row: int) -> None:
    choices = DataValidation(
        type="list",
        formula1='"{}"'.format(",".join(STATUS_OF)),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        error=_("Write C, M, P or V, or leave the cell empty."),
    )
    first = column_letter(FIRST_SESSION)
    last = column_letter(FIRST_SESSION + session_count - 1)
    choices.add(f"{first}{FIRST_LEARNER_ROW}:{last}{last_row}")
    sheet.add_data_validation(choices)


def write_legend(sheet, row: int) -> None:
    sheet.cell(row, NAME + 1, _("Marks:")).font = BOLD
    for offset, (status, letter) in enumerate(LETTERS.items(), 1):
        sheet.cell(row + offset, NUMBER + 1, letter).font = BOLD
        sheet.cell(row + offset, NAME + 1, str(AttendanceStatus(status).label))
    sheet.cell(row + 5, NAME + 1, _("An empty cell keeps the mark as it is."))


def set_up_page(sheet, training_class, session_count: int) -> None:
    sheet.column_dimensions["A"].hidden = True
    widths = {"B": 5, "C": 26, "D": 13, "E": 20}
    for index in range(session_count):
        widths[column_letter(FIRST_SESSION + index)] = 12
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(FIRST_LEARNER_ROW, FIRST_SESSION + 1)
    sheet.print_title_rows = "2:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddHeader.center.text = training_class.title.replace("&", "&&")
