"""The read-only listing of notifications in the Wagtail admin."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse

from lms.notifications import api
from lms.notifications.data import Message
from lms.notifications.models import Notification
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

INDEX = "notifications:index"


@pytest.fixture
def notifications(db):
    learner = UserFactory(username="hoc-vien", email="hv@example.vn")
    for number, kind in enumerate(["session_reminder", "certificate"]):
        api.notify(
            users=[learner],
            message=Message(subject=f"Thông báo số {number}", body="Nội dung"),
            key=f"demo:{number}",
            kind=kind,
        )
    api.deliver_pending()
    return Notification.objects.order_by("pk")


def listed(response):
    return [n.subject for n in response.context["object_list"]]


def test_the_listing_is_refused_to_a_learner(client, notifications):
    client.force_login(UserFactory(username="hoc-vien-khac"))
    response = client.get(reverse(INDEX))
    assert response.status_code == 302
    assert "object_list" not in (response.context or {})


def test_the_listing_is_refused_to_an_editor_without_the_permission(
    client, notifications
):
    editor = UserFactory(username="bien-tap")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse(INDEX)).status_code == 302


def test_a_superuser_sees_the_listing_filtered_and_searched(client, notifications):
    client.force_login(UserFactory(username="root", is_superuser=True))
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    assert sorted(listed(response)) == ["Thông báo số 0", "Thông báo số 1"]
    response = client.get(reverse(INDEX), {"kind": "certificate"})
    assert listed(response) == ["Thông báo số 1"]
    response = client.get(reverse(INDEX), {"status": "sent", "q": "demo:0"})
    assert listed(response) == ["Thông báo số 0"]
    assert listed(client.get(reverse(INDEX), {"status": "failed"})) == []
    inspect = reverse("notifications:inspect", args=[notifications[1].pk])
    assert client.get(inspect).status_code == 200


def test_the_settings_menu_shows_the_listing_only_to_those_who_may_see_it(
    client, notifications
):
    editor = UserFactory(username="bien-tap")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    def in_menu():
        return (
            reverse(INDEX) in client.get(reverse("wagtailadmin_home")).content.decode()
        )

    assert not in_menu()
    editor.user_permissions.add(Permission.objects.get(codename="view_notification"))
    assert in_menu()


def test_the_view_permission_opens_the_listing_and_the_details(client, notifications):
    reader = UserFactory(username="doc")
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_notification"),
    )
    client.force_login(reader)
    assert client.get(reverse(INDEX)).status_code == 200
    inspect = reverse("notifications:inspect", args=[notifications[0].pk])
    response = client.get(inspect)
    assert response.status_code == 200
    assert "Nội dung" in response.content.decode()


@pytest.mark.parametrize("view", ["add", "edit", "delete"])
def test_there_is_no_view_that_changes_a_notification(view):
    with pytest.raises(NoReverseMatch):
        reverse(f"notifications:{view}", args=[] if view == "add" else [1])
