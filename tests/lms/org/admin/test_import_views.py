"""The "Import people" admin page: upload, the list of bad rows or the
summary, template downloads, and the permission and scope that guard it."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from lms.org import api
from lms.org.data import Role
from lms.org.models import Person
from tests.factories import UserFactory
from tests.lms.org.people_files import csv_bytes, open_workbook, person, xlsx_bytes

IMPORT_URL = "person:import"


def in_english(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def manager_a(tree):
    user = UserFactory(username="manager-a")
    api.grant_role(user=user, role=Role.UNIT_MANAGER, units=[tree["province_a"]])
    return in_english(user)


@pytest.fixture
def client_a(client, manager_a):
    client.force_login(manager_a)
    return client


def upload(client, content, filename="can-bo.xlsx", **data):
    return client.post(
        reverse(IMPORT_URL),
        {"file": SimpleUploadedFile(filename, content), **data},
    )


def test_the_people_listing_links_to_the_import_page(client_a):
    response = client_a.get(reverse("person:index"))
    assert reverse(IMPORT_URL) in response.text
    assert "Import people" in response.text


def test_the_import_page_offers_both_templates(client_a):
    response = client_a.get(reverse(IMPORT_URL))
    assert response.status_code == 200
    for file_format in ("xlsx", "csv"):
        url = reverse("person:import_template", args=[file_format])
        assert url in response.text


def test_a_good_file_is_imported_and_the_summary_counts_it(client_a, tree):
    response = upload(client_a, xlsx_bytes([person()]))
    assert response.status_code == 200
    assert response.context["report"].created == 1
    assert '<dd data-count="created">1</dd>' in response.text
    assert Person.objects.get().unit == tree["commune_a"]


def test_bad_rows_are_listed_and_nothing_is_imported(client_a):
    rows = [person(), person(phone="0912000002", gender="?", unit="c-b")]
    response = upload(client_a, csv_bytes(rows), "can-bo.csv")
    assert response.status_code == 200
    assert "Nothing was imported" in response.text
    assert "<td>3</td>" in response.text
    assert "Giới tính" in response.text and "Mã đơn vị" in response.text
    assert "No unit with the code “c-b” was found in your units." in response.text
    assert Person.objects.count() == 0


def test_a_wrong_file_type_is_one_error_on_the_form(client_a):
    response = upload(client_a, b"%PDF-1.4\n", "danh-sach.pdf")
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and "not an Excel workbook" in errors[0]
    assert "report" not in response.context
    assert Person.objects.count() == 0


def test_only_checking_the_file_saves_nothing(client_a):
    response = upload(client_a, xlsx_bytes([person()]), dry_run="on")
    assert response.context["report"].created == 1
    assert "The file is ready to import" in response.text
    assert Person.objects.count() == 0


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_downloaded_template_imports_after_editing_the_example(
    client_a, tree, file_format
):
    response = client_a.get(reverse("person:import_template", args=[file_format]))
    assert response.status_code == 200
    assert f"mau-nhap-can-bo.{file_format}" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    if file_format == "xlsx":
        workbook = open_workbook(content)
        workbook.worksheets[0]["A2"] = "Đinh Thị Lan"
        buffer = io.BytesIO()
        workbook.save(buffer)
        content = buffer.getvalue()
    else:
        content = content.replace("Nguyễn Thị Hoa".encode(), "Đinh Thị Lan".encode())
    response = upload(client_a, content, f"mau.{file_format}")
    assert response.context["report"].created == 1
    lan = Person.objects.get(full_name="Đinh Thị Lan")
    assert lan.unit == tree["province_a"]


def test_an_unknown_template_format_is_not_found(client_a):
    url = reverse("person:import_template", args=["pdf"])
    assert client_a.get(url).status_code == 404


@pytest.fixture
def viewer(tree):
    """A staff member who may see people but not import them."""
    user = UserFactory(username="viewer")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_person"],
        )
    )
    api.grant_role(user=user, role=Role.LEARNER, units=[tree["province_a"]])
    return in_english(user)


def test_without_the_import_permission_the_page_and_templates_are_forbidden(
    client, viewer
):
    client.force_login(viewer)
    listing = client.get(reverse("person:index"))
    assert listing.status_code == 200 and "Import people" not in listing.text
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client.get(reverse(IMPORT_URL)).status_code in (302, 403)
    url = reverse("person:import_template", args=["csv"])
    assert client.get(url).status_code in (302, 403)
    response = upload(client, xlsx_bytes([person()]))
    assert response.status_code in (302, 403)
    assert Person.objects.count() == 0
