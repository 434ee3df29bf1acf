"""SQL queries that must not grow with the size of a course (video/progress
issue): completing an item and re-computing course progress on courses of
10 and 500 items, and the course page of an enrolled learner for 10 and 200
lessons. The unit tests assert the counts are equal; this prints them.

Runs on the database ``python -m bench`` is configured with (SQLite by
default, PostgreSQL with --postgres), in autocommit as a request would. What
it makes stays in that bench database (a learner bench-q-*, pages with
slugs bench-q-*): deleting a 200-lesson course takes over a minute, since
every lesson deleted re-syncs the whole course's items.

``python -m bench.progress_queries [--postgres [URL]]`` runs it alone against
a throw-away database of its own (a temporary SQLite file, or
hocvien_bench_queries created and dropped on the given server)."""

import datetime
import json
import sys
import uuid

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

SIZES_ITEMS = (10, 500)
SIZES_LESSONS = (10, 200)
VIDEO_SECONDS = 600.0


def check(condition, detail):
    if not condition:
        raise RuntimeError(f"benchmark set-up went wrong: {detail}")


def count(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


# ------------------------------------------------------------ (b) completion
def completion_counts(learner, size: int, tag: str) -> dict:
    """Queries of the completion channel on a course of ``size`` video items,
    declared through the progress api as the unit test does."""
    from wagtail.models import Page

    from lms.progress import api
    from lms.progress.data import ItemKind, ItemSpec

    course = Page.get_first_root_node().add_child(
        instance=Page(title=f"Bench {size} items", slug=f"bench-q-{size}-{tag}")
    )
    api.sync_course_items(
        course=course,
        items=[
            ItemSpec(key=f"v{n}", kind=ItemKind.VIDEO, title=f"v{n}", duration=100.0)
            for n in range(size)
        ],
    )
    api.enrol(user=learner, course=course)
    # Some progress already, so the recount has completions to count.
    for n in range(5, 8):
        api.submit_completion(
            user=learner, course_id=course.pk, item_key=f"v{n}", source="bench"
        )

    def complete(key):
        return lambda: api.submit_completion(
            user=learner, course_id=course.pk, item_key=key, source="bench"
        )

    def watch_to_threshold():
        result = api.record_watch(
            user=learner,
            course_id=course.pk,
            item_key="v2",
            segments=[[0, 95]],
            position=95,
            since=timezone.now() - datetime.timedelta(hours=1),
        )
        check(result.completed, result)

    counts = {
        "submit_completion (course progress recomputed)": count(complete("v3")),
        "submit_completion again (already complete)": count(complete("v3")),
        "video report crossing 90% (watch+complete+recompute)": count(
            watch_to_threshold
        ),
        "course_progress (read)": count(
            lambda: api.course_progress(user=learner, course_id=course.pk)
        ),
    }
    summary = api.course_progress(user=learner, course_id=course.pk)
    check((summary.completed_items, summary.total_items) == (5, size), summary)
    return counts


# ------------------------------------------------------------ (c) course page
def build_course(catalogue, lessons: int, tag: str):
    """A course page with one module of ``lessons`` lessons, one ready video
    lecture each (as tests/courses/conftest.py builds them). Lessons are
    created live and the course is published once, which syncs its items."""
    from courses.models import CoursePage, LessonPage, ModulePage
    from media.data import VideoStatus
    from media.models import Video

    course = catalogue.add_child(
        instance=CoursePage(
            title=f"Bench course, {lessons} lessons",
            slug=f"course-{lessons}",
            learning_hours=8,
        )
    )
    module = course.add_child(instance=ModulePage(title="Phần 1", slug="phan-1"))
    for n in range(lessons):
        video = Video.objects.create(
            title=f"Bench {tag} {lessons}.{n}",
            file=ContentFile(b"x", name="clip.mp4"),
            status=VideoStatus.READY,
            duration=VIDEO_SECONDS,
            master_playlist="master.m3u8",
            output_dir=f"lectures/hls/bench-{tag}",
        )
        body = [
            {
                "type": "lecture",
                "value": {"video": video.pk, "threshold": 90, "required": True},
            }
        ]
        module.add_child(
            instance=LessonPage(
                title=f"Bài {n + 1}", slug=f"bai-{n + 1}", body=json.dumps(body)
            )
        )
    course.save_revision().publish()
    return course


def course_page_counts(learner, tag: str) -> dict:
    from wagtail.models import Site

    from courses.models import CatalogueIndexPage
    from lms.progress import api

    home = Site.objects.get(is_default_site=True).root_page
    catalogue = home.add_child(
        instance=CatalogueIndexPage(title="Bench", slug=f"bench-q-{tag}")
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(learner)
    counts = {}
    for lessons in SIZES_LESSONS:
        course = build_course(catalogue, lessons, tag)
        api.enrol(user=learner, course=course)
        keys = api.item_keys(course_id=course.pk)
        check(len(keys) == lessons, (len(keys), lessons))
        for key in keys[:3]:  # three lessons done: their ticks are shown
            api.submit_completion(
                user=learner, course_id=course.pk, item_key=key, source="bench"
            )
        client.get(course.url)  # warm-up: per-process caches (site, content types)

        def get(course=course, lessons=lessons):
            response = client.get(course.url)
            text = response.content.decode()
            check(response.status_code == 200, response.status_code)
            check("data-course-progress" in text, "not the enrolled learner's view")
            check(text.count(f'href="{course.url}') >= lessons, "lessons not listed")

        counts[lessons] = count(get)
    return {"course page, enrolled learner (GET)": counts}


# ------------------------------------------------------------ run and print
def measure() -> tuple[dict, dict]:
    tag = uuid.uuid4().hex[:8]
    learner = get_user_model().objects.create_user(username=f"bench-q-{tag}")
    by_size = {}
    for size in SIZES_ITEMS:
        for name, value in completion_counts(learner, size, tag).items():
            by_size.setdefault(name, {})[size] = value
    return by_size, course_page_counts(learner, tag)


def table(title: str, sizes, unit: str, rows: dict) -> str:
    width = max(len(name) for name in rows)
    heads = [f"{size} {unit}" for size in sizes]
    lines = [title, "-" * len(title)]
    lines.append(" " * width + "".join(f"{h:>12}" for h in heads) + "  constant")
    for name, counts in rows.items():
        values = [counts[size] for size in sizes]
        constant = "yes" if len(set(values)) == 1 else "NO"
        cells = "".join(f"{v:>12}" for v in values)
        lines.append(f"{name.ljust(width)}{cells}  {constant:>8}")
    return "\n".join(lines)


def run() -> tuple[str, bool]:
    """The printed tables, and True when every count is constant."""
    vendor = connection.vendor
    by_size, pages = measure()
    text = "\n\n".join(
        [
            table(
                f"SQL queries, completion channel ({vendor}; (b) in the issue)",
                SIZES_ITEMS,
                "items",
                by_size,
            ),
            table(
                f"SQL queries, course page ({vendor}; (c) in the issue)",
                SIZES_LESSONS,
                "lessons",
                pages,
            ),
        ]
    )
    constant = all(
        len(set(counts.values())) == 1
        for counts in [*by_size.values(), *pages.values()]
    )
    return text, constant


def main() -> int:
    import argparse

    from bench.__main__ import configure

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres",
        nargs="?",
        const="postgres://postgres@127.0.0.1:5432/postgres",
        help="server URL: a throw-away database hocvien_bench_queries is "
        "created and dropped on it; default SQLite",
    )
    args = parser.parse_args()
    scratch = None
    if args.postgres:
        from bench.watch_endpoint import ScratchDatabase

        scratch = ScratchDatabase(args.postgres, "hocvien_bench_queries")
        scratch.create()
    try:
        configure(scratch.url if scratch else None)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        text, constant = run()
        print(text, flush=True)
        if scratch:
            connection.close()
    finally:
        if scratch:
            scratch.drop()
    return 0 if constant else 1


if __name__ == "__main__":
    sys.exit(main())
