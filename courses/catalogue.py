"""Filtering the catalogue: programme, audience title, mode, language, words."""

from .data import CourseLanguage, CourseMode

FILTERS = {
    "mode": "mode",
    "language": "language",
    "programme": "programme",
    "title": "audience_titles",
}


def filter_courses(index, params) -> dict:
    from .models import CoursePage

    courses = CoursePage.objects.live().child_of(index).order_by("title")
    chosen = {}
    for param, field in FILTERS.items():
        if value := params.get(param, "").strip():
            courses = courses.filter(**{field: value})
            chosen[param] = value
    if words := params.get("q", "").strip():
        courses = courses.filter(title__icontains=words)
        chosen["q"] = words
    programmes = (
        CoursePage.objects.live()
        .child_of(index)
        .exclude(programme="")
        .values_list("programme", flat=True)
        .distinct()
    )
    return {
        "courses": courses.distinct(),
        "chosen": chosen,
        "modes": CourseMode.choices,
        "languages": CourseLanguage.choices,
        "programmes": sorted(set(programmes)),
    }
