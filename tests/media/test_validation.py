import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.forms import Form

from media import api
from media.fields import LectureFileField
from media.models import Video
from media.validation import human_duration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


class UploadForm(Form):
    file = LectureFileField()


def upload(path, name=None):
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def errors_for(file):
    form = UploadForm(files={"file": file})
    assert not form.is_valid()
    return " ".join(form.errors["file"])


def create(file):
    return api.create_video(file=file, title="Bài giảng")


def test_a_good_clip_is_accepted_with_what_ffprobe_found(clip):
    form = UploadForm(files={"file": upload(clip)})
    assert form.is_valid(), form.errors
    found = form.cleaned_data["file"].probe_result
    assert found.has_video and found.duration == pytest.approx(2, abs=0.2)


def test_an_upload_on_disk_is_validated_in_place(clip):
    file = TemporaryUploadedFile("clip.mp4", "video/mp4", clip.stat().st_size, None)
    file.write(clip.read_bytes())
    file.seek(0)
    assert UploadForm(files={"file": file}).is_valid()


def test_an_audio_lecture_is_accepted(audio_clip, dummy_transcoder):
    video = create(upload(audio_clip))
    assert video.has_video is False
    assert video.duration == pytest.approx(2, abs=0.2)


def test_a_renamed_text_file_is_refused(tmp_path, stored_files):
    text = tmp_path / "lecture.mp4"
    text.write_text("Bài giảng số 1\n" * 200)
    assert "not a video or audio file" in errors_for(upload(text))
    with pytest.raises(api.VideoRejected):
        create(upload(text))
    assert not Video.objects.exists()
    assert stored_files() == []


def test_a_text_file_with_its_own_extension_is_refused(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello\n" * 100)
    assert "not a video or audio file" in errors_for(upload(text))


def test_a_pdf_is_refused(tmp_path):
    pdf = tmp_path / "slides.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    assert "not a video or audio file" in errors_for(upload(pdf))


def test_a_zero_length_file_is_refused(tmp_path, stored_files):
    empty = SimpleUploadedFile("empty.mp4", b"")
    assert "The file is empty." in errors_for(empty)
    with pytest.raises(api.VideoRejected, match="empty"):
        create(SimpleUploadedFile("empty.mp4", b""))
    assert not Video.objects.exists()
    assert stored_files() == []


def test_a_clip_cut_in_half_is_refused(clip, stored_files):
    data = clip.read_bytes()
    half = SimpleUploadedFile("clip.mp4", data[: len(data) // 2])
    assert "not a video or audio file" in errors_for(half)
    with pytest.raises(api.VideoRejected):
        create(SimpleUploadedFile("clip.mp4", data[: len(data) // 2]))
    assert not Video.objects.exists()
    assert stored_files() == []


def test_a_cut_off_clip_whose_header_is_whole_is_refused(clip, tmp_path):
    import subprocess

    whole = tmp_path / "faststart.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(clip), "-c", "copy"]
        + ["-movflags", "+faststart", str(whole)],
        check=True,
    )
    data = whole.read_bytes()
    cut = SimpleUploadedFile("cut.mp4", data[: len(data) // 2])
    assert "damaged or incomplete" in errors_for(cut)


def test_a_lecture_longer_than_the_limit_is_refused(clip, settings, stored_files):
    settings.HOCVIEN_VIDEO_MAX_SECONDS = 1
    assert "longer than the limit of 1 second" in errors_for(upload(clip))
    with pytest.raises(api.VideoRejected, match="longer than"):
        create(upload(clip))
    assert not Video.objects.exists()
    assert stored_files() == []


def test_a_file_larger_than_the_limit_is_refused(clip, settings, stored_files):
    settings.HOCVIEN_VIDEO_MAX_BYTES = 1000
    assert "larger than the limit of 1000" in errors_for(upload(clip))
    with pytest.raises(api.VideoRejected, match="larger than"):
        create(upload(clip))
    assert not Video.objects.exists()
    assert stored_files() == []


def test_limits_are_named_in_human_terms():
    assert human_duration(3 * 3600) == "3 hours"
    assert human_duration(5400) == "1 hour 30 minutes"
    assert human_duration(45) == "45 seconds"
