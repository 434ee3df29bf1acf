"""The answers added up: per class (per question and instructor) and per
instructor across classes, in a constant number of queries."""

import dataclasses
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, Sum

from ..data import MemberStatus, QuestionKind, QuestionTarget
from ..models import ClassInstructor, ClassMember, EvaluationAnswer, Instructor
from .questions import SCORES


@dataclasses.dataclass(frozen=True)
class QuestionResult:
    """The answers to one question (about one instructor, for instructor
    questions). ``mean`` has one decimal; None when nobody scored it."""

    question_id: int
    text: str
    kind: str
    count: int = 0
    mean: Decimal | None = None
    distribution: tuple[int, ...] = (0, 0, 0, 0, 0)  # how many gave 1, 2, … 5
    comments: tuple[str, ...] = ()

    @property
    def is_likert(self) -> bool:
        return self.kind == QuestionKind.LIKERT

    @property
    def bars(self) -> list[tuple[int, int, str]]:
        """(score, how many, a text bar of up to 20 blocks) for 1 … 5."""
        most = max(self.distribution) or 1
        return [
            (score, n, "█" * round(20 * n / most))
            for score, n in zip(SCORES, self.distribution, strict=True)
        ]


@dataclasses.dataclass(frozen=True)
class InstructorSection:
    instructor_id: int
    name: str
    questions: tuple[QuestionResult, ...]
    count: int  # scores given on this instructor's scale questions
    mean: Decimal | None


@dataclasses.dataclass(frozen=True)
class ClassResults:
    evaluation_id: int
    class_id: int
    class_title: str
    anonymous: bool
    responses: int
    enrolled: int
    course: tuple[QuestionResult, ...]
    instructors: tuple[InstructorSection, ...]

    @property
    def response_rate(self) -> int | None:
        """Responses as a whole percentage of the enrolled learners."""
        return round(100 * self.responses / self.enrolled) if self.enrolled else None


@dataclasses.dataclass(frozen=True)
class InstructorClassResult:
    class_id: int
    class_code: str
    class_title: str
    starts_on: datetime.date
    count: int
    mean: Decimal | None


@dataclasses.dataclass(frozen=True)
class InstructorResults:
    """An instructor's scale answers across classes; the overall mean is
    weighted by answers (a class with more answers counts more)."""

    instructor_id: int
    name: str
    classes: tuple[InstructorClassResult, ...]
    count: int
    mean: Decimal | None


@dataclasses.dataclass(frozen=True)
class InstructorSummary:
    instructor_id: int
    name: str
    classes: int
    count: int
    mean: Decimal | None


