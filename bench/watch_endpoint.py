"""The watch-report endpoint (POST /progress/watch/) on PostgreSQL under
gunicorn, as the video/progress issue asks:

- closed loop: CLIENTS concurrent clients post reports back to back for
  ~20 s: requests/s and latency;
- open loop: 200 learners each post every 15 s, evenly staggered (~13.3
  requests/s), for 120 s: latency against the p95 <= 50 ms target, counted
  from the moment each report was due (no coordinated omission);
- then every learner's watched seconds in the database are compared with
  what was sent (no loss, no double count).

Learners are real enrolled users with a database session and the signed
token a lesson page hands the player (lms.progress.api.report_token); the
course is a real course page with ten 10-minute video lectures (Video rows
with a duration; nothing is transcoded). Each report is the body
media/static/lectures/player.js sends: the next ~15 s played since the last
one, advancing monotonically, sometimes folding in the previous body again
(the player re-sends what was not acknowledged), one in ten as the
text/plain of sendBeacon. Every response is checked: status 200 and the
watched share the client expects.

The server is gunicorn with lms.site.settings.production (DEBUG off), its
required variables set to throw-away values, 2 sync workers by default (the
machine and CI have 2 cores), and DATABASE_CONN_MAX_AGE=60 as the settings
default to (--conn-max-age 0 opens a connection per request, which halved
the throughput; PostgreSQL's own CPU is shown when connections outlive a
phase). The load generator runs
on the same cores, so its own CPU, gunicorn's, and the whole machine's are
printed per phase, with the SQL queries of one request of each kind.

Everything lives in a throw-away database (hocvien_bench_watch) created on
the server of --postgres (default postgres://postgres@127.0.0.1:5432/postgres)
and dropped at the end; the URL's own database is never touched.

    python -m bench.watch_endpoint [--postgres URL] [--conn-max-age 60] ...

Exit status 1 when a request failed or the stored data do not match what was
sent; the latency target is reported as PASS/FAIL, not in the exit status.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.report import Report

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DATABASE = "hocvien_bench_watch"
PATH = "/progress/watch/"
LESSONS = 10
VIDEO_SECONDS = 600.0
THRESHOLD = 0.9
TARGET_P95_MS = 50.0
RESEND_SHARE = 0.05  # reports that fold in the previous body again
BEACON_SHARE = 0.10  # reports sent as sendBeacon's text/plain
TIMEOUT = 30  # seconds, as the player's AbortSignal.timeout


def check(condition, detail):
    if not condition:
        raise RuntimeError(f"benchmark set-up went wrong: {detail}")


# ------------------------------------------------------------ database
class ScratchDatabase:
    """A database of our own on the server of ``server_url``: created empty,
    dropped at the end. Only names starting with hocvien_bench_ are used."""

    def __init__(self, server_url: str, name: str):
        if not name.startswith("hocvien_bench_"):
            raise ValueError(f"refusing to manage database {name!r}")
        self.server_url, self.name = server_url, name
        parts = urlsplit(server_url)
        self.url = urlunsplit(parts._replace(path=f"/{name}"))

    def _admin(self):
        import dj_database_url
        import psycopg

        config = dj_database_url.parse(self.server_url)
        return psycopg.connect(
            host=config["HOST"] or None,
            port=config["PORT"] or 5432,
            user=config["USER"] or None,
            password=config["PASSWORD"] or None,
            dbname=config["NAME"] or "postgres",
            autocommit=True,
            connect_timeout=10,
        )

    def create(self):
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def backend_pids(self) -> list[int]:
        """PostgreSQL processes serving our database now (stable only when
        the server keeps its connections: DATABASE_CONN_MAX_AGE > 0)."""
        with self._admin() as admin:
            rows = admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.name]
            ).fetchall()
        return [pid for (pid,) in rows]

    def server_version(self) -> str:
        with self._admin() as admin:
            return admin.execute("SHOW server_version").fetchone()[0].split()[0]


# ------------------------------------------------------------ learners
@dataclass
class Learner:
    index: int
    cookie: str
    tokens: list[str]  # one per video item, in lesson order
    item: int
    position: float  # where playback is in the current item
    watched: dict[int, float]  # item -> seconds acknowledged (from 0, contiguous)
    client: str = field(default_factory=lambda: secrets.token_hex(8))
    batch: int = 0
    previous: list | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_report(self, rng: random.Random) -> tuple[bytes, str, float]:
        """The next body the player would send, its content type, and the
        furthest second it covers (acknowledged only on a good answer)."""
        if self.position >= VIDEO_SECONDS:  # lesson done: open the next one
            self.item = (self.item + 1) % LESSONS
            self.position, self.previous = 0.0, None
            self.client, self.batch = secrets.token_hex(8), 0
        start = self.position
        # timeupdate fires every ~250 ms, so a 15 s flush is not exactly 15 s
        end = round(min(VIDEO_SECONDS, start + 15 + rng.uniform(-0.25, 0.25)), 3)
        segments = [[start, end]]
        if self.previous and rng.random() < RESEND_SHARE:
            segments.insert(0, self.previous)
        self.batch += 1
        body = {
            "token": self.tokens[self.item],
            "batch": self.batch,
            "client": self.client,
            "segments": segments,
            "position": end,
            "duration": VIDEO_SECONDS,
        }
        beacon = rng.random() < BEACON_SHARE
        kind = "text/plain;charset=UTF-8" if beacon else "application/json"
        return json.dumps(body).encode(), kind, end

    def acknowledge(self, end: float):
        self.previous = [self.position, end]
        self.position = end
        self.watched[self.item] = max(self.watched.get(self.item, 0.0), end)

    def expected_share(self, end: float) -> float:
        return min(1.0, max(self.watched.get(self.item, 0.0), end) / VIDEO_SECONDS)


def build_course():
    """A course page with one module of LESSONS lessons, a 10-minute lecture
    each; publishing the course declares its items to lms.progress."""
    from wagtail.models import Site

    from bench.progress_queries import build_course as build_lessons
    from courses.items import course_item_specs
    from courses.models import CatalogueIndexPage

    home = Site.objects.get(is_default_site=True).root_page
    catalogue = home.add_child(
        instance=CatalogueIndexPage(title="Khóa học", slug="khoa-hoc")
    )
    course = build_lessons(catalogue, LESSONS, "watch")
    keys = [spec.key for spec in course_item_specs(course)]
    check(len(keys) == LESSONS, keys)
    return course, keys


def make_learners(count: int) -> tuple[object, list[str], list[Learner]]:
    """Enrolled learners, each logged in (a database session) with a token
    per lecture, each already part-way into one lesson (spread evenly), so
    that completions happen during the run as they would in real life."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone
    from freezegun import freeze_time

    from lms.progress import api

    course, keys = build_course()
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    learners = []
    for n in range(count):
        user = get_user_model().objects.create_user(username=f"hoc-vien-{n:03d}")
        api.enrol(user=user, course=course, source="bench")
        client = Client()
        client.force_login(user)
        with freeze_time(long_ago):  # see allow_clock
            tokens = [
                api.report_token(user=user, course_id=course.pk, item_key=key)
                for key in keys
            ]
        item = n % LESSONS
        head_start = round(n / count * (VIDEO_SECONDS - 60), 3)
        watched = {}
        if head_start:
            api.record_watch(
                user=user,
                course_id=course.pk,
                item_key=keys[item],
                segments=[[0, head_start]],
                position=head_start,
                since=long_ago,
            )
            watched[item] = head_start
        name = settings.SESSION_COOKIE_NAME
        cookie = f"{name}={client.cookies[name].value}"
        learners.append(Learner(n, cookie, tokens, item, head_start, watched))
    return course, keys, learners


