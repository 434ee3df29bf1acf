"""Transcoding benchmark: our FFmpegTranscoder against the reference ladder
(../shared/tools/reference-ladder) on 10-minute synthetic lectures.

Long (tens of minutes on two cores), so ``python -m bench`` runs it only with
``--transcode``; ``python -m bench.transcode`` runs it alone. Clips are cached
in /tmp/hocvien-bench-clips/. Every figure is printed as soon as it is
known, so a log of an unfinished run still says something."""

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[2] / "shared" / "tools"
CLIPS = Path("/tmp/hocvien-bench-clips")  # noqa: S108 - a shared cache, by design
# smaller values only to try the benchmark itself out
SECONDS = int(os.environ.get("HOCVIEN_BENCH_SECONDS", "600"))
RUNS = int(os.environ.get("HOCVIEN_BENCH_RUNS", "3"))
SSIM_SECONDS = 60  # one whole 60 s cycle of the clip: 15 s camera, 45 s slide
TARGETS = {
    720: {"speed": 2.7, "cpu": 38},
    1080: {"speed": 1.9, "cpu": 52},
}
MAX_RSS_MB = 400
MAX_OVERHEAD = 5
MAX_240P_AVG = 200
MAX_240P_SEGMENT = 300
MAX_MB_PER_MINUTE = 10
MAX_AUDIO_MB_PER_MINUTE = 0.4
MIN_SSIM = 0.98
SSIM_PATTERN = re.compile(r"All:([0-9.]+)")


def show(name: str, value: float, unit: str, target: str = ""):
    beside = f"   target {target}" if target else ""
    print(f"{name:<46} {value:>10.3f} {unit}{beside}", flush=True)


def ensure_clip(height: int) -> Path:
    path = CLIPS / f"lecture-{SECONDS}s-{height}p.mp4"
    if not path.exists():
        CLIPS.mkdir(parents=True, exist_ok=True)
        print(f"building {path} ...", flush=True)
        command = [str(TOOLS / "make-lecture-clip"), str(path)]
        command += ["--seconds", str(SECONDS), "--height", str(height)]
        subprocess.run(command, check=True)  # noqa: S603 - our own tool
    return path


def time_wrapper(folder: Path, rss_log: Path) -> Path:
    """A directory whose ``ffmpeg`` records its peak RSS (kB) in rss_log."""
    script = folder / "ffmpeg"
    real = shutil.which("ffmpeg")
    script.write_text(
        f'#!/bin/sh\nexec /usr/bin/time -a -o "{rss_log}" -f %M "{real}" "$@"\n'
    )
    script.chmod(0o755)
    return folder


def used_cpu() -> float:
    """CPU of this process (our Python side of the pipeline) and of its
    finished children (ffmpeg)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


class Measured:
    """Wall, CPU (ours and finished children) and peak ffmpeg RSS of a call."""

    def __init__(self, rss_log: Path):
        self.rss_log = rss_log

    def __call__(self, work):
        self.rss_log.write_text("")
        cpu, started = used_cpu(), time.perf_counter()
        work()
        wall = time.perf_counter() - started
        rss = [int(line) for line in self.rss_log.read_text().split() if line.isdigit()]
        return wall, used_cpu() - cpu, max(rss, default=0) / 1024


def run_ours(source: Path, output: Path):
    from media.probe import probe
    from media.transcoding.ffmpeg import FFmpegTranscoder

    FFmpegTranscoder().transcode(
        source=source, probe=probe(source), output_dir=output, on_progress=int
    )


def run_reference(source: Path, output: Path):
    command = [str(TOOLS / "reference-ladder"), str(source), str(output)]
    done = subprocess.run(command, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def summarise(runs):
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        max(r[2] for r in runs),
    )


def alternate(measure, source: Path, work_dir: Path, height: int):
    """Ours and the reference in turns (ours, ref, ours, ref...), so a change
    in the machine's load during the benchmark weighs on both alike."""
    contenders = [
        ("ours", run_ours, work_dir / f"ours{height}", []),
        ("reference", run_reference, work_dir / f"ref{height}", []),
    ]
    for number in range(1, RUNS + 1):
        for label, work, output, runs in contenders:
            fresh(output)
            runs.append(measure(lambda: work(source, output)))  # noqa: B023
            wall, cpu, rss = runs[-1]
            print(
                f"  {label} run {number}: {wall:.1f} s wall, {cpu:.1f} s CPU, "
                f"{rss:.0f} MB",
                flush=True,
            )
    return tuple(summarise(runs) for *_, runs in contenders)


