"""QR check-in under load, as the training issue asks: 100 learners of one
class scan the session screen's code within one minute, each at a random
moment, on gunicorn (2 sync workers) and PostgreSQL with production
settings; and the weight of the check-in page.

Each learner is a real enrolled member with a logged-in session. At their
moment they open the check-in URL of the code the screen shows then (the
code changes every 15 s; the bench signs it with the server's key, as the
screen page does), read the claim and CSRF token from the page, and send
it: latency of the page (GET), of the check-in (POST) and of both, counted
from the moment the learner was due (no coordinated omission). Every answer
must say "checked in"; afterwards there must be exactly one attendance, one
accepted code and one progress completion per learner.

    python -m bench.check_in [--postgres URL] [--learners 100] [--seconds 60]

Exit status 1 when a check-in failed or the stored data is wrong; the
latency is reported, not judged.
"""

import argparse
import datetime
import gzip
import http.client
import os
import random
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path

from bench import watch_endpoint as watch
from bench.report import Report

DATABASE = "hocvien_bench_checkin"
ROTATE_SECONDS = 15


def build_class(count: int):
    """A class of ``count`` enrolled learners with a session going on now;
    returns (session, cookies of the learners' logged-in sessions)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone
    from wagtail.models import Page

    from lms.org.data import Level
    from lms.org.models import Organisation, Unit
    from lms.training import enrolment
    from lms.training.models import Session, TrainingClass

    organisation = Organisation.objects.create(name="Hội LHPN", code="bench")
    province = Unit.add_root(
        name="Tỉnh", code="bench-p", level=Level.PROVINCE, organisation=organisation
    )
    root = Page.get_first_root_node()
    course = root.add_child(instance=Page(title="Khóa học", slug="bench-course"))
    today = timezone.localdate()
    training_class = TrainingClass.objects.create(
        course=course,
        code="bench-class",
        title="Lớp bồi dưỡng",
        organiser=province,
        starts_on=today,
        ends_on=today,
        status="published",
    )
    start = timezone.localtime() - datetime.timedelta(minutes=5)
    if start.date() != today or start.hour >= 21:
        start = start.replace(hour=7, minute=0)
    session = Session.objects.create(
        training_class=training_class,
        title="Buổi 1",
        date=today,
        start_time=start.time().replace(microsecond=0),
        end_time=datetime.time(23, 59),
    )
    users = [
        get_user_model().objects.create_user(
            username=f"hoc-vien-{n:03d}", first_name=f"Học viên {n}"
        )
        for n in range(count)
    ]
    enrolment.enrol_people(training_class=training_class, users=users, by=None)
    cookies = []
    for user in users:
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        cookies.append(f"{name}={client.cookies[name].value}")
    return session, cookies


class Screen:
    """The session screen: a code that changes every ROTATE_SECONDS."""

    def __init__(self, session):
        self.session, self.lock = session, threading.Lock()
        self.code, self.made = None, 0.0

    def current(self) -> str:
        from lms.training import checkin

        with self.lock:
            if self.code is None or time.monotonic() - self.made > ROTATE_SECONDS:
                self.code, self.made = (
                    checkin.screen_code(self.session),
                    time.monotonic(),
                )
            return self.code


def scan(port, session_id, screen, cookie, due, results, errors):
    """One learner: open the page of the current code, then check in."""
    time.sleep(max(0.0, due - time.perf_counter()))
    path = f"/diem-danh/{session_id}/{screen.current()}/"
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        page = response.read().decode()
        opened = time.perf_counter()
        csrf = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        claim = re.search(r'name="claim" value="([^"]+)"', page)
        if response.status != 200 or not (csrf and token and claim):
            raise RuntimeError(f"GET {response.status}: {page[-300:]}")
        body = f"csrfmiddlewaretoken={token.group(1)}&claim={claim.group(1)}"
        connection.request(
            "POST",
            path,
            body=body,
            headers={
                "Cookie": f"{cookie}; csrftoken={csrf.group(1)}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        answer = response.read()
        done = time.perf_counter()
        connection.close()
        if response.status != 200 or b'class="ok"' not in answer:
            raise RuntimeError(f"POST {response.status}: {answer[-300:]!r}")
        results.append(
            (opened - due, done - opened, done - due, len(page), len(answer))
        )
    except Exception as error:  # noqa: BLE001 - every failure is counted
        errors.append(str(error)[:300])


def load(port, session, cookies, seconds: float):
    screen = Screen(session)
    start = time.perf_counter() + 1.0
    results, errors, threads = [], [], []
    for cookie in cookies:
        due = start + random.uniform(0, seconds)  # noqa: S311 - a load pattern
        thread = threading.Thread(
            target=scan,
            args=(port, session.pk, screen, cookie, due, results, errors),
        )
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    return results, errors


def page_weight(port, session, cookie) -> dict:
    """Bytes of the check-in page as a logged-in learner and as one who must
    log in on it (raw and gzip-6, as nginx would send it)."""
    from lms.training import checkin

    weights = {}
    for label, headers in [("logged in", {"Cookie": cookie}), ("to log in", {})]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        path = f"/diem-danh/{session.pk}/{checkin.screen_code(session)}/"
        connection.request("GET", path, headers=headers)
        body = connection.getresponse().read()
        connection.close()
        weights[label] = (len(body), len(gzip.compress(body, 6)))
    return weights


def verify(session, count: int) -> list[str]:
    from lms.progress.models import ItemCompletion
    from lms.training.models import Attendance, CheckIn

    problems = []
    attended = Attendance.objects.filter(
        session=session, status__in=["present", "late"]
    )
    if attended.count() != count or attended.values("user").distinct().count() != count:
        problems.append(f"{attended.count()} attendance marks for {count} learners")
    if CheckIn.objects.filter(session=session).count() != count:
        problems.append("accepted codes do not match the learners")
    completions = ItemCompletion.objects.filter(item__key=session.item_key).count()
    if completions != count:
        problems.append(f"{completions} progress completions for {count} learners")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=watch.DEFAULT_SERVER)
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)

    scratch = watch.ScratchDatabase(args.postgres, DATABASE)
    var_dir = Path(tempfile.mkdtemp(prefix="hocvien-bench-checkin-"))
    env = watch.server_env(scratch, var_dir, conn_max_age=60)
    os.environ.update(env)
    scratch.create()
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        session, cookies = build_class(args.learners)
        connection.close()
        port = watch.free_port()
        log = var_dir / "gunicorn.log"
        server = watch.start_gunicorn(
            env,
            port,
            args.workers,
            "sync",
            log,
            probe=(f"/diem-danh/{session.pk}/x/", 400),
        )
        weights = page_weight(port, session, cookies[0])
        print(f"check-in: {args.learners} learners within {args.seconds:g} s ...")
        results, errors = load(port, session, cookies, args.seconds)
        watch.stop_gunicorn(server)
        problems = verify(session, args.learners - len(errors))
        connection.close()

        report = Report()
        for label, (raw, packed) in weights.items():
            report.add(f"check-in page ({label}): raw", raw / 1024, "KB")
            report.add(f"check-in page ({label}): gzip", packed / 1024, "KB")
        report.add("check-in page: requests (no CSS, script or image)", 1, "requests")
        if results:
            for index, name in enumerate(["page (GET)", "check-in (POST)", "both"]):
                samples = [row[index] * 1000 for row in results]
                report.add(f"{name}: p50", watch.percentile(samples, 0.5), "ms")
                report.add(f"{name}: p95", watch.percentile(samples, 0.95), "ms")
                report.add(f"{name}: max", max(samples), "ms")
        report.add("check-ins failed", len(errors), "errors")
        report.add("stored data problems", len(problems), "errors")
        title = (
            f"QR check-in: {args.learners} learners in {args.seconds:g} s, "
            f"gunicorn {args.workers} sync workers, PostgreSQL "
            f"{scratch.server_version()}, {os.cpu_count()} cores"
        )
        print(report.render(title=title))
        for line in sorted(set(errors))[:5] + problems:
            print(f"  problem: {line}")
        return 1 if errors or problems else 0
    finally:
        if server is not None:
            watch.stop_gunicorn(server)
        scratch.drop()
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
