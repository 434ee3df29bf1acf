"""The H5P activity library in the admin: upload, new version, listing,
delete, collection permissions."""

import pytest
from django.urls import reverse

from lms.h5p.models import Content, ContentVersion
from tests.factories import UserFactory

from ..packages import import_fixture
from .conftest import (
    answer,
    fixture_upload,
    give_collection_permissions,
    stored_files,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def url(name, *args):
    return reverse(f"h5p_contents:{name}", args=args)


def listed(response):
    return {content.title for content in response.context["object_list"]}


def test_uploading_an_h5p_file_stores_it_with_description_and_collection(
    admin_client, root_collection
):
    shelf = root_collection.add_child(name="Câu hỏi ôn tập")
    response = admin_client.post(
        url("add"),
        {
            "file": fixture_upload("true-false-question-34806.h5p"),
            "title": "",
            "description": "Câu hỏi đúng/sai",
            "collection": shelf.pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    content = Content.objects.get()
    assert content.title == "True/False Question"  # the file's own
    assert (content.description, content.collection) == ("Câu hỏi đúng/sai", shelf)
    assert content.current_version.content_type == "True/False Question"
    assert stored_files()


def test_a_content_only_file_without_its_libraries_is_a_form_error(
    admin_client, root_collection
):
    response = admin_client.post(
        url("add"),
        {
            "file": fixture_upload("blanks-with-image_content-only.h5p"),
            "collection": root_collection.pk,
        },
    )
    assert response.status_code == 200
    assert "H5P.Blanks 1.14" in response.context["form"].errors["file"][0]
    assert not Content.objects.exists()
    assert stored_files() == []


def test_a_file_over_the_limit_is_refused_by_the_form(
    admin_client, root_collection, settings
):
    settings.HOCVIEN_PACKAGE_MAX_UPLOAD_BYTES = 100
    response = admin_client.post(
        url("add"), {"file": upload(b"x" * 500), "collection": root_collection.pk}
    )
    assert list(response.context["form"].errors) == ["file"]


def test_a_new_version_uploaded_on_the_edit_page_becomes_current(
    admin_client, root_collection
):
    version = import_fixture("multiple-choice-713.h5p")
    response = admin_client.post(
        url("edit", version.content_id),
        {
            "title": "Chọn đáp án đúng",
            "description": "",
            "collection": root_collection.pk,
            "new_version": fixture_upload("multiple-choice-713.h5p"),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    content = Content.objects.get()
    assert content.title == "Chọn đáp án đúng"
    assert content.current_version.number == 2
    html = admin_client.get(url("edit", content.pk)).content.decode()
    assert "data-h5p-versions" in html and "multiple-choice-713.h5p" in html


def test_the_listing_searches_titles_without_diacritics(admin_client):
    first = import_fixture("true-false-question-34806.h5p")
    Content.objects.filter(pk=first.content_id).update(title="Câu hỏi đúng sai")
    import_fixture("multiple-choice-713.h5p")
    response = admin_client.get(url("index"), {"q": "cau hoi"})
    assert listed(response) == {"Câu hỏi đúng sai"}
    everything = admin_client.get(url("index"))
    assert listed(everything) == {"Câu hỏi đúng sai", "Multiple Choice"}


def test_an_activity_with_results_cannot_be_deleted(admin_client, course, multichoice):
    answer(UserFactory(), course, multichoice, raw=1, max_score=3)
    response = admin_client.get(url("delete", multichoice.content_id))
    assert b"data-h5p-delete-refused" in response.content
    admin_client.post(url("delete", multichoice.content_id))
    assert Content.objects.exists()


def test_deleting_an_unused_activity_removes_its_content_files_not_the_libraries(
    admin_client, multichoice, django_capture_on_commit_callbacks
):
    prefix = multichoice.storage_prefix
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url("delete", multichoice.content_id))
    assert response.status_code == 302
    assert not ContentVersion.objects.exists()
    remaining = [str(path) for path in stored_files()]
    assert not any(prefix in path for path in remaining)
    assert any("h5p/libraries/" in path for path in remaining)


def test_an_editor_sees_and_edits_only_their_collections(client, root_collection):
    mine = root_collection.add_child(name="Của tôi")
    theirs = root_collection.add_child(name="Của người khác")
    kept = import_fixture("true-false-question-34806.h5p")
    other = import_fixture("multiple-choice-713.h5p")
    Content.objects.filter(pk=kept.content_id).update(collection=mine)
    Content.objects.filter(pk=other.content_id).update(collection=theirs)
    editor = UserFactory(username="bien-tap")
    give_collection_permissions(editor, mine, "add_content", "change_content")
    client.force_login(editor)
    assert listed(client.get(url("index"))) == {"True/False Question"}
    assert client.get(url("edit", other.content_id)).status_code in (302, 403, 404)
    assert client.get(url("edit", kept.content_id)).status_code == 200