def allow_clock():
    """The loops send a learner's reports faster than anyone can watch (the
    closed loop several a second), which record_watch's clock rule (no more
    than 2x speed since the last report, the slack given once) refuses. As if
    each learner had paused for an hour: tokens are issued an hour early
    (make_learners) and, before each phase, the records' last report too."""
    from django.db import connection
    from django.utils import timezone

    from lms.progress.models import WatchRecord

    WatchRecord.objects.update(reported_at=timezone.now() - datetime.timedelta(hours=1))
    connection.close()


def queries_per_report(course, keys) -> dict[str, int]:
    """SQL queries of whole requests (session, user, report), through
    Django's test client on the same database, for a learner of its own."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from freezegun import freeze_time

    from lms.progress import api

    user = get_user_model().objects.create_user(username="bench-probe")
    api.enrol(user=user, course=course, source="bench")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    with freeze_time(timezone.now() - datetime.timedelta(hours=1)):
        tokens = [
            api.report_token(user=user, course_id=course.pk, item_key=key)
            for key in keys[:2]
        ]
    # Lecture 2 is already watched up to 530 s (the clock rule would refuse
    # that much in one report so soon after the page was served).
    api.record_watch(
        user=user,
        course_id=course.pk,
        item_key=keys[1],
        segments=[[0, 530]],
        position=530,
        since=timezone.now() - datetime.timedelta(hours=1),
    )

    def post(lecture, start, end):
        body = {"token": tokens[lecture], "segments": [[start, end]], "position": end}
        allow_clock()  # four reports in a row, faster than the clock allows
        with CaptureQueriesContext(connection) as queries:
            response = client.post(PATH, body, content_type="application/json")
        check(response.status_code == 200, response.content)
        return len(queries)

    counts = {
        "first report of a lecture": post(0, 0, 15),
        "next report": post(0, 15, 30),
    }
    counts["report crossing 90% (completes the lecture)"] = post(1, 530, 545)
    counts["report after completion"] = post(1, 545, 560)
    return counts


# ------------------------------------------------------------ HTTP client
class Poster:
    """One keep-alive connection (http.client reconnects by itself when a
    sync worker closes it) and a random source of its own."""

    def __init__(self, port: int, seed: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.rng = random.Random(seed)  # noqa: S311 - load shape, not secrets

    def report(self, learner: Learner) -> str | None:
        """Post the learner's next report; None when the answer is right,
        else what was wrong (nothing is acknowledged then: the next report
        starts at the same second, as the player would re-send)."""
        body, kind, end = learner.next_report(self.rng)
        headers = {
            "Content-Type": kind,
            "Cookie": learner.cookie,
            "X-Forwarded-Proto": "https",  # as the nginx of deploy/README.md sets
        }
        try:
            self.connection.request("POST", PATH, body, headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            return f"{type(error).__name__}: {error}"
        if response.status != 200:
            return f"HTTP {response.status}: {data[:200]!r}"
        try:
            answer = json.loads(data)
        except ValueError:
            return f"not JSON: {data[:200]!r}"
        share = learner.expected_share(end)
        if (
            answer.get("ok") is not True
            or abs(answer.get("watched_share", -1) - round(share, 4)) > 1.5e-4
            or answer.get("completed") != (share >= THRESHOLD)
        ):
            return f"unexpected answer {answer} (expected share {share:.4f})"
        learner.acknowledge(end)
        return None


# ------------------------------------------------------------ CPU accounting
TICK = os.sysconf("SC_CLK_TCK")


def process_cpu(pids) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
    return total


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def machine_busy() -> tuple[float, float]:
    """Busy and total seconds (all cores) since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / TICK, sum(values[:8]) / TICK


