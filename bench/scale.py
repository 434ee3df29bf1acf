"""Synthetic people in bulk, to measure the admin at the size of a real
organisation (hundreds of thousands of cadres). Rows are written directly,
bypassing api.register_person, because only the listing is measured."""

import random

from lms.org.models import Person, Unit
from lms.org.names import fold, sort_key

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Thị", "Văn", "Thị Thu", "Thị Ngọc", "Văn Đức", "Thị Minh"]
GIVEN = ["An", "Bình", "Chi", "Dung", "Đào", "Hà", "Hoa", "Lan", "Mai", "Nga", "Yến"]


def add_people(count: int, *, seed: int = 7, batch: int = 5000):
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    units = list(Unit.objects.filter(numchild=0))
    people = []
    for n in range(count):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        phone = f"+8497{n:07d}"
        people.append(
            Person(
                full_name=name,
                phone=phone,
                unit=rng.choice(units),
                sort_key=sort_key(name),
                search_text=f"{fold(name)} 097{n:07d}",
            )
        )
        if len(people) == batch:
            Person.objects.bulk_create(people)
            people = []
    Person.objects.bulk_create(people)
