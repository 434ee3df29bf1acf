import shutil

import pytest
from django.core.management import CommandError, call_command

from media.models import Video

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("import_lectures", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_a_folder_is_imported_recursively_with_titles_from_file_names(
    tmp_path, clip, audio_clip, dummy_transcoder, stored_files
):
    (tmp_path / "khoa-1").mkdir()
    shutil.copy(clip, tmp_path / "khoa-1" / "bai_giang-so-1.mp4")
    shutil.copy(audio_clip, tmp_path / "bai-nghe.m4a")
    (tmp_path / "ghi-chu.txt").write_text("not a lecture")
    out, err, error = run(tmp_path, "--tag", "chuyen-doi-so")
    assert error is None, err
    assert [line.split()[0] for line in out.splitlines()] == ["imported"] * 2
    assert sorted(Video.objects.values_list("title", flat=True)) == [
        "bai giang so 1",
        "bai nghe",
    ]
    assert list(Video.objects.first().tags.names()) == ["chuyen-doi-so"]


def test_a_file_already_imported_is_skipped(
    tmp_path, clip, dummy_transcoder, stored_files
):
    run(clip)
    out, err, error = run(clip)
    assert error is None
    assert "skipped" in out
    assert Video.objects.count() == 1


def test_a_refused_file_is_reported_and_the_command_fails(
    tmp_path, clip, dummy_transcoder, stored_files
):
    broken = tmp_path / "hong.mp4"
    broken.write_text("text")
    out, err, error = run(clip, broken)
    assert "imported" in out
    assert "refused" in err and "hong.mp4" in err
    assert error is not None
    assert Video.objects.count() == 1


def test_an_unknown_collection_is_refused(clip):
    with pytest.raises(CommandError, match="No collection"):
        call_command("import_lectures", str(clip), "--collection", "Không có")