def report_speed(height: int, label: str, figures, minutes: float):
    wall, cpu, rss = figures
    target = TARGETS[height]
    show(f"{height}p {label}: wall (median of {RUNS})", wall, "s")
    show(
        f"{height}p {label}: speed",
        SECONDS / wall,
        "x realtime",
        f">= {target['speed']}",
    )
    show(
        f"{height}p {label}: CPU per media-minute",
        cpu / minutes,
        "s",
        f"<= {target['cpu']}",
    )
    show(f"{height}p {label}: peak RSS of ffmpeg", rss, "MB", f"<= {MAX_RSS_MB}")


def ssim(rendition: Path, source: Path, width: int, height: int) -> float:
    graph = (
        f"[0:v]setpts=PTS-STARTPTS[main];"
        f"[1:v]setpts=PTS-STARTPTS,scale={width}:{height}[ref];[main][ref]ssim"
    )
    command = ["ffmpeg", "-hide_banner", "-nostdin", "-t", str(SSIM_SECONDS)]
    command += ["-i", str(rendition), "-t", str(SSIM_SECONDS), "-i", str(source)]
    command += ["-lavfi", graph, "-f", "null", "-"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return float(SSIM_PATTERN.findall(done.stderr)[-1])


def report_output(height: int, output: Path, source: Path, minutes: float):
    from media import ladder
    from media.probe import probe
    from media.transcoding import hls

    found = probe(source)
    renditions = [hls.measure(output, rung, found) for rung in ladder.plan(found)]
    by_name = {r.name: r for r in renditions}
    low = hls.read_segments(output / "240p" / "index.m3u8")
    show(
        f"{height}p ours: 240p average",
        by_name["240p"].average_bandwidth / 1000,
        "kb/s",
        f"<= {MAX_240P_AVG}",
    )
    show(
        f"{height}p ours: 240p busiest 4 s segment",
        max(s.bits_per_second for s in low) / 1000,
        "kb/s",
        f"<= {MAX_240P_SEGMENT}",
    )
    total = sum(r.size_bytes for r in renditions) / 1e6 / minutes
    show(
        f"{height}p ours: all renditions per media-minute",
        total,
        "MB",
        f"<= {MAX_MB_PER_MINUTE}",
    )
    audio = by_name["audio"].size_bytes / 1e6 / minutes
    show(
        f"{height}p ours: audio-only per media-minute",
        audio,
        "MB",
        f"<= {MAX_AUDIO_MB_PER_MINUTE}",
    )
    for r in renditions:
        if r.height:
            value = ssim(output / r.playlist, source, r.width, r.height)
            show(
                f"{height}p ours: SSIM {r.name} (first {SSIM_SECONDS} s)",
                value,
                "",
                f">= {MIN_SSIM}",
            )


def bench_height(height: int, measure, work_dir: Path):
    source = ensure_clip(height)
    minutes = SECONDS / 60
    print(f"\n== {height}p source {source} ({SECONDS} s)", flush=True)
    ours, ref = alternate(measure, source, work_dir, height)
    report_speed(height, "ours", ours, minutes)
    report_speed(height, "reference", ref, minutes)
    show(
        f"{height}p ours vs reference: wall overhead",
        100 * (ours[0] / ref[0] - 1),
        "%",
        f"<= {MAX_OVERHEAD}",
    )
    show(
        f"{height}p ours vs reference: CPU overhead",
        100 * (ours[1] / ref[1] - 1),
        "%",
        f"<= {MAX_OVERHEAD}",
    )
    report_output(height, work_dir / f"ours{height}", source, minutes)


def run(heights=(720, 1080)):
    """Print every figure beside its target; returns nothing."""
    work_dir = Path(tempfile.mkdtemp(prefix="hocvien-bench-transcode-"))
    rss_log = work_dir / "rss.log"
    wrapper = time_wrapper(fresh(work_dir / "bin"), rss_log)
    os.environ["PATH"] = f"{wrapper}{os.pathsep}{os.environ['PATH']}"
    print(f"transcoding benchmark, outputs in {work_dir}", flush=True)
    try:
        for height in heights:
            bench_height(height, Measured(rss_log), work_dir)
    finally:
        os.environ["PATH"] = os.environ["PATH"].split(os.pathsep, 1)[1]


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.site.settings.test")
    import django

    django.setup()
    heights = tuple(int(h) for h in sys.argv[1:]) or (720, 1080)
    run(heights)