class CpuMeter:
    """CPU seconds over a phase: ours, gunicorn's, the machine's, and that of
    the PostgreSQL backends serving the bench when ``database_pids`` (a
    function) finds the same ones before and after (persistent connections
    that outlive the phase)."""

    def __init__(self, server_pids, database_pids=None):
        self.server_pids, self.database_pids = server_pids, database_pids

    def __enter__(self):
        self.backends = sorted(self.database_pids()) if self.database_pids else []
        self.wall = time.perf_counter()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.client = usage.ru_utime + usage.ru_stime
        self.server = process_cpu(self.server_pids)
        self.database = process_cpu(self.backends)
        self.busy, self.total = machine_busy()
        return self

    def __exit__(self, *exc):
        wall = time.perf_counter() - self.wall
        usage = resource.getrusage(resource.RUSAGE_SELF)
        busy, total = machine_busy()
        cores = (total - self.total) / wall  # ~ number of cores
        self.figures = {
            "client": 100 * (usage.ru_utime + usage.ru_stime - self.client) / wall,
            "gunicorn": 100 * (process_cpu(self.server_pids) - self.server) / wall,
            "machine": 100 * (busy - self.busy) / wall,
            "cores": cores,
        }
        self.figures["rest"] = (
            self.figures["machine"] - self.figures["client"] - self.figures["gunicorn"]
        )
        database = process_cpu(self.backends) - self.database
        if self.backends and sorted(self.database_pids()) == self.backends:
            self.figures["postgres"] = 100 * database / wall
            self.figures["rest"] -= self.figures["postgres"]


# ------------------------------------------------------------ load phases
@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)  # seconds
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    lag: list[float] = field(default_factory=list)  # open loop: start - schedule


