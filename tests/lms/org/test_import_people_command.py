"""``manage.py import_people FILE``: everything or nothing, errors printed,
a non-zero exit on a bad file, ``--dry-run`` and ``--as-user``."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from lms.org import api
from lms.org.data import Role
from lms.org.models import Person
from tests.factories import UserFactory
from tests.lms.org.people_files import person, xlsx_bytes


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def people_file(tmp_path):
    def write(rows, name="can-bo.xlsx"):
        path = tmp_path / name
        path.write_bytes(xlsx_bytes(rows))
        return str(path)

    return write


def test_a_good_file_is_imported_and_summarised(tree, people_file, capsys):
    call_command("import_people", people_file([person()]))
    assert "1 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert Person.objects.get().unit == tree["commune_a"]


def test_a_bad_file_prints_every_error_and_imports_nothing(tree, people_file, capsys):
    rows = [person(), person(phone="0912000002", gender="?"), person(unit="zz")]
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_people", people_file(rows))
    errors = capsys.readouterr().err
    assert "Row 3, column “Giới tính”" in errors
    assert "Row 4, column “Số điện thoại”" in errors  # same phone as row 2
    assert "Row 4, column “Mã đơn vị”" in errors
    assert Person.objects.count() == 0


def test_an_unreadable_file_stops_the_command_with_one_error(tmp_path, tree):
    path = tmp_path / "can-bo.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="not an Excel workbook"):
        call_command("import_people", str(path))
    with pytest.raises(CommandError):
        call_command("import_people", str(tmp_path / "missing.xlsx"))


def test_a_dry_run_writes_nothing(tree, people_file, capsys):
    call_command("import_people", people_file([person()]), dry_run=True)
    assert "would be written" in capsys.readouterr().out
    assert Person.objects.count() == 0


def test_as_user_applies_that_users_units(tree, people_file):
    manager = UserFactory(username="manager-a")
    api.grant_role(user=manager, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    outside = people_file([person(unit="c-b")])
    with pytest.raises(CommandError):
        call_command("import_people", outside, as_user="manager-a")
    call_command("import_people", outside)  # without a user: no scope
    assert Person.objects.get().unit == tree["commune_b"]


def test_an_unknown_user_is_an_error(tree, people_file):
    with pytest.raises(CommandError, match="No user named nobody"):
        call_command("import_people", people_file([person()]), as_user="nobody")
