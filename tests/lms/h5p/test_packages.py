"""Importing .h5p files: the real ones of ../shared/fixtures, the shared
library store, and hostile or broken files (refused, nothing stored)."""

import io
import json
import os
import zipfile

import pytest

from lms.h5p.models import Content, ContentVersion, Library
from lms.h5p.packages import import_h5p
from lms.h5p.parsing import H5PRejected, MissingLibraries
from lms.packages.storage import package_storage
from tests.lms.packages import hostile

from .packages import ALL, WITH_LIBRARIES, fixture, import_fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def stored_files() -> list[str]:
    root = package_storage().path("")
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _dirs, names in os.walk(root)
        for name in names
    )


@pytest.mark.parametrize("path", WITH_LIBRARIES, ids=lambda p: p.name)
def test_every_real_file_with_libraries_imports(path):
    with path.open("rb") as file:
        version = import_h5p(file=file, file_name=path.name)
    assert version.content.current_version == version
    assert version.number == 1
    main = version.h5p_json["mainLibrary"]
    assert version.main_library.startswith(main + " ")
    assert any(library.machine_name == main for library in version.libraries.all())
    storage = package_storage()
    assert storage.exists(f"{version.storage_prefix}/h5p.json")
    assert storage.exists(f"{version.storage_prefix}/content/content.json")


def test_all_real_files_import_in_one_store_each_library_version_once():
    versions = [import_fixture(path.name) for path in WITH_LIBRARIES]
    assert ContentVersion.objects.count() == len(versions)
    keys = list(
        Library.objects.values_list(
            "machine_name", "major_version", "minor_version", "patch_version"
        )
    )
    assert len(keys) == len(set(keys))
    # H5P.Question is shared by many of them, stored once per version found
    questions = Library.objects.filter(machine_name="H5P.Question")
    assert questions.count() == len(
        {(q.major_version, q.minor_version, q.patch_version) for q in questions}
    )


def test_a_content_only_file_names_each_missing_library_when_the_store_lacks_them():
    with pytest.raises(MissingLibraries) as refused:
        import_fixture("blanks-with-image_content-only.h5p")
    assert "H5P.Blanks 1.14" in str(refused.value)
    assert "Upload a package that contains them first" in str(refused.value)
    assert not Content.objects.exists()
    assert stored_files() == []


def test_a_content_only_file_plays_from_libraries_another_file_brought():
    donor = import_fixture("fill-in-the-blanks-837.h5p")
    libraries_before = Library.objects.count()
    version = import_fixture("blanks-with-image_content-only.h5p")
    assert Library.objects.count() == libraries_before  # nothing new to store
    blanks = version.libraries.get(machine_name="H5P.Blanks")
    assert blanks in donor.libraries.all()
    # its dependencies come along, through the store's library.json records
    assert version.libraries.filter(machine_name="H5P.Question").exists()


def test_interactive_video_content_only_needs_a_newer_minor_than_the_store_has():
    import_fixture("interactive-video-2-618.h5p")  # InteractiveVideo 1.24
    with pytest.raises(MissingLibraries) as refused:
        import_fixture("interactive-video-truefalse_content-only.h5p")
    assert "H5P.InteractiveVideo 1.27" in str(refused.value)


def test_two_minor_versions_of_a_library_live_side_by_side():
    old = import_fixture("h5p-standalone_h5p-test.h5p")  # TrueFalse 1.6
    new = import_fixture("true-false-question-34806.h5p")  # TrueFalse 1.8
    old_tf = old.libraries.get(machine_name="H5P.TrueFalse")
    new_tf = new.libraries.get(machine_name="H5P.TrueFalse")
    assert (old_tf.minor_version, new_tf.minor_version) == (6, 8)
    assert old.libraries.get(machine_name="H5P.Question").minor_version == 4
    assert new.libraries.get(machine_name="H5P.Question").minor_version == 5


def test_a_second_upload_is_a_new_version_of_the_same_content():
    first = import_fixture("multiple-choice-713.h5p")
    second = import_fixture("multiple-choice-713.h5p", content=first.content)
    assert second.number == 2
    first.content.refresh_from_db()
    assert first.content.current_version == second
    assert first.storage_prefix != second.storage_prefix


def test_the_content_keeps_its_own_pass_mark():
    assert import_fixture("question-set-616.h5p").pass_percentage == 50
    assert import_fixture("multiple-choice-713.h5p").pass_percentage == 100
    assert import_fixture("true-false-question-34806.h5p").pass_percentage is None


# -- broken and hostile files ---------------------------------------------------


def h5p_bytes(files: dict) -> io.BytesIO:
    """A zip of {name: text or bytes}."""
    entries = [
        (name, data.encode() if isinstance(data, str) else data)
        for name, data in files.items()
    ]
    return io.BytesIO(hostile.zip_bytes(entries))


def minimal(**changes) -> dict:
    """A tiny valid package with one runnable library of its own."""
    files = {
        "h5p.json": json.dumps(
            {
                "title": "Thử",
                "mainLibrary": "Test.Tiny",
                "language": "vi",
                "preloadedDependencies": [
                    {"machineName": "Test.Tiny", "majorVersion": 1, "minorVersion": 0}
                ],
            }
        ),
        "content/content.json": json.dumps({"text": "Xin chào"}),
        "Test.Tiny-1.0/library.json": json.dumps(
            {
                "title": "Tiny",
                "machineName": "Test.Tiny",
                "majorVersion": 1,
                "minorVersion": 0,
                "patchVersion": 2,
                "runnable": 1,
                "preloadedJs": [{"path": "tiny.js"}],
            }
        ),
        "Test.Tiny-1.0/tiny.js": "H5P.Tiny = function () {};",
    }
    files.update(changes)
    return {name: data for name, data in files.items() if data is not None}


