import io

import pytest
from django.core.management import CommandError, call_command

from lms.h5p.models import Content

from .packages import fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_h5p", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_content_only_file_named_first_imports_after_the_file_with_its_libraries():
    out, _err = run(
        fixture("blanks-with-image_content-only.h5p"),
        fixture("fill-in-the-blanks-837.h5p"),
    )
    assert out.count("imported as") == 2
    assert Content.objects.count() == 2


def test_refused_files_are_reported_and_the_command_fails():
    with pytest.raises(CommandError, match="1 file"):
        run(
            fixture("multiple-choice-713.h5p"),
            fixture("interactive-video-truefalse_content-only.h5p"),
        )
    assert Content.objects.count() == 1


def test_a_new_version_of_an_activity():
    run(fixture("multiple-choice-713.h5p"))
    content = Content.objects.get()
    out, _err = run(fixture("multiple-choice-713.h5p"), "--content", content.pk)
    assert "version 2" in out
    with pytest.raises(CommandError, match="no H5P activity"):
        run(fixture("multiple-choice-713.h5p"), "--content", 999)
