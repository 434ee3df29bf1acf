"""The demo people as plain data, drawn from one seeded random generator so
that every run yields the same people; the phone number identifies each."""

import datetime
import random
from dataclasses import dataclass

from ..data import Gender, Level
from ..ethnicities import Ethnicity
from ..names import fold, split_name
from ..phones import InvalidPhoneNumber, normalize_phone
from .namebook import id_province, random_name
from .units import OrgSpec, UnitSpec

SEED = 2026
MOBILE_PREFIXES = "90 91 93 94 96 97 98 32 33 34 35 36 37 38 39".split()
BORN_FROM = datetime.date(1965, 1, 1)
JOINED_BY = 2023  # latest year a first post starts
PROMOTED_FROM = datetime.date(2024, 1, 1)
PROMOTION_DAYS = 640  # promotions fall in 2024 or 2025
EMAIL_SHARE, ID_SHARE, PIPELINE_SHARE = 0.3, 0.4, 0.1


@dataclass(frozen=True)
class Post:
    unit_code: str
    title: str
    since: datetime.date


@dataclass(frozen=True)
class PersonSpec:
    full_name: str
    gender: Gender
    ethnicity: Ethnicity
    date_of_birth: datetime.date
    phone: str  # E.164
    email: str | None
    national_id: str | None
    in_leadership_pipeline: bool
    posts: tuple[Post, ...]  # oldest first; the last one is current


def people_specs(organisations, *, reserved_phones=()) -> list[PersonSpec]:
    """Everybody who fills the staffing of ``organisations``, always the same."""
    draw = Draw(random.Random(SEED), reserved_phones)  # noqa: S311 - demo data
    specs = []
    for org in organisations:
        for unit in org.root.walk():
            for title, count in org.staffing.get(unit.level, ()):
                specs += [draw.person(org, unit, title) for _ in range(count)]
    return specs


class Draw:
    """Random but repeatable details; phones and ID numbers never repeat."""

    def __init__(self, rng, reserved_phones):
        self.rng = rng
        self.phones = set(reserved_phones)
        self.national_ids = set()
        self.emails = 0

    def person(self, org: OrgSpec, unit: UnitSpec, title: str) -> PersonSpec:
        rng = self.rng
        female = rng.random() < org.female_share
        gender = Gender.FEMALE if female else Gender.MALE
        full_name, ethnicity = random_name(rng, unit.region, gender)
        # Leaders of a district or above came up from a unit below.
        promoted = title in org.promoted and unit.level <= Level.DISTRICT
        born = self.birthday(latest_year=1990 if promoted else 2000)
        return PersonSpec(
            full_name=full_name,
            gender=gender,
            ethnicity=ethnicity,
            date_of_birth=born,
            phone=self.phone(),
            email=self.email(full_name) if rng.random() < EMAIL_SHARE else None,
            national_id=self.national_id(unit.region, gender, born)
            if rng.random() < ID_SHARE
            else None,
            in_leadership_pipeline=rng.random() < PIPELINE_SHARE,
            posts=self.posts(org, unit, title, born, promoted),
        )

    def birthday(self, *, latest_year: int) -> datetime.date:
        span = (datetime.date(latest_year, 12, 31) - BORN_FROM).days
        return BORN_FROM + datetime.timedelta(days=self.rng.randrange(span))

    def day_in(self, first_year: int, last_year: int) -> datetime.date:
        year = self.rng.randint(first_year, last_year)
        return datetime.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def posts(self, org, unit, title, born, promoted) -> tuple[Post, ...]:
        """One post; or, for a promoted leader, first heading a unit below."""
        if not promoted:
            since = self.day_in(max(2015, born.year + 20), JOINED_BY)
            return (Post(unit.code, title, since),)
        earlier = self.rng.choice(unit.children)
        started = self.day_in(max(2016, born.year + 22), 2021)
        moved = PROMOTED_FROM + datetime.timedelta(
            days=self.rng.randrange(PROMOTION_DAYS)
        )
        return (
            Post(earlier.code, org.titles[0][0], started),
            Post(unit.code, title, moved),
        )

    def phone(self) -> str:
        while True:
            digits = (
                self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**7):07d}"
            )
            try:
                phone = normalize_phone("0" + digits)
            except InvalidPhoneNumber:
                continue
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def email(self, full_name: str) -> str:
        self.emails += 1
        family, _middle, given = split_name(fold(full_name))
        return f"{given}.{family}{self.emails}@example.vn"

    def national_id(self, region: str, gender: Gender, born: datetime.date) -> str:
        """12 digits: birth province, century and sex, year of birth, serial."""
        century_sex = (born.year >= 2000) * 2 + (gender == Gender.FEMALE)
        head = f"{id_province(region)}{century_sex}{born.year % 100:02d}"
        while True:
            number = f"{head}{self.rng.randrange(10**6):06d}"
            if number not in self.national_ids:
                self.national_ids.add(number)
                return number