def closed_loop(port, learners, clients: int, seconds: float) -> Outcome:
    """``clients`` threads, each with its own share of the learners, posting
    back to back until the time is up."""
    outcome, lock = Outcome(), threading.Lock()
    deadline = time.perf_counter() + seconds

    def work(number):
        poster = Poster(port, seed=number)
        mine = learners[number::clients]
        latencies, errors, n = [], [], 0
        while time.perf_counter() < deadline:
            learner = mine[n % len(mine)]
            n += 1
            started = time.perf_counter()
            with learner.lock:
                error = poster.report(learner)
            latencies.append(time.perf_counter() - started)
            if error:
                errors.append(error)
        poster.connection.close()
        with lock:
            outcome.latencies += latencies
            outcome.errors += errors

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.wall = time.perf_counter() - started
    return outcome


def open_loop(port, learners, every: float, seconds: float, poster=None) -> Outcome:
    """Each learner posts every ``every`` seconds, the learners evenly
    staggered. Latency counts from the scheduled moment, so a request
    waiting for a free client thread is not hidden (no coordinated
    omission). ``poster``: the class of each thread's client (Poster by
    default), made with (port, seed); its ``report(learner)`` sends the
    learner's next request and answers None or what was wrong."""
    poster = poster or Poster
    outcome, lock = Outcome(), threading.Lock()
    local = threading.local()
    gap = every / len(learners)
    count = int(seconds / gap)

    def send(learner, scheduled):
        if not hasattr(local, "poster"):
            local.poster = poster(port, seed=threading.get_ident())
        outcome.lag.append(time.perf_counter() - scheduled)
        with learner.lock:
            error = local.poster.report(learner)
        latency = time.perf_counter() - scheduled
        with lock:
            outcome.latencies.append(latency)
            if error:
                outcome.errors.append(error)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=32) as pool:
        for n in range(count):
            scheduled = started + n * gap
            pause = scheduled - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            pool.submit(send, learners[n % len(learners)], scheduled)
    outcome.wall = time.perf_counter() - started
    return outcome


