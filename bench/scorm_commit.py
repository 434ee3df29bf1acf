"""The SCORM runtime commit endpoint (POST /scorm/play/<token>/commit/) on
PostgreSQL under gunicorn, as the SCORM issue asks:

- closed loop at 1, 10, 50 and 200 concurrent learners, each learner
  starting a session (deliver) and then committing ~20 cycles of (lesson
  location, 1 KiB of suspend data, score, status) and a final commit that
  terminates and completes, each commit sent as soon as the previous answer
  came back: commit cycles/s, latency and the server's CPU per commit (at
  least 20 learners per level, one after another when fewer run at once,
  so that one at a time still gives ~400 commits to measure);
- open loop: 200 learners each committing every 10 s, evenly staggered,
  for 120 s: latency against the p95 <= 50 ms target, counted from the
  moment each commit was due (no coordinated omission);
- overlap: 50 learners each firing their commits with up to 6 in flight at
  once, as a browser does; afterwards every learner's stored data must be
  the values of that learner's last commit (nothing lost, nothing mixed);
- the SQL queries of one commit of each kind, completing one included, on a
  course with 10 and with 500 other items: they must be equal.

Learners are real enrolled users with the signed launch token a lesson page
hands the player (lms.scorm.launch); the package is the real
RuntimeBasicCalls_SCORM12.zip of ../shared/fixtures (one SCO), imported with
lms.scorm.packages.import_package. Requests go to 127.0.0.1 with the
content host (content.localhost:<port>, HOCVIEN_CONTENT_ORIGIN) in the
Host header, without a cookie, as the player's do; one commit in ten is the
text/plain of sendBeacon. Every answer is checked: HTTP 200, result true,
no problems; in the closed and open loops every commit applied and only the
final one completing. The stored data and the completions of every phase
are checked, too.

The server, the settings and the CPU accounting are those of
bench/watch_endpoint.py (gunicorn, lms.site.settings.production, 2 sync
workers, DATABASE_CONN_MAX_AGE=60): see there. Everything lives in a
throw-away database (hocvien_bench_scorm) on the server of --postgres and a
temporary folder (the unpacked package included), both removed at the end.

    python -m bench.scorm_commit [--postgres URL] [--quick] ...

Exit status 1 when a request failed, a learner's data was lost or mixed, a
completion is missing or the query count grows with the course; the latency
target is reported as PASS/FAIL, not in the exit status.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench import watch_endpoint as watch

DATABASE = "hocvien_bench_scorm"
FIXTURE = next(
    (
        folder / "scorm12/RuntimeBasicCalls_SCORM12.zip"
        for folder in (
            watch.REPO.parent / "shared/fixtures",
            Path("/work/shared/fixtures"),
        )
        if folder.is_dir()
    ),
    watch.REPO.parent / "shared/fixtures/scorm12/RuntimeBasicCalls_SCORM12.zip",
)
ITEM_KEY = "lesson1:scorm1"
OTHER_ITEMS = 9  # the load course: the package and 9 documents
QUERY_SIZES = (10, 500)  # other items on the courses of the query count
CLOSED_LEVELS = (1, 10, 50, 200)
CLOSED_MIN_LEARNERS = 20
WARM_UP_LEARNERS = 8
SUSPEND_BYTES = 1024
TARGET_P95_MS = 50.0
JITTER = 0.02  # seconds of network delay, so overlapping commits arrive reordered
JSON_TYPE = "application/json"
BEACON_TYPE = "text/plain;charset=UTF-8"
LOCATION = "cmi.core.lesson_location"
LOCATION_FORM = re.compile(r"L(\d+)-(\d+)")
ADD_ON = (
    "for comparison, the existing Wagtail SCORM add-on measured here (issue): "
    "~8 commit cycles/s at 200 learners with p95 near 7 s, lost or mixed values "
    "for 32 of 50 learners with overlapping requests, 1,017 queries to record a "
    "completion on a 500-lesson course"
)


def values(index: int, sequence: int, final: bool) -> dict[str, str]:
    """What learner ``index`` commits as number ``sequence``: every value
    names both, so stored data shows which commit it came from."""
    head = f"learner={index};seq={sequence};"
    return {
        LOCATION: f"L{index}-{sequence}",
        "cmi.suspend_data": (head * (SUSPEND_BYTES // len(head) + 1))[:SUSPEND_BYTES],
        "cmi.core.score.raw": str((index * 7 + sequence) % 101),
        "cmi.core.lesson_status": "completed" if final else "incomplete",
    }


@dataclass
class Learner:
    index: int
    username: str
    token: str
    final: int  # sequence number of the last commit, which terminates
    sco: str = ""
    launch: str = ""
    sent: int = 0  # open loop: the last sequence sent
    answers: list = field(default_factory=list)  # (sequence, applied, completed)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def body(self, sequence: int) -> dict:
        final = sequence == self.final
        return {
            "sco": self.sco,
            "launch": self.launch,
            "sequence": sequence,
            "terminate": final,
            "values": values(self.index, sequence, final),
        }


# ------------------------------------------------------------ set-up
def build_course(slug: str, others: int):
    """A plain page holding the package item and ``others`` documents."""
    from wagtail.models import Page, Site

    from lms.progress import api as progress
    from lms.progress.data import ItemKind, ItemSpec

    home = Site.objects.get(is_default_site=True).root_page
    course = home.add_child(instance=Page(title=f"SCORM {slug}", slug=slug))
    items = [ItemSpec(key=ITEM_KEY, kind=ItemKind.SCORM, title="Gói SCORM")]
    items += [
        ItemSpec(key=f"doc{n}", kind=ItemKind.DOCUMENT, title=f"Tài liệu {n}")
        for n in range(others)
    ]
    progress.sync_course_items(course=course, items=items)
    return course


def import_fixture() -> int:
    from lms.scorm.packages import import_package

    with FIXTURE.open("rb") as file:
        return import_package(file=file, file_name=FIXTURE.name).package_id


def enrolled(course, package_id: int, name: str, index: int, final: int) -> Learner:
    from django.contrib.auth import get_user_model

    from lms.progress import api as progress
    from lms.scorm.launch import CompletionRule, LaunchTicket, launch_token

    user = get_user_model().objects.create_user(username=name)
    progress.enrol(user=user, course=course, source="bench")
    ticket = LaunchTicket(
        user_id=user.pk,
        course_id=course.pk,
        item_key=ITEM_KEY,
        package_id=package_id,
        rule=CompletionRule(),
        frame_origin="http://127.0.0.1",
        language="vi",
    )
    return Learner(index, name, launch_token(ticket), final)


def make_learners(course, package_id, phase: str, numbers, final) -> list:
    """Learners numbered ``numbers``, unique over the whole run, so that a
    value stored for the wrong learner is seen, whichever phase it is from."""
    return [
        enrolled(course, package_id, f"scorm-{phase}-{n:04d}", n, final)
        for n in numbers
    ]


# ------------------------------------------------------------ HTTP client
class Committer:
    """One client connection (http.client reconnects by itself when a sync
    worker closes it), speaking to the content host as the player does."""

    def __init__(self, port: int, seed: int = 0):
        self.connection = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=watch.TIMEOUT
        )
        self.host = f"content.localhost:{port}"

    def post(self, learner: Learner, action: str, body: dict, kind=JSON_TYPE):
        """The JSON answer, or None and what went wrong."""
        headers = {
            "Host": self.host,
            "Content-Type": kind,
            "X-Forwarded-Proto": "https",  # as the nginx of deploy/README.md sets
        }
        path = f"/scorm/play/{learner.token}/{action}/"
        try:
            self.connection.request("POST", path, json.dumps(body).encode(), headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            return None, f"{action}: {type(error).__name__}: {error}"
        if response.status != 200:
            return None, f"{action}: HTTP {response.status}: {data[:200]!r}"
        try:
            return json.loads(data), None
        except ValueError:
            return None, f"{action}: not JSON: {data[:200]!r}"

    def deliver(self, learner: Learner) -> str | None:
        answer, error = self.post(learner, "deliver", {"request": "start"})
        if error:
            return error
        if not answer.get("sco") or not answer.get("launch") or not answer.get("url"):
            return f"deliver: unexpected answer {answer}"
        learner.sco, learner.launch = answer["sco"], answer["launch"]
        return None

    def commit(self, learner: Learner, sequence: int, strict=True) -> str | None:
        """Send commit ``sequence``; None when the answer is right. Strict:
        commits of one learner do not overlap, so each must be applied and
        only the final one complete the activity."""
        beacon = (learner.index + sequence) % 10 == 0  # one in ten
        kind = BEACON_TYPE if beacon else JSON_TYPE
        answer, error = self.post(learner, "commit", learner.body(sequence), kind)
        if error:
            return error
        applied, completed = answer.get("applied"), answer.get("completed")
        learner.answers.append((sequence, applied, completed))
        wrong = (
            answer.get("result") is not True
            or answer.get("errorCode") != 0
            or answer.get("problems") != []
        )
        if strict:
            wrong = wrong or applied is not True
            wrong = wrong or completed is not (sequence == learner.final)
        return f"commit {sequence}: unexpected answer {answer}" if wrong else None

    def report(self, learner: Learner) -> str | None:
        """The open loop's contract (watch_endpoint.open_loop)."""
        learner.sent += 1
        return self.commit(learner, learner.sent)

    def close(self):
        self.connection.close()


