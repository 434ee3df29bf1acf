import datetime
import zoneinfo

from django.conf import settings
from django.template import Context, Template
from django.utils import formats, timezone, translation


def test_vietnamese_is_the_default_language_with_english_beside_it():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]
    assert settings.WAGTAIL_CONTENT_LANGUAGES == settings.LANGUAGES


def test_dates_show_day_first_with_slashes():
    day = datetime.date(2026, 11, 21)
    with translation.override("vi"):
        assert formats.date_format(day) == "21/11/2026"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "21/11/2026"
        assert Template("{{ day }}").render(Context({"day": day})) == "21/11/2026"


def test_times_show_in_viet_nam_time():
    moment = datetime.datetime(2026, 11, 21, 2, 30, tzinfo=datetime.UTC)
    local = timezone.localtime(moment)
    assert local.tzinfo == zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    with translation.override("vi"):
        assert formats.date_format(local, "DATETIME_FORMAT") == "09:30 21/11/2026"


def test_numbers_group_with_dots_and_decimals_with_a_comma():
    with translation.override("vi"):
        assert formats.number_format(1234567.5, decimal_pos=1, force_grouping=True) == (
            "1.234.567,5"
        )


def test_dates_typed_the_vietnamese_way_are_understood():
    from django import forms

    with translation.override("vi"):
        assert forms.DateField().clean("21/11/2026") == datetime.date(2026, 11, 21)


def test_uploads_live_outside_the_media_package():
    import media

    package_dir = settings.REPO_DIR / "media"
    assert media.__file__.startswith(str(package_dir))
    assert package_dir not in settings.MEDIA_ROOT.parents
    assert settings.MEDIA_ROOT != package_dir
