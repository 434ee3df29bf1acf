"""Resumable upload benchmark: the transport only (tus create, PATCH, HEAD,
DELETE) of a 2 GiB lecture to a real server process, with one connection
closed on purpose in the middle of a chunk and the upload resumed from the
offset the server reports.

Prints the throughput, the server's CPU and its resident memory as the file
grows (it must stay flat: the PATCH body is streamed to disk in 64 KiB
blocks), and whether the offset after the cut is exactly what arrived.
The bytes are random, not a lecture: finishing (ffprobe) is not measured.

``python -m bench --upload`` runs it after the other benchmarks (same
database); ``python -m bench.upload [GiB]`` runs it alone on a throw-away
SQLite database. Served by gunicorn (one gthread worker) when installed,
else by ``manage.py runserver --noreload``."""

import http.client
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHUNK = 8 * 1024**2
CUT_AT_CHUNK = 40  # the connection closed in the middle of this chunk
CUT_AFTER = 3 * 1024**2  # bytes of that chunk sent before closing
USERNAME, PASSWORD = "bench-upload", "bench-upload-2026"
MAX_RSS_GROWTH_MB = 16
TUS = {"Tus-Resumable": "1.0.0"}


def show(name: str, value: float, unit: str, target: str = ""):
    beside = f"   target {target}" if target else ""
    print(f"{name:<46} {value:>10.3f} {unit}{beside}", flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if gunicorn.exists():
        command = [
            str(gunicorn), "lms.site.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "1",
            "--worker-class", "gthread", "--threads", "2", "--timeout", "120",
            "--log-level", "warning",
        ]  # fmt: skip
    else:
        command = [
            sys.executable, str(REPO / "manage.py"), "runserver",
            "--noreload", "--nothreading", f"127.0.0.1:{port}",
        ]  # fmt: skip
    server = subprocess.Popen(command, cwd=REPO)  # noqa: S603 - our own server
    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def worker_pid(server: subprocess.Popen) -> int:
    """gunicorn's worker (the master's only child), or the runserver itself."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    for _ in range(50):
        pids = children.read_text().split() if children.exists() else []
        if pids or "gunicorn" not in " ".join(server.args):
            return int(pids[0]) if pids else server.pid
        time.sleep(0.1)
    return server.pid


def memory_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident set size in MB."""
    fields = dict(
        line.split(":", 1)
        for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]) / 1024, int(
        fields["VmHWM"].split()[0]
    ) / 1024


def cpu_seconds(pid: int) -> float:
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


