"""The demo organisations as plain data: their unit trees, titles and how many
people of which title sit in a unit of each level.

Place names are real provinces, districts and communes (as they were before
the 2025 reorganisation, which the demo does not follow); village names are
plausible. Villages are "thôn" in the northern plains, "bản" in the
mountains and "ấp" in the Mekong delta.
"""

from dataclasses import dataclass

from django.utils.text import slugify

from ..data import Level
from ..names import fold


@dataclass(frozen=True)
class UnitSpec:
    """One unit to create. ``region`` says who lives there (names, ethnic
    groups, the province digits of citizen ID numbers); see ``namebook``."""

    name: str
    code: str
    level: Level
    region: str
    children: tuple["UnitSpec", ...] = ()

    def walk(self):
        """This unit and its descendants, parents before children."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class OrgSpec:
    name: str
    short_name: str
    code: str
    description: str
    titles: tuple[tuple[str, bool], ...]  # (name, is_leadership), in rank order
    staffing: dict[Level, tuple[tuple[str, int], ...]]  # level -> (title, how many)
    root: UnitSpec
    female_share: float = 0.5
    # Holders of these titles at district level or above first headed a unit below.
    promoted: frozenset[str] = frozenset()


@dataclass(frozen=True)
class District:
    name: str
    village: str  # "thôn", "bản" or "ấp"
    communes: dict[str, tuple[str, str]]  # commune -> its two villages
    region: str = ""  # when it differs from the province's


@dataclass(frozen=True)
class Province:
    name: str
    region: str
    districts: tuple[District, ...]


def code_of(*parts: str) -> str:
    """A stable slug: ("hlhpn", "Lào Cai", "Bát Xát") -> "hlhpn-lao-cai-bat-xat"."""
    return "-".join(slugify(fold(part)) for part in parts)


WOMEN_PROVINCES = (
    Province(
        "Lào Cai",
        "lao_cai",
        (
            District(
                "Bát Xát",
                "bản",
                {
                    "Y Tý": ("Lao Chải", "Choản Thèn"),
                    "Trịnh Tường": ("Phìn Chải", "Lò Pèn"),
                    "Mường Hum": ("Nậm Pung", "Tả Ngài Chồ"),
                },
            ),
            District(
                "Bắc Hà",
                "bản",
                {
                    "Bản Phố": ("Sín Chải", "Làng Mới"),
                    "Lùng Phình": ("Pả Chư Tỷ", "Sừ Mần Khang"),
                },
            ),
            District(
                "Mường Khương",
                "bản",
                {
                    "Pha Long": ("Tả Chu Phùng", "Lồ Suối Tủng"),
                    "Bản Lầu": ("Na Lốc", "Cốc Phương"),
                },
            ),
        ),
    ),
    Province(
        "Nghệ An",
        "nghe_an",
        (
            District(
                "Diễn Châu",
                "thôn",
                {
                    "Diễn Kỷ": ("Kỷ Thịnh", "Kỷ Trung"),
                    "Diễn Hồng": ("Hồng Phúc", "Hồng Yên"),
                    "Diễn Thành": ("Bắc Thành", "Trung Thành"),
                },
            ),
            District(
                "Nghi Lộc",
                "thôn",
                {
                    "Nghi Thuận": ("Đông Thuận", "Tây Thuận"),
                    "Nghi Xá": ("Xá Đông", "Xá Nam"),
                },
            ),
            District(
                "Con Cuông",
                "bản",
                {"Môn Sơn": ("Xiềng", "Cò Phạt"), "Châu Khê": ("Khe Choăng", "Tạt")},
                region="con_cuong",
            ),
        ),
    ),
    Province(
        "Sóc Trăng",
        "soc_trang",
        (
            District(
                "Trần Đề",
                "ấp",
                {
                    "Đại Ân 2": ("Đầu Giồng", "Ba Xuyên"),
                    "Trung Bình": ("Vĩnh Thạnh", "Tổng Cáng"),
                    "Liêu Tú": ("Tắc Bướm", "Bưng Lức"),
                },
            ),
            District(
                "Mỹ Xuyên",
                "ấp",
                {
                    "Tham Đôn": ("Phú Tức", "Bưng Chông"),
                    "Ngọc Đông": ("Hòa Phuông", "Đay Sô"),
                },
            ),
            District(
                "Châu Thành",
                "ấp",
                {
                    "Phú Tâm": ("Phú Thành A", "Phú Thành B"),
                    "Hồ Đắc Kiện": ("Sóc Vồ", "Trà Canh A"),
                },
            ),
        ),
    ),
)


def _women_district(province: Province, district: District) -> UnitSpec:
    region = district.region or province.region
    base = ("hlhpn", province.name, district.name)
    communes = tuple(
        UnitSpec(
            f"Hội LHPN xã {commune}",
            code_of(*base, commune),
            Level.COMMUNE,
            region,
            tuple(
                UnitSpec(
                    f"Chi hội phụ nữ {district.village} {village}",
                    code_of(*base, commune, village),
                    Level.BRANCH,
                    region,
                )
                for village in villages
            ),
        )
        for commune, villages in district.communes.items()
    )
    return UnitSpec(
        f"Hội LHPN huyện {district.name}",
        code_of(*base),
        Level.DISTRICT,
        region,
        communes,
    )


def _women_province(province: Province) -> UnitSpec:
    return UnitSpec(
        f"Hội LHPN tỉnh {province.name}",
        code_of("hlhpn", province.name),
        Level.PROVINCE,
        province.region,
        tuple(_women_district(province, d) for d in province.districts),
    )


def _leaves(prefix: str, level: Level, region: str, names) -> tuple[UnitSpec, ...]:
    return tuple(
        UnitSpec(name, code_of(prefix, key), level, region) for key, name in names
    )


WOMEN_UNION = OrgSpec(
    name="Hội Liên hiệp Phụ nữ Việt Nam",
    short_name="Hội LHPN Việt Nam",
    code="hlhpn",
    description="Tổ chức chính trị - xã hội của phụ nữ Việt Nam (dữ liệu demo).",
    titles=(
        ("Chủ tịch", True),
        ("Phó Chủ tịch", True),
        ("Ủy viên Ban Thường vụ", True),
        ("Ủy viên Ban Chấp hành", False),
        ("Chuyên viên", False),
        ("Chi hội trưởng", True),
        ("Chi hội phó", False),
        ("Hội viên", False),
    ),
    staffing={
        Level.CENTRAL: (
            ("Chủ tịch", 1),
            ("Phó Chủ tịch", 2),
            ("Ủy viên Ban Thường vụ", 2),
        ),
        Level.PROVINCE: (
            ("Chủ tịch", 1),
            ("Phó Chủ tịch", 2),
            ("Ủy viên Ban Thường vụ", 1),
            ("Ủy viên Ban Chấp hành", 2),
        ),
        Level.DISTRICT: (("Chủ tịch", 1), ("Phó Chủ tịch", 1)),
        Level.COMMUNE: (("Chủ tịch", 1), ("Phó Chủ tịch", 1)),
        Level.BRANCH: (("Chi hội trưởng", 1), ("Chi hội phó", 1), ("Hội viên", 2)),
    },
    root=UnitSpec(
        "Trung ương Hội LHPN Việt Nam",
        "hlhpn-tw",
        Level.CENTRAL,
        "ha_noi",
        tuple(_women_province(province) for province in WOMEN_PROVINCES),
    ),
    female_share=0.97,
    promoted=frozenset({"Chủ tịch", "Phó Chủ tịch"}),
)

TRADE_UNION = OrgSpec(
    name="Liên đoàn Lao động tỉnh Nghệ An",
    short_name="LĐLĐ Nghệ An",
    code="ldld-nghe-an",
    description="Liên đoàn Lao động cấp tỉnh (dữ liệu demo).",
    titles=(
        ("Chủ tịch công đoàn", True),
        ("Phó Chủ tịch công đoàn", True),
        ("Ủy viên BCH công đoàn", False),
        ("Đoàn viên", False),
    ),
    staffing={
        Level.PROVINCE: (("Chủ tịch công đoàn", 1), ("Phó Chủ tịch công đoàn", 1)),
        Level.DISTRICT: (("Chủ tịch công đoàn", 1), ("Ủy viên BCH công đoàn", 1)),
        Level.BRANCH: (("Chủ tịch công đoàn", 1), ("Đoàn viên", 2)),
    },
    root=UnitSpec(
        "Liên đoàn Lao động tỉnh Nghệ An",
        "ldld-nghe-an",
        Level.PROVINCE,
        "nghe_an",
        (
            UnitSpec(
                "Liên đoàn Lao động thành phố Vinh",
                "ldld-nghe-an-vinh",
                Level.DISTRICT,
                "nghe_an",
                _leaves(
                    "ldld-nghe-an-vinh",
                    Level.BRANCH,
                    "nghe_an",
                    [
                        ("thpt-hthk", "Công đoàn cơ sở Trường THPT Huỳnh Thúc Kháng"),
                        ("hung-dung", "Công đoàn cơ sở UBND phường Hưng Dũng"),
                    ],
                ),
            ),
            UnitSpec(
                "Liên đoàn Lao động huyện Diễn Châu",
                "ldld-nghe-an-dien-chau",
                Level.DISTRICT,
                "nghe_an",
                _leaves(
                    "ldld-nghe-an-dien-chau",
                    Level.BRANCH,
                    "nghe_an",
                    [
                        ("thpt-dc2", "Công đoàn cơ sở Trường THPT Diễn Châu 2"),
                        ("dien-ky", "Công đoàn cơ sở UBND xã Diễn Kỷ"),
                        ("ttyt", "Công đoàn cơ sở Trung tâm Y tế huyện Diễn Châu"),
                    ],
                ),
            ),
        ),
    ),
)

COOPERATIVE_ALLIANCE = OrgSpec(
    name="Liên minh Hợp tác xã Việt Nam",
    short_name="Liên minh HTX Việt Nam",
    code="lmhtx",
    description="Liên minh các hợp tác xã (dữ liệu demo).",
    titles=(
        ("Chủ tịch Liên minh", True),
        ("Phó Chủ tịch Liên minh", True),
        ("Giám đốc HTX", True),
        ("Phó Giám đốc HTX", True),
        ("Chuyên viên", False),
        ("Thành viên HTX", False),
    ),
    staffing={
        Level.CENTRAL: (("Phó Chủ tịch Liên minh", 1),),
        Level.PROVINCE: (("Chủ tịch Liên minh", 1), ("Chuyên viên", 1)),
        Level.BRANCH: (
            ("Giám đốc HTX", 1),
            ("Phó Giám đốc HTX", 1),
            ("Thành viên HTX", 2),
        ),
    },
    root=UnitSpec(
        "Liên minh Hợp tác xã Việt Nam",
        "lmhtx",
        Level.CENTRAL,
        "ha_noi",
        (
            UnitSpec(
                "Liên minh Hợp tác xã tỉnh Sóc Trăng",
                "lmhtx-soc-trang",
                Level.PROVINCE,
                "soc_trang",
                _leaves(
                    "lmhtx-soc-trang",
                    Level.BRANCH,
                    "soc_trang",
                    [
                        ("hanh-tim-vinh-chau", "HTX Hành tím Vĩnh Châu"),
                        ("lua-tom-my-xuyen", "HTX Lúa tôm Mỹ Xuyên"),
                        ("nong-nghiep-phu-tam", "HTX Nông nghiệp Phú Tâm"),
                    ],
                ),
            ),
        ),
    ),
    female_share=0.4,
)

ETHNIC_BOARD = OrgSpec(
    name="Ban Dân tộc tỉnh Lào Cai",
    short_name="Ban Dân tộc Lào Cai",
    code="bdt-lao-cai",
    description="Cơ quan công tác dân tộc cấp tỉnh (dữ liệu demo).",
    titles=(
        ("Trưởng ban", True),
        ("Phó Trưởng ban", True),
        ("Trưởng phòng", True),
        ("Chuyên viên", False),
    ),
    staffing={
        Level.PROVINCE: (("Trưởng ban", 1), ("Phó Trưởng ban", 1), ("Chuyên viên", 1)),
        Level.DISTRICT: (("Trưởng phòng", 1), ("Chuyên viên", 1)),
    },
    root=UnitSpec(
        "Ban Dân tộc tỉnh Lào Cai",
        "bdt-lao-cai",
        Level.PROVINCE,
        "lao_cai",
        _leaves(
            "bdt-lao-cai",
            Level.DISTRICT,
            "lao_cai",
            [
                ("bat-xat", "Phòng Dân tộc huyện Bát Xát"),
                ("bac-ha", "Phòng Dân tộc huyện Bắc Hà"),
                ("muong-khuong", "Phòng Dân tộc huyện Mường Khương"),
            ],
        ),
    ),
)

ORGANISATIONS = (WOMEN_UNION, TRADE_UNION, COOPERATIVE_ALLIANCE, ETHNIC_BOARD)