# ------------------------------------------------------------ load phases
def deliver_all(port, learners) -> watch.Outcome:
    """Each learner's session starts (not part of the figures of a phase)."""
    outcome, local = watch.Outcome(), threading.local()

    def start(learner):
        if not hasattr(local, "client"):
            local.client = Committer(port)
        started = time.perf_counter()
        error = local.client.deliver(learner)
        outcome.latencies.append(time.perf_counter() - started)
        if error:
            outcome.errors.append(error)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(start, learners))
    return outcome


def closed_loop(port, learners, clients: int) -> watch.Outcome:
    """``clients`` threads, each taking its share of the learners one after
    another, each commit sent as soon as the previous answer came back."""
    outcome = watch.Outcome()

    def work(number):
        client = Committer(port, number)
        for learner in learners[number::clients]:
            for sequence in range(1, learner.final + 1):
                started = time.perf_counter()
                error = client.commit(learner, sequence)
                outcome.latencies.append(time.perf_counter() - started)
                if error:
                    outcome.errors.append(error)
        client.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.wall = time.perf_counter() - started
    return outcome


def overlapping(port, learners, in_flight: int) -> watch.Outcome:
    """All learners at once, each sending its commits in order with up to
    ``in_flight`` of them unanswered, as a browser's autocommit, a commit on
    a page change and a sendBeacon on leaving do."""
    outcome = watch.Outcome()

    def learner_run(learner):
        local = threading.local()
        rng = random.Random(learner.index)  # noqa: S311 - load shape, not secrets

        def send(sequence):
            if not hasattr(local, "client"):
                local.client = Committer(port)
            time.sleep(rng.uniform(0, JITTER))
            started = time.perf_counter()
            error = local.client.commit(learner, sequence, strict=False)
            outcome.latencies.append(time.perf_counter() - started)
            if error:
                outcome.errors.append(error)

        with ThreadPoolExecutor(max_workers=in_flight) as pool:
            list(pool.map(send, range(1, learner.final + 1)))

    started = time.perf_counter()
    threads = [threading.Thread(target=learner_run, args=(x,)) for x in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.wall = time.perf_counter() - started
    return outcome


# ------------------------------------------------------------ checks
def judge(learner: Learner, stored: dict) -> str | None:
    """None when ``stored`` is the learner's last commit; "lost" when it is
    an older commit of theirs; "mixed" otherwise (values of several commits
    or of another learner)."""
    if stored == values(learner.index, learner.final, final=True):
        return None
    found = LOCATION_FORM.fullmatch(str(stored.get(LOCATION, "")))
    if found and int(found[1]) == learner.index:
        sequence = int(found[2])
        if stored == values(learner.index, sequence, sequence == learner.final):
            return "lost"
    return "mixed"


def verify(course, learners) -> dict[str, list[str]]:
    """Compare each learner's stored SCO data and completion with what was
    sent; the learners wrong, by kind of problem."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from lms.progress import api as progress
    from lms.scorm.models import ScoData

    names = [learner.username for learner in learners]
    stored = dict(
        ScoData.objects.filter(
            attempt__course=course, attempt__user__username__in=names
        ).values_list("attempt__user__username", "cmi")
    )
    users = get_user_model().objects.in_bulk(names, field_name="username")
    wrong = {"lost": [], "mixed": [], "not completed": [], "completed twice": []}
    for learner in learners:
        kind = judge(learner, stored.get(learner.username, {}))
        if kind:
            shown = str(stored.get(learner.username, {}).get(LOCATION))
            wrong[kind].append(f"{learner.username} (location {shown})")
        keys = progress.completed_item_keys(
            user=users[learner.username], course_id=course.pk
        )
        if ITEM_KEY not in keys:
            wrong["not completed"].append(learner.username)
        if sum(1 for _s, _a, completed in learner.answers if completed) > 1:
            wrong["completed twice"].append(learner.username)
    connection.close()  # no connection of ours during the next phase
    return wrong


def queries_per_commit(content_host: str, package_id: int) -> dict[int, dict]:
    """SQL queries of whole commit requests, through Django's test client on
    the same database, for a learner of its own on a course of each size."""
    from django.test import Client

    counts = {}
    for size in QUERY_SIZES:
        course = build_course(f"scorm-queries-{size}", size)
        learner = enrolled(course, package_id, f"scorm-probe-{size}", 0, 3)
        client = Client(HTTP_HOST=content_host)
        answer, _count = probe(client, learner, "deliver", {"request": "start"})
        learner.sco, learner.launch = answer["sco"], answer["launch"]
        counts[size] = {
            "first commit of a session": probe(client, learner, 1)[1],
            "next commit": probe(client, learner, 2)[1],
            "late commit (ignored)": probe(client, learner, 1)[1],
            "completing commit (final)": probe(client, learner, 3)[1],
        }
        watch.check(learner.answers[-1][2] is True, learner.answers)
        watch.check(ITEM_KEY in completed_keys(learner, course), "not completed")
    return counts


def probe(client, learner: Learner, action, body=None) -> tuple[dict, int]:
    """One request through the test client (a sequence number: a commit)
    and its SQL queries; the answer checked as the load's are."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if isinstance(action, int):
        action, body, sequence = "commit", learner.body(action), action
    url = f"/scorm/play/{learner.token}/{action}/"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, body, content_type=JSON_TYPE)
    answer = response.json()
    watch.check(response.status_code == 200, answer)
    if action == "commit":
        watch.check(answer.get("result") and answer.get("problems") == [], answer)
        learner.answers.append((sequence, answer["applied"], answer["completed"]))
    return answer, len(queries)


