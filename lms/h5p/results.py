"""What the admin's results pages read: whose results a user may see, and
each learner's standing and last answers in an activity. Queries only read."""

from lms.org import api as org

from .models import Result, Statement

RESULTS_PERMISSION = "h5p.view_h5p_results"


def may_see_results(user) -> bool:
    """Superusers and holders of h5p.view_h5p_results (active ones)."""
    return user.is_authenticated and user.has_perm(RESULTS_PERMISSION)


def results_visible_to(user):
    """Every result for a superuser; for others with the results permission
    those of people in the units they manage; none otherwise."""
    if not may_see_results(user):
        return Result.objects.none()
    if user.is_superuser:
        return Result.objects.all()
    people = org.people_visible_to(user).filter(user__isnull=False)
    return Result.objects.filter(user__in=people.values("user"))


def content_results(user, content):
    """One row per learner and lesson placing ``content``, newest first."""
    return (
        results_visible_to(user)
        .filter(content=content)
        .select_related("user", "course")
        .order_by("-last_activity_at", "-pk")
    )


def learner_statements(result: Result):
    """What the learner did in the activity, newest first: answers of the
    whole activity and of its parts (a Question Set's questions)."""
    return (
        Statement.objects.filter(
            user=result.user_id, course=result.course_id, item_key=result.item_key
        )
        .select_related("version")
        .only(
            "verb",
            "object_id",
            "top_level",
            "result",
            "score_scaled",
            "timestamp",
            "version__number",
            "raw",
        )
        .order_by("-timestamp", "-stored")
    )


def statement_label(statement: Statement) -> str:
    """What a statement is about, in words the content gave it (the
    question's text where H5P sends it), else its object id."""
    definition = ((statement.raw or {}).get("object") or {}).get("definition") or {}
    names = definition.get("name") or definition.get("description") or {}
    if isinstance(names, dict) and names:
        return str(next(iter(names.values())))[:300]
    return statement.object_id.rsplit("=", 1)[-1]


def verb_label(statement: Statement) -> str:
    return statement.verb.rstrip("/").rsplit("/", 1)[-1]
