"""The demo accounts: one person per role, with a fixed, published password."""

import datetime
from dataclasses import dataclass

from ..data import Gender, Role
from ..ethnicities import Ethnicity

# Printed on screen for the demo; never used outside it.
DEMO_PASSWORD = "hocvien2026"  # noqa: S105


@dataclass(frozen=True)
class DemoLogin:
    role: Role
    label: str  # "Vietnamese / English", for the printed table
    can_see: str
    phone: str  # as people type it
    full_name: str
    ethnicity: Ethnicity
    born: datetime.date
    unit_code: str
    title: str
    scope_code: str | None = None  # the unit whose subtree they manage
    email: str | None = None  # shown as the login when set
    gender: Gender = Gender.FEMALE

    @property
    def login(self) -> str:
        return self.email or self.phone


DEMO_LOGINS = (
    DemoLogin(
        Role.ACADEMY_STAFF,
        "Cán bộ học viện / Academy staff",
        "Cả Hội LHPN / all Women's Union",
        "0911000001",
        "Nguyễn Thị Thanh Hương",
        Ethnicity.KINH,
        datetime.date(1982, 5, 14),
        "hlhpn-tw",
        "Chuyên viên",
        scope_code="hlhpn-tw",
    ),
    DemoLogin(
        Role.INSTRUCTOR,
        "Giảng viên / Instructor",
        "Quản trị khóa học / course admin",
        "0911000002",
        "Trần Thị Minh Phương",
        Ethnicity.KINH,
        datetime.date(1979, 9, 2),
        "hlhpn-tw",
        "Chuyên viên",
    ),
    DemoLogin(
        Role.UNIT_MANAGER,
        "Quản lý tỉnh Lào Cai / Unit manager",
        "Tỉnh Lào Cai trở xuống / Lào Cai and below",
        "0911000003",
        "Hoàng Thị Hạnh",
        Ethnicity.TAY,
        datetime.date(1980, 11, 20),
        "hlhpn-lao-cai",
        "Ủy viên Ban Thường vụ",
        scope_code="hlhpn-lao-cai",
    ),
    DemoLogin(
        Role.UNIT_MANAGER,
        "Quản lý tỉnh Nghệ An / Unit manager",
        "Tỉnh Nghệ An trở xuống / Nghệ An and below",
        "0911000004",
        "Hồ Thị Thu Hiền",
        Ethnicity.KINH,
        datetime.date(1984, 2, 8),
        "hlhpn-nghe-an",
        "Ủy viên Ban Thường vụ",
        scope_code="hlhpn-nghe-an",
    ),
    DemoLogin(
        Role.LEARNER,
        "Học viên (xã Y Tý) / Learner",
        "Việc học của mình / own learning",
        "0911000005",
        "Giàng Thị Mai",
        Ethnicity.HMONG,
        datetime.date(1992, 6, 15),
        "hlhpn-lao-cai-bat-xat-y-ty",
        "Ủy viên Ban Chấp hành",
    ),
    DemoLogin(
        Role.LEARNER,
        "Học viên (xã Diễn Kỷ) / Learner",
        "Việc học của mình / own learning",
        "0911000006",
        "Nguyễn Thị Hoa",
        Ethnicity.KINH,
        datetime.date(1988, 4, 3),
        "hlhpn-nghe-an-dien-chau-dien-ky",
        "Ủy viên Ban Chấp hành",
        email="hoa.learner@example.vn",
    ),
)
# The demo-login people hold their posts from the start of the 2021-2026 term.
DEMO_SINCE = datetime.date(2021, 1, 4)