def refused(files: dict) -> str:
    with pytest.raises(H5PRejected) as error:
        import_h5p(file=h5p_bytes(files), file_name="thu.h5p")
    assert not Content.objects.exists()
    assert not Library.objects.exists()
    assert stored_files() == []
    return str(error.value)


def test_a_minimal_package_imports():
    version = import_h5p(file=h5p_bytes(minimal()), file_name="thu.h5p")
    assert version.content.title == "Thử"
    assert [str(library) for library in version.libraries.all()] == ["Test.Tiny 1.0.2"]


def test_a_newer_patch_replaces_an_older_one_for_new_content():
    import_h5p(file=h5p_bytes(minimal()), file_name="a.h5p")
    newer = minimal()
    newer["Test.Tiny-1.0/library.json"] = newer["Test.Tiny-1.0/library.json"].replace(
        '"patchVersion": 2', '"patchVersion": 5'
    )
    version = import_h5p(file=h5p_bytes(newer), file_name="b.h5p")
    assert version.libraries.get().patch_version == 5
    older = minimal()
    older["Test.Tiny-1.0/library.json"] = older["Test.Tiny-1.0/library.json"].replace(
        '"patchVersion": 2', '"patchVersion": 1'
    )
    version = import_h5p(file=h5p_bytes(older), file_name="c.h5p")
    assert version.libraries.get().patch_version == 5  # never a step back
    assert Library.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"h5p.json": None}, "no h5p.json"),
        ({"content/content.json": None}, "no content/content.json"),
        ({"h5p.json": "{not json"}, "“h5p.json” is not valid JSON"),
        (
            {"content/content.json": "[1, 2]"},
            "“content/content.json” is not valid JSON",
        ),
        (
            {"h5p.json": json.dumps({"title": "x", "mainLibrary": "Test.Tiny"})},
            "does not list it",
        ),
        (
            {"h5p.json": json.dumps({"title": "x", "preloadedDependencies": []})},
            "“mainLibrary”",
        ),
        ({"content/evil.php": "<?php system($_GET['c']);"}, "“content/evil.php”"),
        (
            {"content/page.html": "<script>alert(1)</script>"},
            "of a kind H5P does not allow",
        ),
        ({"content/code.js": "alert(1)"}, "“content/code.js”"),
        (
            {"Test.Tiny-1.0/tiny.js": None},
            "loads “tiny.js”, which is not in the package",
        ),
        ({"Other-1.0/readme.txt": "x"}, "neither content nor a library"),
        (
            {
                "Test.Tiny-2.0/library.json": json.dumps(
                    {
                        "title": "T",
                        "machineName": "Test.Tiny",
                        "majorVersion": 1,
                        "minorVersion": 0,
                        "patchVersion": 0,
                    }
                )
            },
            "its name must be “Test.Tiny-1.0”",
        ),
        (
            {
                "Test.Tiny-1.0/library.json": json.dumps(
                    {
                        "title": "T",
                        "machineName": "Test.Tiny",
                        "majorVersion": "x",
                        "minorVersion": 0,
                        "patchVersion": 0,
                    }
                )
            },
            "“majorVersion”",
        ),
    ],
)
def test_a_broken_package_is_refused_with_its_reason(changes, words):
    assert words in refused(minimal(**changes))


def test_a_main_library_that_cannot_run_alone_is_refused():
    files = minimal()
    files["Test.Tiny-1.0/library.json"] = files["Test.Tiny-1.0/library.json"].replace(
        '"runnable": 1', '"runnable": 0'
    )
    assert "cannot be played on its own" in refused(files)


def test_a_missing_dependency_of_a_library_is_named():
    files = minimal()
    library = json.loads(files["Test.Tiny-1.0/library.json"])
    library["preloadedDependencies"] = [
        {"machineName": "H5P.Gone", "majorVersion": 3, "minorVersion": 1}
    ]
    files["Test.Tiny-1.0/library.json"] = json.dumps(library)
    assert "H5P.Gone 3.1" in refused(files)


@pytest.mark.parametrize(
    "build",
    [
        lambda: h5p_bytes({"../../evil.json": "{}", **minimal()}),
        lambda: io.BytesIO(hostile.symlink_zip("content/link.json", "/etc/passwd")),
        lambda: io.BytesIO(hostile.bomb_zip()),
        lambda: io.BytesIO(b"not a zip at all"),
    ],
    ids=["zip-slip", "symlink", "bomb", "not-a-zip"],
)
def test_hostile_zips_are_refused_and_leave_nothing(build):
    with pytest.raises(H5PRejected):
        import_h5p(file=build(), file_name="evil.h5p")
    assert not Content.objects.exists()
    assert stored_files() == []


def test_a_file_over_the_upload_limit_is_refused(settings):
    settings.HOCVIEN_PACKAGE_MAX_UPLOAD_BYTES = 1000
    path = fixture("multiple-choice-713.h5p")
    with path.open("rb") as file, pytest.raises(H5PRejected, match="larger than"):
        import_h5p(file=file, file_name=path.name)


def test_a_failed_record_removes_what_was_unpacked(monkeypatch):
    from lms.h5p import packages

    def broken(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(packages, "_record", broken)
    with pytest.raises(RuntimeError):
        import_fixture("multiple-choice-713.h5p")
    assert stored_files() == []


def test_every_fixture_is_known():
    assert len(ALL) == 10


def test_zipfile_sanity_of_the_minimal_package():
    names = zipfile.ZipFile(h5p_bytes(minimal())).namelist()
    assert "h5p.json" in names
