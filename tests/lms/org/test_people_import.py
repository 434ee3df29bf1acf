"""Importing people from XLSX and CSV: all rows or none, re-import updates,
scope applies, and a file that cannot be read is refused as a whole."""

import datetime
import io
import zipfile

import pytest
from django.db import IntegrityError
from django.utils import timezone, translation
from openpyxl import Workbook

from lms.org import api
from lms.org.data import Gender, Role
from lms.org.models import Assignment, Person
from tests.factories import UserFactory, make_person
from tests.lms.org.people_files import (
    HEADERS,
    csv_bytes,
    errors_of,
    open_workbook,
    person,
    run_import,
    save_workbook,
    windows_1258,
    xlsx_bytes,
)

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source form."""
    with translation.override("en"):
        yield


def count():
    return Person.objects.count(), Assignment.objects.count()


# ------------------------------------------------------------ good files


def test_a_good_xlsx_creates_people_with_their_first_assignment(tree):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(HEADERS.values()))
    # Date cells, and phone / ID typed into number cells that lost their zeros.
    sheet.append(
        [
            "Lò  Thị Mai",
            datetime.datetime(1985, 3, 15),
            "Nữ",
            "Thái",
            912000001,
            "Mai.Lo@Example.com",
            1185012345,
            "c-a",
            "Ủy viên BCH",
            "x",
            datetime.datetime(2024, 5, 2),
        ]
    )
    sheet.append(["Nguyễn Văn Nam", None, "Nam", "Kinh", "0912000002"] + [None] * 2)
    sheet["H3"] = "d-a"
    report = run_import(save_workbook(workbook))

    assert report.errors == ()
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    mai = Person.objects.get(phone="+84912000001")
    assert mai.full_name == "Lò Thị Mai"
    assert mai.date_of_birth == D(1985, 3, 15)
    assert (mai.gender, mai.ethnicity) == (Gender.FEMALE, "thai")
    assert (mai.email, mai.national_id) == ("mai.lo@example.com", "001185012345")
    assert (mai.unit, mai.title, mai.in_leadership_pipeline) == (
        tree["commune_a"],
        tree["member"],
        True,
    )
    assert mai.assignments.get().start_date == D(2024, 5, 2)
    assert mai.user is not None
    nam = Person.objects.get(full_name="Nguyễn Văn Nam")
    assert (nam.unit, nam.title) == (tree["district_a"], None)
    assert nam.assignments.get().start_date == timezone.localdate()


def test_a_csv_with_bom_and_semicolons_creates_people(tree):
    rows = [person(), person(full_name="Trần Văn Bình", phone="912000002")]
    report = run_import(csv_bytes(rows, delimiter=";"), "can-bo.csv")
    assert report.created == 2
    assert set(Person.objects.values_list("phone", flat=True)) == {
        "+84912000001",
        "+84912000002",
    }


def test_a_csv_without_bom_separated_by_commas_is_read_too(tree):
    content = csv_bytes([person()], encoding="utf-8")
    assert run_import(content, "can-bo.csv").created == 1


def test_english_headers_are_accepted_without_case_or_diacritics(tree):
    headers = dict(
        zip(
            HEADERS,
            [
                "FULL NAME",
                "date of birth",
                "Gender",
                "Ethnicity",
                "Phone number",
                "E-mail",
                "National ID",
                "Unit code",
                "Position title",
                "Leadership pipeline",
                "Start date",
            ],
            strict=True,
        )
    )
    report = run_import(xlsx_bytes([person()], headers=headers))
    assert report.created == 1


def test_cells_match_without_diacritics_or_case(tree):
    row = person(
        ethnicity="e de", gender="NU", title="uy vien bch", pipeline="co", unit="C-A"
    )
    report = run_import(xlsx_bytes([row]))
    assert report.errors == ()
    created = Person.objects.get()
    assert (created.ethnicity, created.gender) == ("e_de", Gender.FEMALE)
    assert created.title == tree["member"]
    assert created.in_leadership_pipeline is True


def test_unknown_columns_and_blank_rows_are_ignored_and_rows_keep_their_numbers(tree):
    headers = {"stt": "STT", **HEADERS}
    rows = [person(stt=1), {}, person(stt=3, phone="0912000002", gender="Bà")]
    report = run_import(xlsx_bytes(rows, headers=headers))
    assert errors_of(report) == [(4, "Giới tính")]


# -------------------------------------------------------------- bad rows


BAD_CELLS = [
    ("full_name", "", "required"),
    ("date_of_birth", "31/02/1990", "not a date"),
    ("date_of_birth", "01/01/2990", "future"),
    ("gender", "Bà", "not a gender"),
    ("ethnicity", "Viking", "ethnic groups"),
    ("phone", "12345", "not a valid phone number"),
    ("email", "mai@", "not a valid email"),
    ("national_id", "12345", "12 digits"),
    ("unit", "khong-co", "No unit with the code “khong-co”"),
    ("unit", "", "unit code is required"),
    ("title", "Tổng thống", "not a position title of"),
    ("pipeline", "có lẽ", "not a yes or no"),
    ("since", "2025/13/01", "not a date"),
]


@pytest.mark.parametrize(("key", "value", "reason"), BAD_CELLS)
def test_a_bad_cell_is_reported_with_row_column_and_reason_and_nothing_is_written(
    tree, key, value, reason
):
    rows = [person(phone="0912000009"), person(**{key: value})]
    report = run_import(xlsx_bytes(rows))
    assert errors_of(report) == [(3, HEADERS[key])]
    assert reason in report.errors[0].reason
    assert str(report.errors[0]).startswith(f"Row 3, column “{HEADERS[key]}”: ")
    assert count() == (0, 0)
    assert not report.written


def test_every_bad_row_is_reported_and_no_row_is_written(tree):
    rows = [
        person(phone="0912000001"),
        person(phone="0912000002", gender="?"),
        person(phone="0912000003"),
        person(phone="0912000004", email="x", unit="zz"),
    ]
    report = run_import(xlsx_bytes(rows))
    assert errors_of(report) == [(3, "Giới tính"), (5, "Email"), (5, "Mã đơn vị")]
    assert count() == (0, 0)


def test_a_row_without_phone_or_citizen_id_is_refused(tree):
    report = run_import(xlsx_bytes([person(phone="", national_id="")]))
    assert errors_of(report) == [(2, "Số điện thoại")]
    assert "phone number or a citizen ID" in report.errors[0].reason


@pytest.mark.parametrize(
    ("key", "first", "second"),
    [
        ("phone", "0912000001", "+84 912 000 001"),
        ("national_id", "001185012345", "001185012345"),
        ("email", "mai@example.com", "MAI@example.com"),
    ],
)
def test_a_value_repeated_in_the_file_is_an_error_of_the_later_row(
    tree, key, first, second
):
    rows = [
        person(**{"phone": "0912000005", key: first}),
        person(**{"full_name": "Khác", "phone": "0912000006", key: second}),
    ]
    report = run_import(xlsx_bytes(rows))
    assert errors_of(report) == [(3, HEADERS[key])]
    assert "Row 2" in report.errors[0].reason
    assert count() == (0, 0)


def test_phone_and_citizen_id_of_two_different_people_is_an_error(tree):
    make_person(tree["commune_a"], phone="+84912000001")
    make_person(tree["commune_a"], full_name="Lê Văn Hai", national_id="001185012345")
    before = count()
    report = run_import(xlsx_bytes([person(national_id="001185012345")]))
    assert errors_of(report) == [(2, "Số CCCD")]
    assert "two different people" in report.errors[0].reason
    assert count() == before


def test_an_email_of_another_person_is_an_error(tree):
    make_person(tree["commune_a"], phone="+84912000099", email="mai@example.com")
    report = run_import(xlsx_bytes([person(email="Mai@Example.com")]))
    assert errors_of(report) == [(2, "Email")]
    assert Person.objects.count() == 1


def test_two_rows_for_the_same_existing_person_are_an_error(tree):
    make_person(tree["commune_a"], phone="+84912000001", national_id="001185012345")
    rows = [person(), person(phone="", national_id="001185012345")]
    report = run_import(xlsx_bytes(rows))
    assert errors_of(report) == [(3, "")]
    assert str(report.errors[0]).startswith("Row 3: ")


# ------------------------------------------------------------- re-import


def test_importing_the_same_file_again_changes_nothing(tree):
    content = xlsx_bytes([person(), person(full_name="Hà Văn Tú", phone="0912000002")])
    run_import(content)
    before = count()
    report = run_import(content)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert count() == before


def test_a_reimport_updates_and_a_unit_change_enters_the_history(tree):
    run_import(xlsx_bytes([person(national_id="001185012345")]))
    moved = person(
        national_id="001185012345",
        unit="d-a",
        title="Chủ tịch",
        email="mai@example.com",
        since="01/06/2025",
    )
    report = run_import(xlsx_bytes([moved]))
    assert (report.created, report.updated) == (0, 1)
    mai = Person.objects.get()
    assert (mai.unit, mai.title, mai.email) == (
        tree["district_a"],
        tree["chair"],
        "mai@example.com",
    )
    history = mai.assignments.order_by("start_date")
    assert [(a.unit, a.start_date, a.end_date) for a in history] == [
        (tree["commune_a"], D(2025, 1, 1), D(2025, 6, 1)),
        (tree["district_a"], D(2025, 6, 1), None),
    ]
    assert mai.user.email == "mai@example.com"


def test_a_person_is_found_by_citizen_id_when_the_phone_is_new(tree):
    make_person(tree["commune_a"], phone="+84912000077", national_id="001185012345")
    report = run_import(xlsx_bytes([person(national_id="001185012345")]))
    assert report.updated == 1
    assert Person.objects.get().phone == "+84912000001"


def test_blank_cells_keep_the_stored_phone_email_and_birth_date(tree):
    make_person(
        tree["commune_a"],
        full_name="Lò Thị Mai",
        phone="+84912000001",
        email="mai@example.com",
        national_id="001185012345",
        date_of_birth=D(1985, 3, 15),
        since=D(2025, 1, 1),
    )
    row = person(phone="", date_of_birth="", gender="", ethnicity="", title="")
    report = run_import(xlsx_bytes([{**row, "national_id": "001185012345"}]))
    assert report.unchanged == 1
    mai = Person.objects.get()
    assert (mai.phone, mai.email, mai.date_of_birth) == (
        "+84912000001",
        "mai@example.com",
        D(1985, 3, 15),
    )


def test_a_move_dated_before_the_current_position_began_is_a_row_error(tree):
    make_person(tree["commune_a"], phone="+84912000001", since=D(2025, 3, 1))
    report = run_import(xlsx_bytes([person(unit="d-a", since="01/02/2025")]))
    assert errors_of(report) == [(2, "Ngày nhận nhiệm vụ")]
    assert "01/03/2025" in report.errors[0].reason
    assert Person.objects.get().unit == tree["commune_a"]


def test_a_dry_run_reports_what_would_change_and_writes_nothing(tree):
    report = run_import(xlsx_bytes([person()]), dry_run=True)
    assert report.ok and report.created == 1 and not report.written
    assert count() == (0, 0)


def test_a_failure_while_writing_rolls_back_every_row(tree, monkeypatch):
    register = api.register_person
    calls = []

    def register_then_fail(**fields):
        calls.append(fields)
        if len(calls) == 2:
            raise IntegrityError("someone took this phone meanwhile")
        return register(**fields)

    monkeypatch.setattr(api, "register_person", register_then_fail)
    rows = [person(), person(full_name="Hà Văn Tú", phone="0912000002")]
    with pytest.raises(api.OrgError, match="nothing was imported"):
        run_import(xlsx_bytes(rows))
    assert count() == (0, 0)


# ----------------------------------------------------------- whole file


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


REFUSED_FILES = [
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "danh-sach.pdf", "not an Excel"),
    (b"Ho va ten,Ma don vi\nMai,c-a\n", "danh-sach.xlsx", "not an Excel"),
    (docx_bytes(), "danh-sach.xlsx", "not an Excel"),
    (docx_bytes(), "danh-sach.docx", "not an Excel"),
    (b"%PDF-1.4\n", "danh-sach.csv", "not an Excel"),
    (b"", "danh-sach.xlsx", "empty"),
    (b"  \n", "danh-sach.csv", "empty"),
    (xlsx_bytes([]), "danh-sach.xlsx", "no rows"),
    (csv_bytes([]), "danh-sach.csv", "no rows"),
    (xlsx_bytes([{}, {}]), "danh-sach.xlsx", "no rows"),
    (csv_bytes([{"x": "Mai"}], headers={"x": "Tên", "y": "Tuổi"}), "a.csv", "missing"),
    (
        windows_1258(csv_bytes([person()], encoding="utf-8").decode()),
        "danh-sach.csv",
        "UTF-8",
    ),
    (
        "Họ và tên,Mã đơn vị,Họ tên\n".encode(),
        "danh-sach.csv",
        "appears twice",
    ),
]


@pytest.mark.parametrize(("content", "filename", "message"), REFUSED_FILES)
def test_a_file_that_cannot_be_read_gets_one_clear_error_and_changes_nothing(
    tree, content, filename, message
):
    make_person(tree["commune_a"], phone="+84912000099")
    before = count()
    with pytest.raises(api.OrgError, match=message):
        run_import(content, filename)
    assert count() == before


def test_a_file_missing_the_unit_code_column_names_the_missing_column(tree):
    headers = {key: text for key, text in HEADERS.items() if key != "unit"}
    with pytest.raises(api.OrgError, match="“Mã đơn vị”"):
        run_import(xlsx_bytes([person()], headers=headers))


def test_a_file_over_the_size_limit_is_refused(tree, settings):
    settings.HOCVIEN_IMPORT_MAX_BYTES = 1000
    content = csv_bytes([person(phone=f"09120000{n:02d}") for n in range(40)])
    with pytest.raises(api.OrgError, match="larger than"):
        run_import(content, "can-bo.csv")
    assert count() == (0, 0)


def test_a_file_over_the_row_limit_is_refused(tree, settings):
    settings.HOCVIEN_IMPORT_MAX_ROWS = 2
    rows = [person(phone=f"091200000{n}") for n in range(3)]
    with pytest.raises(api.OrgError, match="more than 2 rows"):
        run_import(xlsx_bytes(rows))
    assert count() == (0, 0)


# ----------------------------------------------------------------- scope


@pytest.fixture
def manager_a(tree):
    user = UserFactory(username="manager-a")
    api.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    return user


def test_a_province_manager_imports_into_their_own_province(tree, manager_a):
    report = run_import(xlsx_bytes([person(unit="c-a")]), user=manager_a)
    assert report.created == 1


def test_a_province_manager_cannot_import_into_another_province(tree, manager_a):
    report = run_import(xlsx_bytes([person(unit="c-b")]), user=manager_a)
    assert errors_of(report) == [(2, "Mã đơn vị")]
    assert "found in your units" in report.errors[0].reason
    assert count() == (0, 0)


def test_a_manager_cannot_update_a_person_of_another_province(tree, manager_a):
    other = make_person(tree["commune_b"], full_name="Trần Thị B", phone="+84912000001")
    report = run_import(xlsx_bytes([person(unit="c-a")]), user=manager_a)
    assert errors_of(report) == [(2, "Số điện thoại")]
    assert report.errors[0].reason == (
        "No person with this phone number was found in your units."
    )
    other.refresh_from_db()
    assert (other.full_name, other.unit) == ("Trần Thị B", tree["commune_b"])


def test_a_superuser_imports_into_any_unit(tree):
    admin = UserFactory(username="admin", is_superuser=True)
    rows = [person(unit="c-a"), person(phone="0912000002", unit="c-b")]
    assert run_import(xlsx_bytes(rows), user=admin).created == 2


def test_a_user_without_the_import_permission_is_refused(tree):
    with pytest.raises(api.OrgError, match="permission"):
        run_import(xlsx_bytes([person()]), user=UserFactory())
    assert count() == (0, 0)


# -------------------------------------------------------------- templates


def test_the_xlsx_template_imports_after_the_example_row_is_edited(tree):
    workbook = open_workbook(api.import_template(file_format="xlsx"))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(HEADERS.values())
    assert sheet["H2"].value == "tw"  # the first unit, so the example imports
    sheet["A2"], sheet["E2"] = "Đinh Thị Lan", "0912000003"
    report = run_import(save_workbook(workbook))
    assert report.errors == ()
    lan = Person.objects.get(full_name="Đinh Thị Lan")
    assert (lan.unit, lan.title) == (tree["central"], tree["chair"])
    assert workbook.worksheets[1]["A1"].value  # the instructions sheet


def test_the_csv_template_imports_as_downloaded(tree):
    content = api.import_template(file_format="csv")
    assert content.startswith(b"\xef\xbb\xbf")
    report = run_import(content, "mau.csv")
    assert (report.errors, report.created) == ((), 1)


def test_the_template_names_a_unit_of_the_manager(tree, manager_a):
    content = api.import_template(file_format="csv", user=manager_a)
    assert ",p-a," in content.decode("utf-8-sig")
    assert run_import(content, "mau.csv", user=manager_a).created == 1
