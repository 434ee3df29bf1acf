"""Partial files of resumable uploads: the size is the offset, one writer at
a time, a broken stream keeps what arrived."""

import io
import uuid

import pytest

from media.uploads import partial


@pytest.fixture
def upload_id(settings, tmp_path):
    settings.HOCVIEN_VIDEO_UPLOAD_DIR = str(tmp_path / "incoming")
    upload_id = uuid.uuid4()
    partial.create(upload_id)
    return upload_id


def test_a_new_partial_file_is_empty_and_private(upload_id, tmp_path):
    path = partial.path_for(upload_id)
    assert path.parent == tmp_path / "incoming"
    assert partial.size(upload_id) == 0
    assert path.stat().st_mode & 0o077 == 0


def test_the_default_folder_is_under_media_root(settings):
    settings.HOCVIEN_VIDEO_UPLOAD_DIR = None
    assert partial.folder() == settings.MEDIA_ROOT / "lectures" / "incoming"


def test_append_writes_in_blocks_and_never_more_than_asked(upload_id):
    data = bytes(range(256)) * 1024  # 4 blocks
    stream = io.BytesIO(data + b"extra")
    sizes = []

    def read(size):
        sizes.append(size)
        return stream.read(size)

    with partial.locked(upload_id) as fd:
        assert partial.append(fd, read, len(data)) == len(data)
    assert max(sizes) == partial.BLOCK
    assert partial.path_for(upload_id).read_bytes() == data


def test_a_stream_that_breaks_keeps_the_bytes_that_arrived(upload_id):
    def read(size, sent=[0]):  # noqa: B006 - a counter shared by the calls
        if sent[0] >= 100_000:
            raise ConnectionResetError
        sent[0] += size
        return b"x" * size

    with partial.locked(upload_id) as fd:
        written = partial.append(fd, read, 1_000_000)
    assert written == partial.size(upload_id)
    assert 100_000 <= written < 1_000_000


def test_only_one_writer_at_a_time(upload_id):
    with partial.locked(upload_id):
        with pytest.raises(partial.Busy):
            with partial.locked(upload_id):
                pass
    with partial.locked(upload_id):  # released
        pass


def test_a_removed_file_is_gone(upload_id):
    partial.remove(upload_id)
    with pytest.raises(partial.Gone):
        partial.size(upload_id)
    with pytest.raises(partial.Gone):
        with partial.locked(upload_id):
            pass
