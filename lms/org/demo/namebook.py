"""Realistic Vietnamese names for the demo people, by region and ethnic group.

Family-name weights follow their rough share of the population (Nguyễn about
four in ten); the southern spellings Huỳnh and Võ replace Hoàng and Vũ in the
Mekong delta. Hmông, Dao, Tày, Giáy, Thái, Khmer and Hoa people get the
family and given names usual in their group.
"""

from dataclasses import dataclass

from ..data import Gender
from ..ethnicities import Ethnicity


def words(text: str) -> tuple[str, ...]:
    """Split on spaces; "_" keeps a two-word name whole (Sa_Vi -> "Sa Vi")."""
    return tuple(word.replace("_", " ") for word in text.split())


def weights(text: str) -> dict[str, int]:
    """Parse "Nguyễn:38 Trần:11 Lý" into {name: weight}; no weight means 1."""
    pairs = (f"{word}:1".split(":")[:2] for word in words(text))
    return {name: int(weight) for name, weight in pairs}


@dataclass(frozen=True)
class NameStyle:
    ethnicity: Ethnicity
    families: dict[str, int]  # family name -> relative frequency
    women_middle: dict[str, int]
    women_given: tuple[str, ...]
    men_middle: dict[str, int]
    men_given: tuple[str, ...]


def _kinh(families: str) -> NameStyle:
    return NameStyle(
        Ethnicity.KINH,
        weights(families),
        weights("Thị:12 Thị_Thu:2 Thị_Minh Thị_Thanh Ngọc"),
        words(
            "Hoa Lan Hương Hà Hạnh Mai Thảo Hằng Nga Linh Trang Huyền Nhung Thủy "
            "Dung Yến Loan Oanh Phượng Vân Hồng Xuân Liên Tuyết Hiền Thúy Bích Ngân"
        ),
        weights("Văn:8 Đức:2 Minh:2 Hữu Quang Xuân"),
        words(
            "Hùng Dũng Nam Tuấn Hải Long Sơn Thắng Bình Cường Hiếu Trung Quang "
            "Phong Toàn Vinh Hòa Thành Khánh Tùng"
        ),
    )


def _minority(ethnicity, families, women, men, men_middle="Văn") -> NameStyle:
    return NameStyle(
        ethnicity,
        weights(families),
        weights("Thị"),
        words(women),
        weights(men_middle) if men_middle else {"": 1},
        words(men),
    )


STYLES = {
    "kinh-north": _kinh(
        "Nguyễn:38 Trần:11 Lê:9 Phạm:7 Hoàng:5 Vũ:4 Phan:3 Đặng:2 Bùi:2 Đỗ:2 "
        "Ngô Dương Lý"
    ),
    "kinh-central": _kinh(
        "Nguyễn:34 Trần:9 Lê:9 Phan:6 Hồ:6 Phạm:5 Võ:4 Hoàng:4 Đậu:2 Thái:2 "
        "Đặng:2 Bùi Ngô"
    ),
    "kinh-south": _kinh(
        "Nguyễn:35 Trần:11 Lê:9 Phạm:6 Huỳnh:6 Võ:6 Phan:4 Trương:2 Đặng:2 Hồ:2 "
        "Bùi Đỗ Dương Lý"
    ),
    "hmong": _minority(
        Ethnicity.HMONG,
        "Giàng Sùng Vàng Thào Lý Má Hầu Lầu",
        "Mai Chở Mỷ Dợ Pà Sua Dua Say Súa Nủ Mái",
        "Páo Dình Lử Chứ Sử Pủa Tủa Chính Dơ Sáng",
        "A:3 Seo:2 Mí",
    ),
    "dao": _minority(
        Ethnicity.DAO,
        "Chảo Tẩn Phàn Triệu Bàn Lý",
        "Mẩy Xuân Mai Chòi Xoan Chạn Lìu Nhất",
        "Lở Sài Chòi Quẩy Kiềm Phin Vần Tả",
        "Văn:2 Láo Ông",
    ),
    "tay": _minority(
        Ethnicity.TAY,
        "Hoàng Nông Hà Lục Ma Lương",
        "Thu Lan Hạnh Duyên Nhung Thủy Hiên Thoa",
        "Thắng Quân Chiến Thanh Tuyên Hưng Lâm Đoàn",
    ),
    "giay": _minority(
        Ethnicity.GIAY,
        "Lò Lù Hoàng Vàng Sần",
        "Hương Dung Sinh Lan Phấn Mơ Hằng",
        "Quân Pao Sơn Kim Khiêm Hồng",
    ),
    "thai": _minority(
        Ethnicity.THAI,
        "Lô Lang Vi Lữ Kha Lương Ngân Quang",
        "Hoa Xuân Hương Thương Nhàn Mai Oanh Pháy",
        "Thắng Bình Phong Thuận Tài Cường Khuyên Hợi",
    ),
    # Khmer and Hoa men often have no middle name; "_" joins two-word given names.
    "khmer": _minority(
        Ethnicity.KHMER,
        "Thạch Sơn Danh Lâm Kim Lý Triệu",
        "Sa_Vi Sô_Phi Sa_Rươl Chanh_Thy Sà_Pha Mỹ_Linh Ngọc_Hân Sô_Kha",
        "Sô_Phol Sà_Rết Sa_Ên Sơn_Ty Phiên Sóc_Kha Chanh_Đa Som_Bath",
        "",
    ),
    "hoa": _minority(
        Ethnicity.HOA,
        "Lâm Quách Trương Tăng Mã Lưu",
        "Mỹ_Linh Ngọc_Lan Huệ_Mẫn Kim_Phụng Tuyết_Mai",
        "Cẩm_Vinh Quốc_Hưng Minh_Tài Chí_Thành",
        "",
    ),
}

# region -> (province digits of citizen ID numbers, {style: weight})
REGIONS = {
    "ha_noi": ("001", weights("kinh-north")),
    "lao_cai": ("010", weights("kinh-north:30 hmong:30 tay:15 dao:15 giay:10")),
    "nghe_an": ("040", weights("kinh-central")),
    "con_cuong": ("040", weights("kinh-central:4 thai:6")),
    "soc_trang": ("094", weights("kinh-south:55 khmer:35 hoa:10")),
}


def pick(rng, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def random_name(rng, region: str, gender: Gender) -> tuple[str, Ethnicity]:
    """A full name (family, middle, given) and the ethnic group it goes with."""
    style = STYLES[pick(rng, REGIONS[region][1])]
    family = pick(rng, style.families)
    if gender == Gender.FEMALE:
        middle = pick(rng, style.women_middle)
        given = rng.choice(style.women_given)
    else:
        middle = pick(rng, style.men_middle)
        given = rng.choice(style.men_given)
    full_name = " ".join(word for word in (family, middle, given) if word)
    return full_name, style.ethnicity


def id_province(region: str) -> str:
    return REGIONS[region][0]