def one_decimal(value) -> Decimal | None:
    """A mean rounded half up to one decimal (3.25 → 3.3)."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def class_instructors(training_class):
    """The instructors of a class, in the order of their links."""
    links = ClassInstructor.objects.filter(training_class=training_class)
    return [
        link.instructor for link in links.select_related("instructor").order_by("pk")
    ]


def class_results(*, evaluation) -> ClassResults:
    """Counts, means and distributions per question (per instructor for
    instructor questions), the comments, and responses against enrolled
    learners. Seven queries at most, whatever the number of responses."""
    questions = list(evaluation.questions.all())
    instructors = class_instructors(evaluation.training_class_id)
    answers = EvaluationAnswer.objects.filter(response__evaluation=evaluation)
    scores = {
        (row["question_id"], row["instructor_id"]): row
        for row in answers.filter(score__isnull=False)
        .values("question_id", "instructor_id")
        .annotate(
            count=Count("pk"),
            mean=Avg("score"),
            **{f"s{s}": Count("pk", filter=Q(score=s)) for s in SCORES},
        )
        .order_by()
    }
    comments = {}
    for question_id, instructor_id, text in (
        answers.exclude(text="")
        .values_list("question_id", "instructor_id", "text")
        .order_by("pk")
    ):
        comments.setdefault((question_id, instructor_id), []).append(text)

    def result(question, instructor_id=None):
        key = (question.pk, instructor_id)
        row = scores.get(key)
        return QuestionResult(
            question_id=question.pk,
            text=question.text,
            kind=question.kind,
            count=row["count"] if row else len(comments.get(key, ())),
            mean=one_decimal(row["mean"]) if row else None,
            distribution=tuple(row[f"s{s}"] for s in SCORES) if row else (0,) * 5,
            comments=tuple(comments.get(key, ())),
        )

    course = [q for q in questions if q.target == QuestionTarget.COURSE]
    about_instructor = [q for q in questions if q.target == QuestionTarget.INSTRUCTOR]
    return ClassResults(
        evaluation_id=evaluation.pk,
        class_id=evaluation.training_class_id,
        class_title=str(evaluation.training_class),
        anonymous=evaluation.anonymous,
        responses=evaluation.responses.count(),
        enrolled=ClassMember.objects.filter(
            training_class_id=evaluation.training_class_id,
            status=MemberStatus.ENROLLED,
        ).count(),
        course=tuple(result(q) for q in course),
        instructors=tuple(
            _instructor_section(
                instructor, [result(q, instructor.pk) for q in about_instructor]
            )
            for instructor in instructors
        ),
    )


def _instructor_section(instructor, results) -> InstructorSection:
    scored = [r for r in results if r.is_likert and r.count]
    # From the distributions, not the rounded means, so the mean is exact.
    total = sum(
        score * n
        for r in scored
        for score, n in zip(SCORES, r.distribution, strict=True)
    )
    count = sum(r.count for r in scored)
    return InstructorSection(
        instructor_id=instructor.pk,
        name=str(instructor),
        questions=tuple(results),
        count=count,
        mean=one_decimal(Decimal(total) / count) if count else None,
    )


def _instructor_scores(classes):
    """Scale answers about instructors in ``classes`` (a queryset)."""
    return EvaluationAnswer.objects.filter(
        instructor__isnull=False,
        score__isnull=False,
        question__kind=QuestionKind.LIKERT,
        response__evaluation__training_class__in=classes,
    )


def instructor_results(*, instructor, classes) -> InstructorResults:
    """``instructor``'s scale answers in each of ``classes`` (already scoped
    by the caller) that has some, newest class first, and overall. One
    query."""
    klass = "response__evaluation__training_class"
    rows = list(
        _instructor_scores(classes)
        .filter(instructor=instructor)
        .values(
            f"{klass}_id", f"{klass}__code", f"{klass}__title", f"{klass}__starts_on"
        )
        .annotate(count=Count("pk"), total=Sum("score"), mean=Avg("score"))
        .order_by(f"-{klass}__starts_on", f"{klass}__code")
    )
    count = sum(row["count"] for row in rows)
    total = sum(row["total"] for row in rows)
    return InstructorResults(
        instructor_id=instructor.pk,
        name=str(instructor),
        classes=tuple(
            InstructorClassResult(
                class_id=row[f"{klass}_id"],
                class_code=row[f"{klass}__code"],
                class_title=row[f"{klass}__title"],
                starts_on=row[f"{klass}__starts_on"],
                count=row["count"],
                mean=one_decimal(row["mean"]),
            )
            for row in rows
        ),
        count=count,
        mean=one_decimal(Decimal(total) / count) if count else None,
    )


def instructors_summary(*, classes) -> list[InstructorSummary]:
    """Every instructor scored in ``classes`` (already scoped by the
    caller), by name: overall mean weighted by answers, number of classes
    and of answers. Two queries."""
    rows = list(
        _instructor_scores(classes)
        .values("instructor_id")
        .annotate(
            count=Count("pk"),
            mean=Avg("score"),
            classes=Count("response__evaluation__training_class", distinct=True),
        )
        .order_by()
    )
    instructors = Instructor.objects.in_bulk([row["instructor_id"] for row in rows])
    summaries = [
        InstructorSummary(
            instructor_id=row["instructor_id"],
            name=str(instructors[row["instructor_id"]]),
            classes=row["classes"],
            count=row["count"],
            mean=one_decimal(row["mean"]),
        )
        for row in rows
    ]
    return sorted(summaries, key=lambda s: (s.name, s.instructor_id))
