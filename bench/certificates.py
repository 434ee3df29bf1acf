"""Certificates at the scale of a large class, as the certificates issue
asks: issue certificates for 10,000 learners of one class (records, numbers
and Ed25519 signatures) and time it against the 60 s target; have
database queue workers (``manage.py db_worker``) render and store their
PDFs, branded with the issuer's logo, signature and seal, and report PDFs
per second per core against the 10/s target, with a worker's peak memory;
and the verification page's latency (p50, p95) over random certificates.

``python -m bench --certificates [--postgres URL]`` runs it, or alone:
``python -m bench.certificates [--learners N] [--pdfs N] [--workers N]
[--postgres URL]`` (a throw-away database: a temporary SQLite file, or
hocvien_bench_certs created and dropped on the given server)."""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import Report

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "hocvien_bench_certs"
TARGET_ISSUE_SECONDS = 60.0
TARGET_PDFS_PER_CORE = 10.0


def make_learners(count: int):
    """A course that gives certificates and ``count`` learners who completed
    it (people with units, birth dates and accounts), made in bulk."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Page

    from lms.certificates.models import CourseCertificate, Issuer
    from lms.org.data import Level
    from lms.org.models import Organisation, Person, Unit
    from lms.progress.data import EnrolmentStatus
    from lms.progress.models import Enrolment

    organisation = Organisation.objects.create(name="Hội LHPN", code="bench-cert")
    unit = Unit.add_root(
        name="Hội LHPN tỉnh Lào Cai",
        code="bench-cert-p",
        level=Level.PROVINCE,
        organisation=organisation,
    )
    course = Page.get_first_root_node().add_child(
        instance=Page(title="Kỹ năng hoạt động của chi hội trưởng", slug="bench-cert")
    )
    issuer = Issuer.objects.create(
        name="Học viện Phụ nữ Việt Nam",
        code="HVPN",
        unit=unit,
        signer_name="Trần Thị Quyên",
        signer_title="GIÁM ĐỐC",
        place="Hà Nội",
    )
    brand(issuer)
    CourseCertificate.objects.create(course=course, issuer=issuer)
    password = make_password(None)
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(
                username=f"bench-cert-{n:05d}",
                first_name=f"Nguyễn Thị Học Viên {n}",
                password=password,
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    born = datetime.date(1985, 1, 1)
    Person.objects.bulk_create(
        [
            Person(
                user=user,
                full_name=user.first_name,
                unit=unit,
                date_of_birth=born + datetime.timedelta(days=n % 3000),
                sort_key=f"{n:08d}",
            )
            for n, user in enumerate(users)
        ],
        batch_size=1000,
    )
    now = timezone.now()
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=user,
                course=course,
                status=EnrolmentStatus.COMPLETED,
                completed_at=now,
                cohort="class-bench",
            )
            for user in users
        ],
        batch_size=1000,
    )
    # Wagtail's search and reference index tasks for the page and images,
    # so that the workers timed below find only the PDFs.
    call_command(
        "db_worker", queue_name="*", batch=True, startup_delay=False, verbosity=0
    )
    return course, users


def scanned_image(title: str, size: tuple[int, int], draw_marks, scanned=True):
    """A Wagtail image like an academy's logo (drawn, ``scanned=False``),
    signature or seal (scanned): transparent, with ink marks, and scanner
    noise where scanned (flat colours would compress, and render,
    unrealistically fast)."""
    import io
    import random

    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw
    from wagtail.images.models import Image as WagtailImage

    picture = Image.new("RGBA", size, (0, 0, 0, 0))
    draw_marks(ImageDraw.Draw(picture), size)
    noise = random.Random(title)  # noqa: S311 (the same picture on every run)
    pixels = picture.load()
    for _ in range(size[0] * size[1] // 8 if scanned else 0):
        x, y = noise.randrange(size[0]), noise.randrange(size[1])
        r, g, b, a = pixels[x, y]
        if a:
            pixels[x, y] = (r, g, b, max(0, a - noise.randrange(90)))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return WagtailImage.objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.png")
    )


def brand(issuer) -> None:
    """The academy's logo, the director's signature and the seal, uploaded
    as staff do: a drawn logo, and a signature and seal scanned at 600 dpi
    (a 38 mm seal is 900 pixels across)."""

    def logo(draw, size):
        draw.ellipse((10, 10, size[0] - 10, size[1] - 10), fill=(20, 60, 160, 255))
        inset = size[0] // 5
        box = (inset, inset, size[0] - inset, size[1] - inset)
        draw.ellipse(box, fill=(250, 200, 0, 255))

    def signature(draw, size):
        points = [
            (x, size[1] // 2 + int(size[1] / 5 * ((x // 75) % 3 - 1)))
            for x in range(40, size[0] - 40, 24)
        ]
        draw.line(points, fill=(10, 20, 120, 255), width=12)

    def seal(draw, size):
        for inset, width in ((12, 24), (100, 10)):
            box = (inset, inset, size[0] - inset, size[1] - inset)
            draw.ellipse(box, outline=(200, 0, 0, 230), width=width)
        star = (size[0] // 2, size[1] // 2, size[0] // 6)
        draw.regular_polygon(star, 5, fill=(200, 0, 0, 230))

    issuer.logo = scanned_image("bench-logo", (1000, 1000), logo, scanned=False)
    issuer.signature = scanned_image("bench-chu-ky", (1400, 560), signature)
    issuer.seal = scanned_image("bench-con-dau", (900, 900), seal)
    issuer.save(update_fields=["logo", "signature", "seal"])


def issue(course, users) -> float:
    from lms.certificates import issuing

    started = time.perf_counter()
    made = issuing.issue_for(course_id=course.pk, users=users)
    elapsed = time.perf_counter() - started
    if made != len(users):
        raise RuntimeError(f"{made} certificates made for {len(users)} learners")
    return elapsed


def render(pdfs: int, workers: int) -> tuple[float, float, float, int]:
    """The PDFs issuing queued, rendered and stored by ``workers`` database
    queue workers (``manage.py db_worker``, as deployed), each taking whole
    tasks of 100 until ``pdfs`` are done: PDFs per second in all (worker
    start-up included), PDFs per second per worker once warm (its tasks
    after the first, which loads fonts and makes the images' renditions),
    the largest worker's peak memory in MB, and the mean PDF size in
    bytes."""
    from django.db import connection
    from django.db.models import Q

    from lms.certificates.issuing import RENDER_BATCH
    from lms.certificates.models import Certificate

    tasks = max(1, -(-pdfs // RENDER_BATCH))
    per_worker = -(-tasks // workers)
    command = [sys.executable, "manage.py", "db_worker", "--queue-name", "*"]
    command += ["--batch", "--max-tasks", str(per_worker), "--no-startup-delay"]
    command += ["--no-reload", "-v", "0"]
    connection.close()  # SQLite: leave the file to the workers
    started = time.perf_counter()
    running = [subprocess.Popen(command, cwd=ROOT) for _ in range(workers)]  # noqa: S603
    if any(process.wait() for process in running):
        raise RuntimeError("a db_worker failed")
    elapsed = time.perf_counter() - started
    stored = Certificate.objects.exclude(Q(pdf="") | Q(pdf__isnull=True))
    count = stored.count()
    if count < min(pdfs, tasks * RENDER_BATCH) - RENDER_BATCH:
        raise RuntimeError(f"only {count} PDFs were stored")
    sizes = [certificate.pdf.size for certificate in stored.order_by("pk")[:50]]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return count / elapsed, warm_rate(), peak, round(statistics.mean(sizes))


def warm_rate() -> float:
    """PDFs per second of a worker in its tasks after its first, from the
    queue's own start and finish times (0 when each worker ran one)."""
    from django_tasks_db.models import DBTaskResult

    from lms.certificates.issuing import RENDER_BATCH

    tasks = DBTaskResult.objects.filter(
        task_path__endswith="render_certificate_pdfs_task", finished_at__isnull=False
    ).order_by("started_at")
    seen, seconds, count = set(), 0.0, 0
    for task in tasks:
        worker = tuple(task.worker_ids)
        if worker in seen:
            seconds += (task.finished_at - task.started_at).total_seconds()
            count += RENDER_BATCH
        seen.add(worker)
    return count / seconds if seconds else 0.0


def verify(samples: int) -> list[float]:
    """Milliseconds of the public verification page (test client, the
    whole Django stack) for random certificates."""
    import random

    from django.test import Client
    from django.urls import reverse

    from lms.certificates.models import Certificate

    client = Client(HTTP_HOST="localhost")  # among the demo's ALLOWED_HOSTS
    ids = list(Certificate.objects.values_list("public_id", "signature"))
    timings = []
    for public_id, signature in random.sample(ids, min(samples, len(ids))):  # noqa: S311
        url = reverse("certificates:verify", args=[public_id])
        started = time.perf_counter()
        response = client.get(url, {"s": signature})
        timings.append((time.perf_counter() - started) * 1000)
        if b'data-verdict="valid"' not in response.content:
            raise RuntimeError(f"{url} did not say valid")
    return timings


def run(report: Report, learners: int, pdfs: int, workers: int) -> None:
    course, users = make_learners(learners)
    seconds = issue(course, users)
    report.add(f"issue {learners} certificates (records + signatures)", seconds, "s")
    report.add("  per second", learners / seconds, "/s")
    verdict = 1 if seconds <= TARGET_ISSUE_SECONDS else 0
    report.add(f"  target <= {TARGET_ISSUE_SECONDS:.0f} s met (1 = yes)", verdict, "")
    rate, warm, peak, size = render(pdfs, workers)
    label = f"render {pdfs} PDFs with {workers} db_worker(s): PDFs per second"
    report.add(label, rate, "/s")
    report.add("  per core, start-up and first task included", rate / workers, "/s")
    report.add("  per core once warm (tasks after a worker's first)", warm, "/s")
    report.add(
        f"  target >= {TARGET_PDFS_PER_CORE:.0f}/s per core, all in, met (1 = yes)",
        int(rate / workers >= TARGET_PDFS_PER_CORE),
        "",
    )
    report.add("  mean PDF size", size / 1024, "KB")
    report.add("  peak memory of a worker (RSS)", peak, "MB")
    timings = sorted(verify(200))
    report.add("verification page: p50", timings[len(timings) // 2], "ms")
    report.add("verification page: p95", timings[int(len(timings) * 0.95) - 1], "ms")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--pdfs", type=int, default=1000)
    parser.add_argument(
        "--workers", type=int, default=1, help="PDF workers (PostgreSQL only: >1)"
    )
    parser.add_argument("--postgres", help="server URL; default a SQLite file")
    args = parser.parse_args(argv)
    if args.workers > 1 and not args.postgres:
        parser.error("SQLite has no row locks to share a queue: one worker")
    var_dir = Path(tempfile.mkdtemp(prefix="hocvien-bench-certs-"))
    os.environ["HOCVIEN_VAR_DIR"] = str(var_dir)
    # The demo's settings: jobs go to the database queue, as in production,
    # so issuing is timed without the PDFs a worker renders afterwards.
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.site.settings.demo"
    os.environ["HOCVIEN_TASKS_BACKEND"] = "database"
    scratch = None
    if args.postgres:
        from bench.watch_endpoint import ScratchDatabase

        scratch = ScratchDatabase(args.postgres, DATABASE)
        scratch.create()
        os.environ["DATABASE_URL"] = scratch.url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        report = Report()
        run(report, args.learners, args.pdfs, args.workers)
        engine = connection.vendor
        connection.close()
        print(report.render(title=f"Certificates ({engine}, {os.cpu_count()} cores)"))
        return 0
    finally:
        if scratch is not None:
            scratch.drop()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
