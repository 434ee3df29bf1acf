"""Admin users, H5P activities and results recorded through the real API."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection, GroupCollectionPermission

from lms.h5p import api
from lms.packages import conf as package_conf
from lms.progress import api as progress
from tests.factories import UserFactory

from ..conftest import make_ticket, statement
from ..packages import fixture


def upload(data: bytes, name="hoat-dong.h5p"):
    return SimpleUploadedFile(name, data, content_type="application/zip")


def fixture_upload(name: str):
    return upload(fixture(name).read_bytes(), name)


def stored_files():
    root = package_conf.package_root()
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def answer(user, course, version, raw, max_score, response="0"):
    """The learner answers the whole activity once."""
    progress.enrol(user=user, course=course)
    sent = statement(version, raw=raw, max_score=max_score)
    sent["result"]["response"] = response
    api.record_statements(make_ticket(user, course, version), [sent])


def allow_results(user):
    user.user_permissions.add(Permission.objects.get(codename="view_h5p_results"))


def give_collection_permissions(user, collection, *codenames):
    group = Group.objects.create(name=f"Nhóm {user.username}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        GroupCollectionPermission.objects.create(
            group=group,
            collection=collection,
            permission=Permission.objects.get(codename=codename),
        )
    user.groups.add(group)


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()
