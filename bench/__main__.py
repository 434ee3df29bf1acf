"""Run every benchmark against a throw-away database loaded with the demo data.

Usage: python -m bench [--postgres URL] [--people N] [--watch] [--scorm] [--checkin]
                       [--transcode] [--upload]

The page weights (bench/page_weight.py; bench/h5p_page.py: a lesson with
three H5P activities in Chromium, before and after one is scrolled into
view) and the SQL query counts of the progress channel and the course page
(bench/progress_queries.py) always run. ``--watch`` adds the watch-report
endpoint under gunicorn on PostgreSQL (bench/watch_endpoint.py, ~3 minutes;
its own throw-away database on the server of --postgres, or on the local
one). ``--scorm`` adds the SCORM runtime commit endpoint the same way
(bench/scorm_commit.py, ~5 minutes), and ``--checkin`` QR check-in of 100
learners within a minute (bench/check_in.py, ~2 minutes). ``--transcode``
adds the transcoding benchmark (bench/transcode.py), which takes tens of
minutes and prints its figures as it goes. ``--upload`` adds the resumable
upload benchmark (bench/upload.py: 2 GiB through the admin's tus endpoint on
a real server process, under a minute).
"""

import argparse
import io
import os
import sys
import tempfile
import time

from bench.report import Report


def configure(database_url: str | None) -> str:
    var_dir = tempfile.mkdtemp(prefix="hocvien-bench-")
    os.environ["HOCVIEN_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.site.settings.test"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    return var_dir


def load_demo(report: Report):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    for label in ["first load", "second load (no changes)"]:
        started = time.perf_counter()
        call_command("load_demo_data", stdout=io.StringIO())
        report.add(
            f"demo data (fast test hasher): {label}", time.perf_counter() - started, "s"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="database URL; default SQLite")
    parser.add_argument(
        "--people",
        type=int,
        default=0,
        help="add this many synthetic people and measure again",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="also load-test the watch-report endpoint under gunicorn on PostgreSQL",
    )
    parser.add_argument(
        "--certificates",
        action="store_true",
        help="also issue 10,000 certificates, render PDFs, time verification",
    )
    parser.add_argument(
        "--checkin",
        action="store_true",
        help="also load-test QR check-in (100 learners in a minute) on PostgreSQL",
    )
    parser.add_argument(
        "--scorm",
        action="store_true",
        help="also load-test the SCORM commit endpoint under gunicorn on PostgreSQL",
    )
    parser.add_argument(
        "--transcode",
        action="store_true",
        help="also run the (long) transcoding benchmark against the reference ladder",
    )
    parser.add_argument(
        "--upload",
        action="store_true",
        help="also upload 2 GiB through the resumable (tus) upload of the admin",
    )
    args = parser.parse_args()
    var_dir = configure(args.postgres)
    from bench import admin_latency, h5p_page, page_weight

    report = Report()
    load_demo(report)
    page_weight.run(report)
    h5p_page.run(report)
    admin_latency.run(report)
    if args.people:
        from bench import scale

        started = time.perf_counter()
        scale.add_people(args.people)
        report.add(
            f"bulk insert of {args.people:,} people", time.perf_counter() - started, "s"
        )
        admin_latency.run(report, label=f" with {args.people:,} more people")
    print(report.render(title=f"Hocvien LMS benchmarks ({var_dir})"), flush=True)
    from bench import progress_queries

    queries, constant = progress_queries.run()
    print(f"\n{queries}\n", flush=True)
    status = 0 if constant else 1
    if args.watch:
        from bench import watch_endpoint

        status = watch_endpoint.run(args.postgres) or status
    if args.certificates:
        from bench import watch_endpoint

        status = watch_endpoint.run(args.postgres, "bench.certificates") or status
    if args.checkin:
        from bench import watch_endpoint

        status = watch_endpoint.run(args.postgres, "bench.check_in") or status
    if args.scorm:
        from bench import scorm_commit

        status = scorm_commit.run(args.postgres) or status
    if args.transcode:
        from bench import transcode

        transcode.run()
    if args.upload:
        from bench import upload

        upload.run()
    return status


if __name__ == "__main__":
    sys.exit(main())