def completed_keys(learner: Learner, course) -> set:
    from django.contrib.auth import get_user_model

    from lms.progress import api as progress

    user = get_user_model().objects.get(username=learner.username)
    return progress.completed_item_keys(user=user, course_id=course.pk)


# ------------------------------------------------------------ report
class Figures(watch.Figures):
    WHOLE = watch.Figures.WHOLE | {"commits", "learners"}


def show(report: Figures, title: str):
    print("\n" + report.render(title=title), flush=True)


def add_data_check(report, label, wrong: dict[str, list[str]], learners):
    report.add(f"{label}: learners checked", len(learners), "learners")
    for kind, names in wrong.items():
        report.add(f"{label}: learners {kind}", len(names), "errors")
    ignored = sum(1 for x in learners for _s, applied, _c in x.answers if not applied)
    report.add(f"{label}: late commits ignored (applied false)", ignored, "commits")


def print_errors(errors, wrong: dict[str, list[str]]):
    for error in sorted(set(errors))[:10]:
        print(f"  error: {error}")
    for kind, names in wrong.items():
        if names:
            print(f"  {kind}: {len(names)}, e.g. {', '.join(names[:5])}")


# ------------------------------------------------------------ main
def options(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres",
        default=watch.DEFAULT_SERVER,
        help=f"server URL; the database {DATABASE} is created and dropped on it",
    )
    parser.add_argument(
        "--cycles", type=int, default=20, help="commits before the final one"
    )
    parser.add_argument("--learners", type=int, default=200, help="open loop")
    parser.add_argument("--every", type=float, default=10.0, help="commit interval")
    parser.add_argument("--open-seconds", type=float, default=120.0)
    parser.add_argument("--overlap-learners", type=int, default=50)
    parser.add_argument("--in-flight", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DATABASE_CONN_MAX_AGE of the server (the settings' default: 60)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="8 cycles, a 30-second open loop"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.cycles, args.open_seconds = 8, 30.0
    return args


class Bench:
    """One run: the server, the course, the learners of each phase."""

    def __init__(self, args, scratch, port, pids, course, package_id):
        self.args, self.scratch, self.port, self.pids = args, scratch, port, pids
        self.course, self.package_id = course, package_id
        self.errors, self.wrong, self.numbered = [], {}, 0
        self.database_pids = scratch.backend_pids if args.conn_max_age else None

    def learners(self, phase: str, count: int, final: int) -> list[Learner]:
        from django.db import connection

        numbers = range(self.numbered, self.numbered + count)
        self.numbered += count
        made = make_learners(self.course, self.package_id, phase, numbers, final)
        connection.close()
        started = deliver_all(self.port, made)
        self.errors += started.errors
        return made

    def check_data(self, report, label, learners) -> dict[str, list[str]]:
        wrong = verify(self.course, learners)
        add_data_check(report, label, wrong, learners)
        for kind, names in wrong.items():
            self.wrong.setdefault(kind, []).extend(names)
        return wrong

    def closed(self, level: int) -> float:
        count = max(level, CLOSED_MIN_LEARNERS)
        learners = self.learners(f"c{level}", count, self.args.cycles + 1)
        with watch.CpuMeter(self.pids, self.database_pids) as cpu:
            outcome = closed_loop(self.port, learners, level)
        label = f"closed loop, {level} at once ({count} learners)"
        report = Figures()
        watch.add_phase(report, label, outcome, cpu, "commit", "commits/s")
        self.check_data(report, label, learners)
        self.errors += outcome.errors
        show(report, f"Closed loop: {level} learner(s) committing at once")
        return len(outcome.latencies) / outcome.wall

    def opened(self) -> float:
        args = self.args
        gap = args.every / args.learners  # as watch_endpoint.open_loop spaces them
        count = int(args.open_seconds / gap)
        learners = self.learners("open", args.learners, 0)
        for position, learner in enumerate(learners):  # sent learners[n % len]
            learner.final = len(range(position, count, args.learners))
        time.sleep(2)
        with watch.CpuMeter(self.pids, self.database_pids) as cpu:
            outcome = watch.open_loop(
                self.port, learners, args.every, args.open_seconds, Committer
            )
        label = f"open loop, {args.learners} learners every {args.every:g} s"
        report = Figures()
        watch.add_phase(report, label, outcome, cpu, "commit", "commits/s")
        self.check_data(report, label, learners)
        self.errors += outcome.errors
        show(report, f"Open loop: {args.learners} learners at a realistic pace")
        return watch.percentile(outcome.latencies, 0.95) * 1000

    def overlap(self) -> int:
        args = self.args
        learners = self.learners("overlap", args.overlap_learners, args.cycles + 1)
        with watch.CpuMeter(self.pids, self.database_pids) as cpu:
            outcome = overlapping(self.port, learners, args.in_flight)
        label = f"overlap, {args.in_flight} in flight per learner"
        report = Figures()
        watch.add_phase(report, label, outcome, cpu, "commit", "commits/s")
        wrong = self.check_data(report, label, learners)
        self.errors += outcome.errors
        show(report, f"Overlap: {len(learners)} learners, {args.in_flight} in flight")
        return len(set(wrong["lost"] + wrong["mixed"]))


def print_queries(counts: dict[int, dict]) -> bool:
    small, large = (counts[size] for size in QUERY_SIZES)
    report = Figures()
    for name in small:
        for size in QUERY_SIZES:
            report.add(f"{name}, {size} other items", counts[size][name], "queries")
    constant = small == large
    show(report, "SQL queries per commit request (whole request, test client)")
    print(f"constant whatever the course size: {'yes' if constant else 'NO'}")
    return constant


def main(argv=None) -> int:
    args = options(argv)
    scratch = watch.ScratchDatabase(args.postgres, DATABASE)
    var_dir = Path(tempfile.mkdtemp(prefix="hocvien-bench-scorm-"))
    port = watch.free_port()
    content_host = f"content.localhost:{port}"
    env = watch.server_env(scratch, var_dir, args.conn_max_age)
    env["HOCVIEN_CONTENT_ORIGIN"] = f"http://{content_host}"
    os.environ.update(env)
    print(f"SCORM commit endpoint: setting up in {scratch.name} ...", flush=True)
    scratch.create()
    server = None
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        # Not read from the environment by the settings: set here, for the
        # import (the server never opens the package's files in this bench).
        settings.HOCVIEN_PACKAGE_ROOT = str(var_dir / "packages")
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        package_id = import_fixture()
        course = build_course("scorm-bench", OTHER_ITEMS)
        setup_seconds = time.perf_counter() - started
        constant = print_queries(queries_per_commit(content_host, package_id))
        connection.close()  # the bench process holds no connection during load

        import gunicorn

        log = var_dir / "gunicorn.log"
        server = watch.start_gunicorn(env, port, args.workers, args.worker_class, log)
        pids = [server.pid, *watch.children(server.pid)]
        load = os.getloadavg()
        print(
            f"\nSCORM commit endpoint: gunicorn {gunicorn.__version__}, "
            f"{args.workers} {args.worker_class} workers, PostgreSQL "
            f"{scratch.server_version()}, DATABASE_CONN_MAX_AGE={args.conn_max_age}, "
            f"{os.cpu_count()} cores; package {FIXTURE.name}; {args.cycles} "
            f"cycles + a final commit per learner; set-up {setup_seconds:.1f} s; "
            f"load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
            flush=True,
        )
        bench = Bench(args, scratch, port, pids, course, package_id)
        warm_up = bench.learners("warm", WARM_UP_LEARNERS, 6)
        warm = closed_loop(port, warm_up, WARM_UP_LEARNERS)  # imports, connections
        print(f"warm-up (not measured): {len(warm.errors)} errors", flush=True)

        rates = {level: bench.closed(level) for level in CLOSED_LEVELS}
        p95 = bench.opened()
        lost = bench.overlap()
        watch.stop_gunicorn(server)

        print("\nSummary\n-------")
        for level, rate in rates.items():
            print(f"closed loop, {level:>3} at once: {rate:7.1f} commit cycles/s")
        verdict = "PASS" if p95 <= TARGET_P95_MS else "FAIL"
        print(
            f"open loop ({args.learners} learners every {args.every:g} s): p95 "
            f"{p95:.1f} ms, target <= {TARGET_P95_MS:.0f} ms: {verdict}"
        )
        print(
            f"overlap: {lost} of {args.overlap_learners} learners lost or mixed "
            "data (must be 0)"
        )
        print(
            f"queries constant whatever the course size: {'yes' if constant else 'NO'}"
        )
        print(ADD_ON)
        load = os.getloadavg()
        print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print_errors(warm.errors + bench.errors, bench.wrong)
        problems = watch.log_problems(log)
        if problems:
            print("gunicorn log:\n" + "\n".join(problems[-40:]))
        failures = warm.errors + bench.errors
        wrong = any(bench.wrong.values())
        ok = not failures and not wrong and constant
        print(f"data and answers: {'all correct' if ok else 'WRONG'}", flush=True)
        return 0 if ok else 1
    finally:
        if server is not None:
            watch.stop_gunicorn(server)
        scratch.drop()
        shutil.rmtree(var_dir, ignore_errors=True)


def run(postgres: str | None) -> int:
    """For ``python -m bench --scorm`` (see watch_endpoint.run)."""
    return watch.run(postgres, module="bench.scorm_commit")


if __name__ == "__main__":
    sys.exit(main())