class Session:
    """An admin login and the tus requests, over one kept-alive connection."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        headers = {**(headers or {}), "Cookie": self.cookie_header()}
        if method not in {"GET", "HEAD", "OPTIONS"}:
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            self.connection.close()  # the server closed it: open another
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _eq, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, data

    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def login(self):
        _response, page = self.request("GET", "/admin/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        body = (
            f"username={USERNAME}&password={PASSWORD}"
            f"&csrfmiddlewaretoken={token.decode()}&next=/admin/"
        )
        response, _data = self.request(
            "POST",
            "/admin/login/",
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login failed ({response.status})")

    def create(self, length: int) -> str:
        response, data = self.request(
            "POST",
            "/admin/lectures/uploads/",
            headers={**TUS, "Upload-Length": str(length)},
        )
        if response.status != 201:
            raise RuntimeError(f"creation refused: {response.status} {data[:200]}")
        return response.getheader("Location")

    def offset(self, url: str) -> int:
        response, _data = self.request("HEAD", url, headers=TUS)
        return int(response.getheader("Upload-Offset"))

    def patch(self, url: str, offset: int, block) -> int:
        headers = {
            **TUS,
            "Upload-Offset": str(offset),
            "Content-Type": "application/offset+octet-stream",
        }
        response, data = self.request("PATCH", url, body=block, headers=headers)
        if response.status != 204:
            raise RuntimeError(f"PATCH refused: {response.status} {data[:200]}")
        return int(response.getheader("Upload-Offset"))

    def cut_patch(self, url: str, offset: int, block: bytes, sent: int):
        """A PATCH announcing the whole chunk whose connection is closed
        after ``sent`` bytes, as a phone losing its signal would."""
        head = (
            f"PATCH {url} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            f"Cookie: {self.cookie_header()}\r\n"
            f"X-CSRFToken: {self.cookies['csrftoken']}\r\n"
            "Tus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\n"
            f"Upload-Offset: {offset}\r\nContent-Length: {len(block)}\r\n\r\n"
        )
        with socket.create_connection(("127.0.0.1", self.port)) as raw:
            raw.sendall(head.encode() + block[:sent])
            time.sleep(0.2)

    def settled_offset(self, url: str) -> int:
        """The offset once the cut request has written what it got."""
        last = -1
        for _ in range(100):
            current = self.offset(url)
            if current == last:
                return current
            last = current
            time.sleep(0.2)
        return last

    def delete(self, url: str) -> int:
        response, _data = self.request("DELETE", url, headers=TUS)
        return response.status


def prepare_user():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(username=USERNAME)
    user.is_superuser = user.is_staff = True
    user.set_password(PASSWORD)
    user.save()


def upload(session: Session, pid: int, total: int):
    """Send ``total`` bytes chunk after chunk, cutting one chunk short; print
    the figures."""
    block = secrets.token_bytes(CHUNK)
    url = session.create(total)
    print(f"upload {url}: {total / 1024**3:.2f} GiB in {CHUNK // 1024**2} MiB chunks")
    cpu_before = cpu_seconds(pid)
    started = time.perf_counter()
    offset, samples, number = 0, [], 0
    while offset < total:
        piece = memoryview(block)[: min(CHUNK, total - offset)]
        number += 1
        if number == CUT_AT_CHUNK:
            session.cut_patch(url, offset, bytes(piece), CUT_AFTER)
            resumed = session.settled_offset(url)
            right = resumed == offset + CUT_AFTER
            print(
                f"connection closed after {CUT_AFTER:,} of {len(piece):,} bytes at "
                f"offset {offset:,}; HEAD says {resumed:,}: "
                + ("correct" if right else "WRONG"),
                flush=True,
            )
            if not right:
                raise RuntimeError("wrong offset after the cut")
            offset = resumed
            continue
        offset = session.patch(url, offset, piece)
        if number % 16 == 0:
            samples.append((offset, *memory_mb(pid)))
    elapsed = time.perf_counter() - started
    cpu = cpu_seconds(pid) - cpu_before
    final = session.offset(url)
    rss_first, rss_last = samples[0][1], memory_mb(pid)[0]
    peak = memory_mb(pid)[1]
    show("upload throughput", total / 1e6 / elapsed, "MB/s")
    show("wall time", elapsed, "s")
    show("server CPU per GB", cpu / (total / 1e9), "s")
    show(f"server RSS after {samples[0][0] / 1024**2:.0f} MiB", rss_first, "MB")
    show(f"server RSS after {final / 1024**3:.2f} GiB", rss_last, "MB")
    show(
        "server RSS growth",
        rss_last - rss_first,
        "MB",
        f"<= {MAX_RSS_GROWTH_MB} (flat)",
    )
    show("server peak RSS (VmHWM)", peak, "MB")
    print(
        f"final offset {final:,} of {total:,}: "
        + ("complete" if final == total else "INCOMPLETE")
    )
    deleted = session.delete(url)
    after = session.request("HEAD", url, headers=TUS)[0].status
    print(f"DELETE -> {deleted}; HEAD after -> {after}")


def run(gib: float = 2.0):
    """Start a server on the configured database, upload, stop it."""
    prepare_user()
    port = free_port()
    server = start_server(port)
    try:
        pid = worker_pid(server)
        session = Session(port)
        session.login()
        print(f"server pid {pid} ({' '.join(server.args[:2])}), port {port}")
        upload(session, pid, int(gib * 1024**3))
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> int:
    from bench.__main__ import configure

    gib = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    var_dir = configure(os.environ.get("DATABASE_URL"))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        run(gib)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