def percentile(samples, share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


# ------------------------------------------------------------ server
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(
    env, port: int, workers: int, worker_class: str, log: Path, probe=(PATH, 405)
):
    """gunicorn serving the site; ready once GET ``probe[0]`` answers the
    status ``probe[1]`` (the default: a POST-only URL routed to its view)."""
    command = [sys.executable, "-m", "gunicorn", "lms.site.wsgi"]
    command += ["--workers", str(workers), "--worker-class", worker_class]
    command += ["--bind", f"127.0.0.1:{port}", "--error-logfile", str(log)]
    command += ["--log-level", "warning", "--chdir", str(REPO)]
    with log.open("ab") as output:  # Django's console logging lands there too
        server = subprocess.Popen(  # noqa: S603 - our own command line
            command, env=env, stdout=output, stderr=output, start_new_session=True
        )
    deadline = time.monotonic() + 60
    path, expected = probe
    while True:  # the app answers once a worker has loaded it
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            status = connection.getresponse().status
            connection.close()
            if status == expected:
                return server
            stop_gunicorn(server)  # not left running behind the error
            raise RuntimeError(f"GET {path} answered {status}; see {log}")
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                stop_gunicorn(server)
                raise RuntimeError(f"gunicorn did not start; see {log}") from None
            time.sleep(0.2)


def stop_gunicorn(server):
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# ------------------------------------------------------------ checks
def verify(course, keys, learners) -> tuple[int, float, int]:
    """Compare the database with what the learners sent and had acknowledged:
    (records checked, largest difference in seconds, wrong completions)."""
    from lms.progress.models import ItemCompletion, WatchRecord

    by_key = {key: n for n, key in enumerate(keys)}
    stored = {
        (int(r.user.username.rsplit("-", 1)[1]), by_key[r.item.key]): r.watched_seconds
        for r in WatchRecord.objects.filter(
            item__course=course, user__username__startswith="hoc-vien-"
        ).select_related("user", "item")
    }
    completed = {
        (int(username.rsplit("-", 1)[1]), by_key[key])
        for username, key in ItemCompletion.objects.filter(
            item__course=course, user__username__startswith="hoc-vien-"
        ).values_list("user__username", "item__key")
    }
    expected = {
        (learner.index, item): seconds
        for learner in learners
        for item, seconds in learner.watched.items()
    }
    if stored.keys() != expected.keys():
        missing = expected.keys() - stored.keys()
        extra = stored.keys() - expected.keys()
        raise AssertionError(f"records missing {missing} / unexpected {extra}")
    worst = max(abs(stored[k] - expected[k]) for k in expected)
    should_complete = {k for k, s in expected.items() if s / VIDEO_SECONDS >= THRESHOLD}
    wrong = len(completed ^ should_complete)
    return len(expected), worst, wrong


# ------------------------------------------------------------ report
class Figures(Report):
    """bench.report's layout; counts shown as whole numbers."""

    WHOLE = {"B", "requests", "errors", "records", "queries"}

    def render(self, *, title: str) -> str:
        width = max(len(name) for name, _value, _unit in self.rows)
        lines = [title, "-" * len(title)]
        for name, value, unit in self.rows:
            shown = f"{value:,.0f}" if unit in self.WHOLE else f"{value:.3f}"
            lines.append(f"{name.ljust(width)}  {shown:>10} {unit}")
        return "\n".join(lines)


def add_phase(
    report, label, outcome: Outcome, cpu: CpuMeter, noun="request", rate="req/s"
):
    ms = [s * 1000 for s in outcome.latencies]
    report.add(f"{label}: {noun}s", len(ms), f"{noun}s")
    report.add(f"{label}: throughput", len(ms) / outcome.wall, rate)
    for name, share in [("p50", 0.50), ("p95", 0.95), ("p99", 0.99)]:
        report.add(f"{label}: latency {name}", percentile(ms, share), "ms")
    report.add(f"{label}: latency max", max(ms), "ms")
    report.add(f"{label}: errors", len(outcome.errors), "errors")
    if outcome.lag:
        report.add(
            f"{label}: client send lag p99", percentile(outcome.lag, 0.99) * 1000, "ms"
        )
    per_request = 10 * outcome.wall / max(1, len(ms))  # % of a core -> ms
    report.add(
        f"{label}: gunicorn CPU per {noun}",
        cpu.figures["gunicorn"] * per_request,
        "ms",
    )
    postgres = "postgres" in cpu.figures
    if postgres:
        report.add(
            f"{label}: PostgreSQL CPU per {noun}",
            cpu.figures["postgres"] * per_request,
            "ms",
        )
    cores = cpu.figures["cores"]
    names = {
        "client": "CPU of this load generator",
        "gunicorn": "CPU of gunicorn (master + workers)",
        "postgres": "CPU of PostgreSQL serving the bench",
        "machine": f"CPU busy, whole machine ({cores:.0f} cores = {cores:.0f}00%)",
        "rest": "CPU of the rest (other users)"
        if postgres
        else "CPU of the rest (PostgreSQL + other users)",
    }
    for who, what in names.items():
        if who in cpu.figures:
            report.add(f"{label}: {what}", cpu.figures[who], "%")


# ------------------------------------------------------------ main
def server_env(scratch: ScratchDatabase, var_dir: Path, conn_max_age: int) -> dict:
    """The environment of gunicorn (and of the bench process, which builds
    the data with the same settings): production settings, their required
    variables set to throw-away values, everything kept in ``var_dir``."""
    (var_dir / "static").mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.site.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": scratch.url,
        "DATABASE_CONN_MAX_AGE": str(conn_max_age),
        "HOCVIEN_VAR_DIR": str(var_dir),
        "HOCVIEN_TASKS_BACKEND": "database",
        "LOG_LEVEL": "WARNING",
    }


