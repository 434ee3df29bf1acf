import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from lms.packages import conf as package_conf
from lms.scorm.models import Package, PackageVersion
from lms.scorm.packages import PackageRejected, import_package

from ..packages.hostile import BILLION_LAUGHS, XXE, bomb_zip, symlink_zip, zip_bytes
from .packages import ALL, fixture, import_fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MANIFEST_12 = """<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
<metadata><schemaversion>1.2</schemaversion></metadata>
<organizations default="o"><organization identifier="o"><title>Kỹ năng</title>
<item identifier="i1" identifierref="r1"><title>Phần 1</title></item>
</organization></organizations>
<resources>
<resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html"/>
</resources></manifest>""".encode()


def stored_files(settings):
    root = package_conf.package_root()
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def upload(data: bytes, name="goi.zip", **kwargs):
    return import_package(file=io.BytesIO(data), file_name=name, **kwargs)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_real_package_imports(path, settings):
    version = import_fixture(path.name)
    assert version.package.current_version == version
    launch = version.manifest["organization"]
    assert launch
    assert stored_files(settings)


def test_a_package_zipped_inside_a_folder_is_accepted(settings):
    data = zip_bytes(
        [("khoa-hoc/imsmanifest.xml", MANIFEST_12), ("khoa-hoc/index.html", b"<p>")]
    )
    version = upload(data)
    assert version.storage_prefix.endswith("/khoa-hoc")
    assert version.package.title == "Kỹ năng"


HOSTILE = {
    "zip-slip": (
        zip_bytes(
            [
                ("imsmanifest.xml", MANIFEST_12),
                ("index.html", b"x"),
                ("../../evil.html", b"x"),
            ]
        ),
        "unsafe path",
    ),
    "absolute path": (
        zip_bytes(
            [
                ("imsmanifest.xml", MANIFEST_12),
                ("index.html", b"x"),
                ("/var/evil.html", b"x"),
            ]
        ),
        "unsafe path",
    ),
    "symlink": (symlink_zip(), "symbolic link"),
    "zip bomb": (bomb_zip(), "zip bomb"),
    "billion laughs": (zip_bytes([("imsmanifest.xml", BILLION_LAUGHS)]), "entities"),
    "xxe": (zip_bytes([("imsmanifest.xml", XXE)]), "entities"),
    "no manifest": (zip_bytes([("index.html", b"x")]), "no imsmanifest.xml"),
    "broken manifest": (zip_bytes([("imsmanifest.xml", b"<manifest>")]), "well-formed"),
    "missing launch file": (
        zip_bytes([("imsmanifest.xml", MANIFEST_12)]),
        "not in the zip",
    ),
    "unknown version": (
        zip_bytes(
            [
                (
                    "imsmanifest.xml",
                    MANIFEST_12.replace(b"<schemaversion>1.2", b"<schemaversion>3.0"),
                )
            ]
        ),
        "not supported",
    ),
    "not a zip": (b"%PDF-1.4 not a zip", "not a zip"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_or_broken_packages_are_refused_and_leave_nothing(case, settings):
    data, message = HOSTILE[case]
    with pytest.raises(PackageRejected, match=message):
        upload(data)
    assert not Package.objects.exists()
    assert not PackageVersion.objects.exists()
    assert stored_files(settings) == []


def test_refusals_are_in_vietnamese_by_default(settings):
    with translation.override("vi"), pytest.raises(PackageRejected, match="không phải"):
        upload(b"garbage")


def test_an_upload_over_the_size_limit_is_refused(settings):
    settings.HOCVIEN_PACKAGE_MAX_UPLOAD_BYTES = 100
    with pytest.raises(PackageRejected):
        upload(
            zip_bytes([("imsmanifest.xml", MANIFEST_12), ("index.html", b"x" * 500)])
        )


def test_a_new_upload_becomes_the_next_version_of_the_package():
    first = upload(zip_bytes([("imsmanifest.xml", MANIFEST_12), ("index.html", b"v1")]))
    second = upload(
        zip_bytes([("imsmanifest.xml", MANIFEST_12), ("index.html", b"v2")]),
        package=first.package,
    )
    first.package.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.package.current_version == second
    assert first.storage_prefix != second.storage_prefix


def test_import_scorm_command_imports_and_reports(capsys):
    call_command("import_scorm", str(fixture("singlesco_scorm12.zip")))
    assert Package.objects.get().title == "Golf Explained - CP Single SCO"


def test_import_scorm_command_fails_when_a_file_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"nope")
    with pytest.raises(CommandError):
        call_command("import_scorm", str(bad), str(fixture("singlesco_scorm12.zip")))
    assert Package.objects.count() == 1


def test_import_scorm_command_adds_a_version_with_package(capsys):
    call_command("import_scorm", str(fixture("singlesco_scorm12.zip")))
    package = Package.objects.get()
    call_command(
        "import_scorm",
        str(fixture("singlesco_scorm12.zip")),
        "--package",
        str(package.pk),
    )
    assert package.versions.count() == 2
