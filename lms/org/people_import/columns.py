"""The columns of a people file and how a header row is recognised.

Headers are the Vietnamese ones of the template; English equivalents and a
few common variants are accepted too, compared without case, diacritics or
punctuation (so "Họ và tên (*)" and "ho va ten" are the same column).
Columns the file has besides these, such as "STT", are ignored.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..names import fold
from .data import FileRefused


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...]
    help: str
    required: bool = False


COLUMNS = (
    Column(
        "full_name",
        "Họ và tên",
        ("Họ tên", "Full name", "Name"),
        gettext_lazy("Required. Family name first, as on the ID card."),
        required=True,
    ),
    Column(
        "date_of_birth",
        "Ngày sinh",
        ("Date of birth", "Birth date"),
        gettext_lazy("A date as dd/mm/yyyy, or a date cell."),
    ),
    Column(
        "gender",
        "Giới tính",
        ("Gender", "Sex"),
        gettext_lazy("Nam, Nữ or Khác."),
    ),
    Column(
        "ethnicity",
        "Dân tộc",
        ("Ethnicity", "Ethnic group"),
        gettext_lazy("One of the 54 ethnic groups, e.g. Kinh, Tày, Hmông."),
    ),
    Column(
        "phone",
        "Số điện thoại",
        ("Điện thoại", "SĐT", "Phone number", "Phone", "Mobile"),
        gettext_lazy(
            "Mobile number, e.g. 0912345678. A phone number or a citizen ID "
            "number is required: they find the person again on the next import."
        ),
    ),
    Column(
        "email",
        "Email",
        ("Thư điện tử", "E-mail", "Email address"),
        gettext_lazy("Optional. Each person needs their own address."),
    ),
    Column(
        "national_id",
        "Số CCCD",
        ("CCCD", "Số CMND/CCCD", "Căn cước", "National ID", "Citizen ID number"),
        gettext_lazy("12 digits (9 for an old ID card)."),
    ),
    Column(
        "unit_code",
        "Mã đơn vị",
        ("Unit code", "Unit"),
        gettext_lazy("Required. The code of the unit, as in the list of units."),
        required=True,
    ),
    Column(
        "title",
        "Chức danh",
        ("Chức vụ", "Position title", "Title", "Position"),
        gettext_lazy("Optional. A position title of the unit's organisation."),
    ),
    Column(
        "in_leadership_pipeline",
        "Quy hoạch",
        ("Leadership pipeline", "In the leadership pipeline"),
        gettext_lazy("Có (or x) when planned for a leading position; else empty."),
    ),
    Column(
        "since",
        "Ngày nhận nhiệm vụ",
        ("Position held since", "Position start date", "Start date", "Since"),
        gettext_lazy("Optional. When the position began; empty means today."),
    ),
)

BY_KEY = {column.key: column for column in COLUMNS}
IDENTITY_KEYS = ("phone", "national_id")


def header_key(text: str) -> str:
    """ "Họ và tên (*)" -> "ho va ten": what two headers must share to match."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


KNOWN_HEADERS = {
    header_key(name): column
    for column in COLUMNS
    for name in (column.header, *column.aliases)
}


def map_headers(cells: list[str]) -> dict[str, tuple[int, str]]:
    """{column key: (position, header as written)} for a header row, or
    FileRefused when a required column is missing or one appears twice."""
    found = {}
    for position, text in enumerate(cells):
        column = KNOWN_HEADERS.get(header_key(text))
        if column is None:
            continue
        if column.key in found:
            raise FileRefused(
                _("The column “%(column)s” appears twice in the first row.")
                % {"column": text}
            )
        found[column.key] = (position, text.strip())
    check_required(found)
    return found


def check_required(found):
    missing = [c.header for c in COLUMNS if c.required and c.key not in found]
    if not any(key in found for key in IDENTITY_KEYS):
        missing.append(" / ".join(BY_KEY[key].header for key in IDENTITY_KEYS))
    if missing:
        raise FileRefused(
            _(
                "The first row must hold the column names of the template; "
                "these are missing: %(columns)s."
            )
            % {"columns": ", ".join(f"“{name}”" for name in missing)}
        )
