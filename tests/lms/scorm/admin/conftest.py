"""Admin users, packages, and attempts made through the real API."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection, GroupCollectionPermission

from lms.packages import conf as package_conf
from lms.progress import api as progress
from lms.scorm import api
from lms.scorm.models import Attempt
from tests.factories import UserFactory

from ...packages.hostile import zip_bytes
from ..conftest import make_ticket
from ..packages import fixture, import_fixture

MANIFEST_12 = """<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
<metadata><schemaversion>1.2</schemaversion></metadata>
<organizations default="o"><organization identifier="o"><title>Kỹ năng số</title>
<item identifier="i1" identifierref="r1"><title>Phần 1</title></item>
</organization></organizations>
<resources>
<resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html"/>
</resources></manifest>""".encode()


def small_zip(page=b"<p>1</p>") -> bytes:
    return zip_bytes([("imsmanifest.xml", MANIFEST_12), ("index.html", page)])


def upload(data: bytes, name="goi.zip"):
    return SimpleUploadedFile(name, data, content_type="application/zip")


def fixture_upload(name: str):
    return upload(fixture(name).read_bytes(), name)


def stored_files():
    root = package_conf.package_root()
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def play(user, course, version, values):
    """Launch the package as ``user`` and commit ``values`` once."""
    progress.enrol(user=user, course=course)
    ticket = make_ticket(user, course, version)
    delivery = api.deliver(ticket=ticket)
    payload = {"values": values, "launch": delivery.launch_id, "sequence": 1}
    result = api.commit(ticket=ticket, sco=delivery.sco, payload=payload)
    assert not result.problems, result.problems
    return Attempt.objects.get(user=user, course=course)


def allow_results(user):
    user.user_permissions.add(Permission.objects.get(codename="view_scorm_results"))


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


@pytest.fixture
def single_12(db):
    return import_fixture("RuntimeBasicCalls_SCORM12.zip")