def log_problems(log: Path) -> list[str]:
    """The lines of gunicorn's log, but for the readiness probe's."""
    return [
        line
        for line in (log.read_text() if log.exists() else "").splitlines()
        if line.strip() and f"Method Not Allowed (GET): {PATH}" not in line
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres",
        default=DEFAULT_SERVER,
        help=f"server URL; the database {DATABASE} is created and dropped on it",
    )
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--every", type=float, default=15.0, help="report interval")
    parser.add_argument("--clients", type=int, default=8, help="closed-loop clients")
    parser.add_argument("--closed-seconds", type=float, default=20.0)
    parser.add_argument("--open-seconds", type=float, default=120.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DATABASE_CONN_MAX_AGE of the server (the settings' default: 60); "
        "PostgreSQL's CPU is shown when connections outlive a phase",
    )
    args = parser.parse_args(argv)

    scratch = ScratchDatabase(args.postgres, DATABASE)
    var_dir = Path(tempfile.mkdtemp(prefix="hocvien-bench-watch-"))
    env = server_env(scratch, var_dir, args.conn_max_age)
    os.environ.update(env)
    print(f"watch endpoint: setting up {args.learners} learners in {scratch.name} ...")
    scratch.create()
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        course, keys, learners = make_learners(args.learners)
        setup_seconds = time.perf_counter() - started
        per_report = queries_per_report(course, keys)
        connection.close()  # the bench process holds no connection during load

        import gunicorn

        port = free_port()
        log = var_dir / "gunicorn.log"
        server = start_gunicorn(env, port, args.workers, args.worker_class, log)
        pids = [server.pid, *children(server.pid)]
        load_before = os.getloadavg()
        print(
            f"gunicorn {gunicorn.__version__} on 127.0.0.1:{port}, "
            f"{args.workers} {args.worker_class} workers; load average before "
            f"{load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}",
            flush=True,
        )
        allow_clock()
        warm = closed_loop(port, learners, args.clients, 3)  # imports, connections
        # With persistent connections PostgreSQL's share can be measured too.
        database_pids = scratch.backend_pids if args.conn_max_age else None
        report = Figures()
        report.add("setup: migrate + course + learners", setup_seconds, "s")
        report.add("warm-up (not measured): errors", len(warm.errors), "errors")
        for name, value in per_report.items():
            report.add(f"SQL queries per request: {name}", value, "queries")

        allow_clock()
        with CpuMeter(pids, database_pids) as cpu:
            closed = closed_loop(port, learners, args.clients, args.closed_seconds)
        add_phase(report, f"closed loop, {args.clients} clients", closed, cpu)
        print(f"closed loop done ({len(closed.latencies)} requests)", flush=True)

        time.sleep(2)
        rate = args.learners / args.every
        allow_clock()
        with CpuMeter(pids, database_pids) as cpu:
            opened = open_loop(port, learners, args.every, args.open_seconds)
        label = f"open loop, {args.learners} learners every {args.every:g} s"
        add_phase(report, label, opened, cpu)
        stop_gunicorn(server)

        records, worst, wrong = verify(course, keys, learners)
        report.add(
            "data check: (learner, lecture) records compared", records, "records"
        )
        report.add("data check: largest difference watched vs sent", worst, "s")
        report.add("data check: completions not matching 90%", wrong, "errors")
        connection.close()

        version = scratch.server_version()
        title = (
            f"Watch-report endpoint: gunicorn {gunicorn.__version__}, "
            f"{args.workers} {args.worker_class} workers, PostgreSQL {version}, "
            f"DATABASE_CONN_MAX_AGE={args.conn_max_age}, {os.cpu_count()} cores"
        )
        print(report.render(title=title))
        p95 = percentile(opened.latencies, 0.95) * 1000
        verdict = "PASS" if p95 <= TARGET_P95_MS else "FAIL"
        print(
            f"open loop ({rate:.1f} req/s for {opened.wall:.0f} s): p95 {p95:.1f} ms, "
            f"target <= {TARGET_P95_MS:.0f} ms: {verdict}"
        )
        load_after = os.getloadavg()
        print(
            f"load average after: {load_after[0]:.2f} {load_after[1]:.2f} "
            f"{load_after[2]:.2f} (before: {load_before[0]:.2f})"
        )
        failures = warm.errors + closed.errors + opened.errors
        for error in sorted(set(failures))[:10]:
            print(f"  error: {error}")
        problems = log_problems(log)
        if problems:
            print("gunicorn log:\n" + "\n".join(problems[-40:]))
        ok = not failures and worst < 1e-6 and not wrong
        print(f"data and answers: {'all correct' if ok else 'WRONG'}", flush=True)
        return 0 if ok else 1
    finally:
        if server is not None:
            stop_gunicorn(server)
        scratch.drop()
        shutil.rmtree(var_dir, ignore_errors=True)


def run(postgres: str | None, module: str = "bench.watch_endpoint") -> int:
    """For ``python -m bench --watch`` (and --scorm): ``module`` in a process
    of its own, since it needs production settings and its own database, not
    the bench's."""
    command = [sys.executable, "-m", module]
    if postgres:
        command += ["--postgres", postgres]
    return subprocess.run(command, cwd=REPO, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
