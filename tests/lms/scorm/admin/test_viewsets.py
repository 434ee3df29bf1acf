"""The package library in the admin: upload, new version, listing, delete,
collection permissions."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from courses.models import LessonPage
from lms.scorm.models import Package, PackageVersion
from tests.factories import UserFactory, ensure_wagtail_site

from ...packages.hostile import zip_bytes
from ..packages import import_fixture
from .conftest import (
    fixture_upload,
    give_collection_permissions,
    play,
    small_zip,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"scorm_packages:{name}", args=args)


def listed(response):
    return {package.title for package in response.context["object_list"]}


def test_uploading_a_package_stores_it_with_description_and_collection(
    admin_client, root_collection
):
    shelf = root_collection.add_child(name="Kỹ năng số")
    response = admin_client.post(
        url("add"),
        {
            "file": fixture_upload("RuntimeBasicCalls_SCORM12.zip"),
            "title": "",
            "description": "Gói thử",
            "collection": shelf.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    package = Package.objects.get()
    version = package.current_version
    assert package.title == version.manifest["title"]
    assert (package.description, package.collection) == ("Gói thử", shelf)
    assert (version.number, version.scorm_version) == (1, "1.2")
    assert version.file_name == "RuntimeBasicCalls_SCORM12.zip"
    assert stored_files()


def test_a_given_title_replaces_the_manifests(admin_client, root_collection):
    admin_client.post(
        url("add"),
        {"file": upload(small_zip()), "title": "An toàn", "collection": 1},
    )
    assert Package.objects.get().title == "An toàn"


@pytest.mark.parametrize(
    "data",
    [zip_bytes([("index.html", b"x")]), b"%PDF-1.4 not a zip"],
    ids=["no manifest", "not a zip"],
)
def test_a_refused_zip_is_a_form_error_and_stores_nothing(
    admin_client, root_collection, data
):
    response = admin_client.post(
        url("add"), {"file": upload(data), "title": "", "collection": 1}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Package.objects.exists()
    assert not PackageVersion.objects.exists()
    assert stored_files() == []


def test_a_zip_over_the_limit_is_refused_by_the_form(
    admin_client, root_collection, settings
):
    settings.HOCVIEN_PACKAGE_MAX_UPLOAD_BYTES = 100
    response = admin_client.post(
        url("add"),
        {"file": upload(small_zip(b"x" * 500)), "collection": 1},
    )
    assert list(response.context["form"].errors) == ["file"]
    assert stored_files() == []


def test_a_new_version_uploaded_on_the_edit_page_becomes_current(
    admin_client, root_collection
):
    admin_client.post(url("add"), {"file": upload(small_zip()), "collection": 1})
    package = Package.objects.get()
    response = admin_client.post(
        url("edit", package.pk),
        {
            "title": "Kỹ năng số (2026)",
            "description": "",
            "collection": 1,
            "new_version": upload(small_zip(b"<p>2</p>"), "goi-2.zip"),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    package.refresh_from_db()
    assert package.title == "Kỹ năng số (2026)"
    assert package.current_version.number == 2
    assert package.current_version.file_name == "goi-2.zip"
    html = admin_client.get(url("edit", package.pk)).content.decode()
    assert 'data-version="1"' in html and 'data-version="2"' in html


def test_a_refused_new_version_keeps_the_current_one(admin_client, root_collection):
    admin_client.post(url("add"), {"file": upload(small_zip()), "collection": 1})
    package = Package.objects.get()
    response = admin_client.post(
        url("edit", package.pk),
        {
            "title": "Tên khác",
            "collection": 1,
            "new_version": upload(b"not a zip"),
        },
    )
    assert response.context["form"].errors["new_version"]
    package.refresh_from_db()
    assert (package.title, package.versions.count()) == ("Kỹ năng số", 1)


def test_the_listing_searches_without_diacritics_and_filters_by_version(
    admin_client, single_12
):
    import_fixture("RuntimeBasicCalls_SCORM20043rdEdition.zip", title="Hội nghị")
    Package.objects.filter(pk=single_12.package_id).update(title="Bài giảng an toàn")
    index = url("index")
    assert listed(admin_client.get(index, {"q": "BAI giang"})) == {"Bài giảng an toàn"}
    assert listed(admin_client.get(index, {"scorm_version": "2004-3"})) == {"Hội nghị"}
    assert len(listed(admin_client.get(index))) == 2


def test_the_listing_counts_learners_and_links_results(
    admin_client, single_12, course, learner
):
    play(learner, course, single_12, {"cmi.core.lesson_location": "p1"})
    response = admin_client.get(url("index"))
    (package,) = response.context["object_list"]
    assert package.learners == 1
    assert url("results", package.pk) in response.content.decode()


def test_a_package_with_attempts_cannot_be_deleted(
    admin_client, single_12, course, learner
):
    play(learner, course, single_12, {"cmi.core.lesson_location": "p1"})
    page = admin_client.get(url("delete", single_12.package_id)).content.decode()
    assert "data-scorm-delete-refused" in page
    response = admin_client.post(url("delete", single_12.package_id))
    assert response.status_code == 302
    assert Package.objects.filter(pk=single_12.package_id).exists()
    assert stored_files()


def test_a_package_used_in_a_lesson_cannot_be_deleted(
    admin_client, single_12, django_capture_on_commit_callbacks
):
    block = {"package": single_12.package_id, "completion": "package"}
    body = json.dumps([{"type": "scorm", "value": {**block, "required": True}}])
    home = ensure_wagtail_site().root_page
    with django_capture_on_commit_callbacks(execute=True):
        home.add_child(instance=LessonPage(title="Bài SCORM", slug="scorm", body=body))
    page = admin_client.get(url("delete", single_12.package_id)).content.decode()
    assert "data-scorm-delete-refused" in page
    admin_client.post(url("delete", single_12.package_id))
    assert Package.objects.filter(pk=single_12.package_id).exists()


def test_deleting_a_package_removes_its_files(
    admin_client, single_12, django_capture_on_commit_callbacks
):
    import_fixture("RuntimeBasicCalls_SCORM12.zip", package=single_12.package)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url("delete", single_12.package_id))
    assert response.status_code == 302
    assert not Package.objects.exists()
    assert stored_files() == []


def test_someone_without_admin_access_is_sent_away(client, single_12):
    client.force_login(UserFactory(username="hoc-vien"))
    for name, args in [("index", ()), ("add", ()), ("edit", (single_12.package_id,))]:
        assert client.get(url(name, *args)).status_code in (302, 403)


def test_editors_act_only_in_their_collections(client, root_collection):
    mine = root_collection.add_child(name="Của tôi")
    theirs = root_collection.add_child(name="Của người khác")
    editor = UserFactory(username="bien-tap")
    give_collection_permissions(editor, mine, "add_package", "change_package")
    client.force_login(editor)
    own = import_fixture("RuntimeBasicCalls_SCORM12.zip").package
    other = import_fixture("RuntimeMinimumCalls_SCORM12.zip").package
    Package.objects.filter(pk=own.pk).update(collection=mine)
    Package.objects.filter(pk=other.pk).update(collection=theirs)
    assert listed(client.get(url("index"))) == {own.title}
    assert client.get(url("edit", own.pk)).status_code == 200
    assert client.get(url("edit", other.pk)).status_code == 404
    assert client.get(url("delete", own.pk)).status_code in (302, 403, 404)
    form = client.get(url("add")).context["form"]
    assert list(form.fields["collection"].queryset) == [mine]


def test_groups_get_package_permissions_per_collection(admin_client):
    group = Group.objects.create(name="Biên tập SCORM")
    response = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    results = Permission.objects.get(codename="view_scorm_results")
    assert f'name="permissions" value="{results.pk}"' in html  # a global one
    add = Permission.objects.get(codename="add_package")
    assert f'name="permissions" value="{add.pk}"' not in html
    assert 'name="package_permissions-TOTAL_FORMS"' in html
