import io
import zipfile

import pytest
from django.core.files.storage import FileSystemStorage

from lms.packages.archive import ArchiveRejected, Limits, open_archive

from .hostile import bomb_zip, encrypted_flag_zip, symlink_zip, zip_bytes

pytestmark = pytest.mark.usefixtures("english")


LIMITS = Limits(max_entries=50, max_unpacked_bytes=10 * 1024**2, max_ratio=200)


def check(data: bytes, limits=LIMITS):
    with open_archive(io.BytesIO(data), limits) as archive:
        return archive.members


def refused(data: bytes, limits=LIMITS) -> str:
    with pytest.raises(ArchiveRejected) as caught:
        check(data, limits)
    return str(caught.value)


def test_a_plain_package_lists_its_files_by_clean_path():
    members = check(zip_bytes([("index.html", b"<p>"), ("./css/site.css", b"p{}")]))
    assert sorted(members) == ["css/site.css", "index.html"]


def test_junk_and_directory_entries_are_left_out():
    data = zip_bytes(
        [
            ("index.html", b"x"),
            ("__MACOSX/._index.html", b"x"),
            ("img/.DS_Store", b"x"),
            ("Thumbs.db", b"x"),
            ("img/", b""),
        ]
    )
    assert list(check(data)) == ["index.html"]


@pytest.mark.parametrize(
    "name",
    [
        "../evil.html",
        "a/../../evil.html",
        "/etc/passwd",
        "C:/evil.html",
        "a\\..\\..\\evil.html",
        "..\\evil.html",
    ],
)
def test_a_path_leaving_the_package_is_refused(name):
    message = refused(zip_bytes([("index.html", b"x"), (name, b"x")]))
    assert "unsafe path" in message


def test_a_symlink_is_refused():
    assert "symbolic link" in refused(symlink_zip())


def test_a_compression_bomb_is_refused_before_anything_is_unpacked():
    assert "zip bomb" in refused(bomb_zip(megabytes=20))


def test_small_files_may_compress_well():
    check(zip_bytes([("blank.txt", b" " * 500_000)]))


def test_too_many_entries_are_refused():
    data = zip_bytes([(f"f{i}.txt", b"x") for i in range(51)])
    assert "51" in refused(data)


def test_too_many_unpacked_bytes_are_refused():
    limits = Limits(max_entries=50, max_unpacked_bytes=1000, max_ratio=200)
    data = zip_bytes(
        [("a.bin", bytes(range(256)) * 3), ("b.bin", bytes(range(256)) * 3)]
    )
    assert "MB" in refused(data, limits)


def test_names_differing_only_in_case_are_refused():
    assert "twice" in refused(zip_bytes([("Index.html", b"x"), ("index.html", b"y")]))


def test_an_encrypted_entry_is_refused():
    assert "encrypted" in refused(encrypted_flag_zip())


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_something_that_is_not_a_zip_is_refused(data):
    assert "not a zip" in refused(data)


def test_a_declared_size_smaller_than_the_data_stops_unpacking(tmp_path):
    """A lying directory cannot make extract write more than it declared."""
    raw = bytearray(zip_bytes([("a.txt", b"A" * 5000)], zipfile.ZIP_STORED))
    central = raw.find(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (10).to_bytes(4, "little")  # uncompressed size
    storage = FileSystemStorage(location=tmp_path)
    with pytest.raises(zipfile.BadZipFile):
        with open_archive(io.BytesIO(bytes(raw)), LIMITS) as archive:
            archive.extract(storage, "pkg")
    assert not (tmp_path / "pkg" / "a.txt").exists()


def test_extract_writes_every_member_under_the_prefix(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    data = zip_bytes([("index.html", b"<p>hi"), ("js/app.js", b"1;")])
    with open_archive(io.BytesIO(data), LIMITS) as archive:
        archive.extract(storage, "pkg/1")
    assert (tmp_path / "pkg/1/js/app.js").read_bytes() == b"1;"
